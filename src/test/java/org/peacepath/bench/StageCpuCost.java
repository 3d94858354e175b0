package org.peacepath.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.peacepath.decide.Counting;
import org.peacepath.decide.Decision;
import org.peacepath.decide.DecisionService;
import org.peacepath.decide.EvaluateRequest;
import org.peacepath.decide.Evaluator;
import org.peacepath.decide.RecordedStep;
import org.peacepath.decide.Replay;
import org.peacepath.decide.Verdicts;
import org.peacepath.rules.RuleSet;
import org.peacepath.rules.RuleSets;
import org.peacepath.wire.Json;
import org.peacepath.wire.Requests;

/**
 * Where the CPU time of {@code POST /v1/evaluate} goes in process, stage by stage, for the load test's two
 * bodies ({@code src/bench/evaluate.lua} undated, {@code src/bench/dated.lua} dated): the body parsed, the
 * request read from it, the records counted, the decision (a Drools session), the replay in date order
 * (dated only), the verdicts, the answer written, and the whole answer ({@code DecisionService.evaluate}).
 * Each stage runs in blocks of its own, all stages in turn, so that they share the machine's moods; CPU time
 * of this thread, median and best of the blocks, in microseconds. A profiler's samples put time where the
 * JIT inlined it; this says what each stage costs when it alone runs.
 *
 * <p>Run from the project folder: {@code mvn -B -q test-compile exec:exec -Dexec.executable=java
 * -Dexec.classpathScope=test -Dexec.args="-Xms256m -Xmx256m -XX:+UseParallelGC -cp %classpath
 * org.peacepath.bench.StageCpuCost 10"} (blocks of each stage).
 */
public final class StageCpuCost {
  private StageCpuCost() {}

  private static final String[] STAGES = {"parse JSON", "read request", "count", "decide", "replay", "verdicts",
      "write JSON", "evaluate (all)"};

  public static void main(String[] args) throws Exception {
    int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    DecisionService service = new DecisionService(RuleSets.load(Path.of("rules")));
    // the copies for incremental sessions, as the server has them compiled, in the background, after it starts
    org.peacepath.decide.Replay.prepareNow(service.ruleSets());
    Requests requests = new Requests(service);
    String[] names = {"undated", "dated"};
    byte[][] bodies = {EvaluateBenchmark.loadTestBody("src/bench/evaluate.lua"),
        EvaluateBenchmark.loadTestBody("src/bench/dated.lua")};
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[][][] costs = new double[2][STAGES.length][blocks];
    long sink = 0;
    int perBlock = 2_000;
    for (int block = -3; block < blocks; block++) { // three blocks of warm-up
      for (int body = 0; body < 2; body++) {
        JsonNode tree = Json.MAPPER.readTree(bodies[body]);
        EvaluateRequest request = requests.evaluate(tree);
        RuleSet ruleSet = request.ruleSet();
        List<RecordedStep> records = request.completed();
        Counting counting = Counting.of(ruleSet.catalog(), records);
        Decision decision = Evaluator.decide(ruleSet, records);
        Decision answer = service.evaluate(request);
        for (int stage = 0; stage < STAGES.length; stage++) {
          if (stage == 4 && body == 0) {
            continue; // an undated record is not replayed
          }
          long start = threads.getCurrentThreadCpuTime();
          for (int i = 0; i < perBlock; i++) {
            sink += switch (stage) {
              case 0 -> Json.MAPPER.readTree(bodies[body]).size();
              case 1 -> requests.evaluate(tree).completed().size();
              case 2 -> Counting.of(ruleSet.catalog(), records).counted().size();
              case 3 -> Evaluator.decide(ruleSet, records).blocked().size();
              case 4 -> Replay.irregular(ruleSet, records, counting).size();
              case 5 -> Verdicts.attach(ruleSet, records, decision).steps().size();
              case 6 -> Json.MAPPER.writeValueAsBytes(answer).length;
              default -> service.evaluate(request).blocked().size();
            };
          }
          if (block >= 0) {
            costs[body][stage][block] = (threads.getCurrentThreadCpuTime() - start) / 1_000.0 / perBlock;
          }
        }
      }
    }
    System.out.printf("%-16s %18s %18s%n", "µs of CPU", names[0] + " (best)", names[1] + " (best)");
    for (int stage = 0; stage < STAGES.length; stage++) {
      StringBuilder row = new StringBuilder(String.format("%-16s", STAGES[stage]));
      for (int body = 0; body < 2; body++) {
        double[] sorted = costs[body][stage].clone();
        Arrays.sort(sorted);
        row.append(stage == 4 && body == 0 ? String.format("%18s", "-")
            : String.format("%11.1f (%4.1f)", sorted[blocks / 2], sorted[0]));
      }
      System.out.println(row);
    }
    System.out.println(sink == 0 ? "" : "(" + blocks + " blocks of " + perBlock + " a stage and body)");
  }
}
