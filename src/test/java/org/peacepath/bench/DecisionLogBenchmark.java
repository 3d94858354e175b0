package org.peacepath.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.peacepath.decide.Decision;
import org.peacepath.decide.DecisionService;
import org.peacepath.ops.DecisionLog;
import org.peacepath.rules.RuleSets;
import org.peacepath.wire.Json;
import org.peacepath.wire.Requests;

/**
 * What the decision log adds to one answer: its line built and appended, by one thread or by several at
 * once (group commit), to a file or to {@code /dev/null} (the log's own work without the file system's).
 * Run with {@code mvn -B test-compile exec:exec@jmh -Djmh.args="DecisionLogBenchmark"}; add
 * {@code -t 4} to append from four threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecisionLogBenchmark {
  /** Where the log is written: a file in a temporary folder, or nowhere. */
  @Param({"file", "file.gz", "/dev/null"})
  public String target;

  private DecisionLog log;
  private Path folder;
  private JsonNode request;
  private byte[] body;
  private byte[] answer;
  private Decision.RuleSetRef ruleset;

  @Setup
  public void open() throws Exception {
    DecisionService service = new DecisionService(RuleSets.load(Path.of("rules")));
    body = EvaluateBenchmark.loadTestBody();
    request = Json.MAPPER.readTree(body);
    Decision decision = service.evaluate(new Requests(service).evaluate(request));
    answer = Json.MAPPER.writeValueAsBytes(decision);
    ruleset = decision.ruleset();
    folder = Files.createTempDirectory("peacepath-log-bench");
    log = DecisionLog.open(target.startsWith("file") ? folder.resolve("decisions.jsonl" + target.substring(4)) : Path.of(target));
  }

  @TearDown
  public void close() throws Exception {
    log.close();
    try (var files = Files.list(folder)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    Files.delete(folder);
  }

  @Benchmark
  public void append() {
    log.append("decision", "3f1c2a9e-0000-4000-8000-000000000000", ruleset, body, request, answer);
  }
}
