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
import org.peacepath.decide.Advice;
import org.peacepath.plan.Plan;
import org.peacepath.plan.Planner;
import org.peacepath.rules.RuleSet;
import org.peacepath.rules.RuleSets;

/**
 * A plan from the empty record to each goal of domain.md's roads table, warm, under each bundled rule
 * set and both advice modes: the target is under 50 ms each.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class PlanBenchmark {
  @Param({"sigal", "treaty-first", "denuclearization-first"})
  public String ruleset;

  @Param({"peace-treaty", "denuclearization", "satellite-launch-services", "treaty-endorsement", "joint-watch-center"})
  public String goal;

  @Param({"follow", "ignore"})
  public String advice;

  private RuleSet ruleSet;
  private Advice mode;

  @Setup
  public void load() throws Exception {
    ruleSet = RuleSets.load(Path.of("rules")).get(ruleset).orElseThrow();
    mode = Advice.of(advice).orElseThrow();
  }

  @Benchmark
  public Plan fromTheEmptyRecord() {
    return new Planner(ruleSet).plan(List.of(), goal, mode);
  }
}
