package org.peacepath.bench;

import java.nio.file.Files;
import java.nio.file.Path;
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
import org.peacepath.plan.Plan;
import org.peacepath.plan.Planner;
import org.peacepath.rules.RuleSet;
import org.peacepath.rules.RuleSets;

/** How the cost of a plan grows with the catalog: chains and wide fans of 50 and 100 made-up steps. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SyntheticPlanBenchmark {
  @Param({"chain", "fan"})
  public String shape;

  @Param({"50", "100"})
  public int size;

  private RuleSet ruleSet;

  @Setup
  public void write() throws Exception {
    Path root = SyntheticRules.write(Files.createTempDirectory("peacepath-synthetic"), shape, size);
    ruleSet = RuleSets.load(root).get("synthetic").orElseThrow();
  }

  @Benchmark
  public Plan toLastStep() {
    return new Planner(ruleSet).plan(List.of(), SyntheticRules.id(size), org.peacepath.decide.Advice.IGNORE);
  }
}
