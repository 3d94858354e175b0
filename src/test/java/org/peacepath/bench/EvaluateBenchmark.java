package org.peacepath.bench;

import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;
import org.peacepath.decide.Decision;
import org.peacepath.decide.Evaluator;
import org.peacepath.decide.RecordedStep;
import org.peacepath.rules.RuleSet;
import org.peacepath.rules.RuleSets;

/**
 * One evaluation in process, warm: the target is a median under 50 µs for a 10-step state.
 * Sample mode reports the median (p0.50) and the tail.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EvaluateBenchmark {
  /** The rule set to decide under. */
  @Param({"sigal"})
  public String ruleset;

  private RuleSet ruleSet;
  private org.peacepath.decide.DecisionService service;
  private byte[] body;
  private byte[] datedBody;
  private org.peacepath.decide.DecisionService unprepared;
  private List<RecordedStep> tenSteps;
  private List<RecordedStep> empty;

  @Setup
  public void load() throws Exception {
    ruleSet = RuleSets.load(java.nio.file.Path.of("rules")).get(ruleset).orElseThrow();
    tenSteps = List.of("peace-declaration", "dismantlement", "peace-mechanism", "dismantlement",
            "four-party-talks", "normalization", "border-rectification", "artillery-redeployment",
            "force-posture-changes", "missile-restraint").stream()
        .map(RecordedStep::of).toList();
    empty = List.of();
    service = new org.peacepath.decide.DecisionService(RuleSets.load(java.nio.file.Path.of("rules")));
    body = loadTestBody();
    datedBody = loadTestBody("src/bench/dated.lua");
    // The server compiles the rules' copies for incremental sessions in the background; here, before measuring.
    org.peacepath.decide.Replay.prepareNow(service.ruleSets());
    unprepared = new org.peacepath.decide.DecisionService(RuleSets.load(java.nio.file.Path.of("rules")));
  }

  /** The body the load test sends to {@code POST /v1/evaluate}, as written in {@code src/bench/evaluate.lua}. */
  static byte[] loadTestBody() throws java.io.IOException {
    return loadTestBody("src/bench/evaluate.lua");
  }

  /** The body a wrk script of {@code src/bench} sends. */
  static byte[] loadTestBody(String script) throws java.io.IOException {
    return java.nio.file.Files.readString(java.nio.file.Path.of(script))
        .replaceAll("(?s).*wrk.body = '", "").replaceAll("' \\.\\.\\s*'", "").replaceAll("'\\s*$", "").trim()
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** What the server does for POST /v1/evaluate, less HTTP: read the body, decide, write the answer. */
  @Benchmark
  public byte[] bodyToAnswer() throws Exception {
    return org.peacepath.wire.Json.MAPPER.writeValueAsBytes(service.evaluate(
        new org.peacepath.wire.Requests(service).evaluate(org.peacepath.wire.Json.MAPPER.readTree(body))));
  }

  /** The same with every record dated, as the workbench's timeline sends it: decided, and replayed in one session. */
  @Benchmark
  public byte[] datedBodyToAnswer() throws Exception {
    return answer(service, datedBody);
  }

  /** The dated body replayed as before issue 18, a decision for each record: what a server does until its rules' incremental copy is compiled. */
  @Benchmark
  public byte[] datedBodyToAnswerDecisionByDecision() throws Exception {
    return answer(unprepared, datedBody);
  }

  private static byte[] answer(org.peacepath.decide.DecisionService service, byte[] body) throws Exception {
    return org.peacepath.wire.Json.MAPPER.writeValueAsBytes(service.evaluate(
        new org.peacepath.wire.Requests(service).evaluate(org.peacepath.wire.Json.MAPPER.readTree(body))));
  }

  @Benchmark
  public Decision tenStepState() {
    return Evaluator.decide(ruleSet, tenSteps);
  }

  /** The same within a {@link org.peacepath.rules.DecisionBudget}, as the server decides: what the budget costs. */
  @Benchmark
  public Decision tenStepStateInBudget() {
    try (org.peacepath.rules.DecisionBudget budget = org.peacepath.rules.DecisionBudget.open(() -> false)) {
      return Evaluator.decide(ruleSet, tenSteps);
    }
  }

  @Benchmark
  public Decision emptyState() {
    return Evaluator.decide(ruleSet, empty);
  }
}
