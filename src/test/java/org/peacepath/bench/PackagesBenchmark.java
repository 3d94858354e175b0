package org.peacepath.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
 * A decision with its packages ({@code "packages": true}), warm, under each rule set that allows them,
 * for records that hold back the most steps: the target is under 5 ms. {@code none} is the same
 * decision without packages, to show what asking for them costs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class PackagesBenchmark {
  /** Records that hold many steps back: nothing yet; history out of order; a long way down the road. */
  static final Map<String, List<String>> RECORDS = Map.of(
      "empty", List.of(),
      "out-of-order", List.of("interim-peace-agreement"),
      "midway", List.of("peace-declaration", "dismantlement", "peace-mechanism", "four-party-talks",
          "normalization", "interim-peace-agreement"));

  @Param({"sigal", "treaty-first"})
  public String ruleset;

  @Param({"empty", "out-of-order", "midway"})
  public String record;

  private RuleSet ruleSet;
  private List<RecordedStep> records;

  @Setup
  public void load() throws Exception {
    ruleSet = RuleSets.load(Path.of("rules")).get(ruleset).orElseThrow();
    records = RECORDS.get(record).stream().map(RecordedStep::of).toList();
    // As a server has them once packages are first asked for: its rules compiled for the trials' session.
    org.peacepath.rules.IncrementalRules.compile(ruleSet);
    org.peacepath.rules.FirmRules.of(ruleSet);
  }

  @Benchmark
  public Decision withPackages() {
    return Evaluator.evaluate(ruleSet, records, true);
  }

  @Benchmark
  public Decision none() {
    return Evaluator.evaluate(ruleSet, records, false);
  }
}
