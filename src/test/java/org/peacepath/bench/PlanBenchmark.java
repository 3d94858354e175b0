package org.peacepath.bench;

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

/** A plan from an empty state to the peace treaty, warm, under each bundled rule set: the target is under 200 ms. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PlanBenchmark {
  @Param({"sigal", "treaty-first", "denuclearization-first"})
  public String ruleset;

  private RuleSet ruleSet;

  @Setup
  public void load() throws Exception {
    ruleSet = RuleSets.load(Path.of("rules")).get(ruleset).orElseThrow();
  }

  @Benchmark
  public Plan toPeaceTreaty() {
    return new Planner(ruleSet).plan(List.of(), "peace-treaty", org.peacepath.decide.Advice.FOLLOW);
  }
}
