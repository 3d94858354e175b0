package org.peacepath.rules;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.MatchCreatedEvent;
import org.kie.api.runtime.KieRuntime;
import org.kie.api.runtime.rule.Match;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.peacepath.decide.DecisionService;
import org.peacepath.decide.EvaluateRequest;
import org.peacepath.decide.RecordedStep;

/**
 * What the per-decision budget costs, piece by piece, beside the decision it bounds (the 10-record state of
 * {@code EvaluateBenchmark}, as the server decides it): on a shared machine two builds' throughputs differ
 * by more than the budget costs, but the budget's own work can be timed on its own.
 *
 * <ul>
 *   <li>{@link #decision}: the whole decision, budget included;
 *   <li>{@link #budget}: what the budget adds around it: opened and closed, asked once whether the client
 *       has gone, the watchdog's slot set and cleared;
 *   <li>{@link #listener}: what the listener now does for its matches and firings (an increment and a
 *       comparison each) and {@link #oldListener} what it did before for its firings (counted in a map by
 *       rule, and the clock read), for as many as the decision makes.
 * </ul>
 *
 * The budget's cost is {@code budget + listener - oldListener}, over {@code decision}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(2)
public class BudgetBenchmark {
  private static final BooleanSupplier NEVER = () -> false;

  private DecisionService service;
  private EvaluateRequest tenSteps;
  /** The firings (each a match) of the decision, by rule, in order. */
  private List<String> fired;
  private List<MatchCreatedEvent> created;
  private List<AfterMatchFiredEvent> firings;

  @Setup
  public void load() throws Exception {
    RuleSets ruleSets = RuleSets.load(Path.of("rules"));
    RuleSet ruleSet = ruleSets.get("sigal").orElseThrow();
    service = new DecisionService(ruleSets);
    tenSteps = new EvaluateRequest(ruleSet, List.of("peace-declaration", "dismantlement", "peace-mechanism",
            "dismantlement", "four-party-talks", "normalization", "border-rectification", "artillery-redeployment",
            "force-posture-changes", "missile-restraint").stream().map(RecordedStep::of).toList(), false);
    // Every bundled consequence inserts one finding, and no match is cancelled: a finding is a match that fired.
    org.peacepath.decide.Decision decision = service.evaluate(tenSteps);
    fired = new ArrayList<>();
    decision.blocked().forEach(b -> b.reasons().forEach(r -> fired.add(r.rule())));
    decision.blocked().forEach(b -> b.cautions().forEach(c -> fired.add(c.rule())));
    decision.unlocked().forEach(u -> u.cautions().forEach(c -> fired.add(c.rule())));
    decision.advisories().forEach(a -> fired.add(a.rule()));
    created = new ArrayList<>();
    firings = new ArrayList<>();
    for (int i = 0; i < fired.size(); i++) {
      created.add(new Created());
      firings.add(new Fired());
    }
    System.out.println("# the decision fires " + fired.size() + " times");
  }

  @Benchmark
  public Object decision() {
    return service.evaluate(tenSteps);
  }

  @Benchmark
  public boolean budget() {
    try (DecisionBudget open = DecisionBudget.open(NEVER)) {
      DecisionBudget current = DecisionBudget.current();
      boolean gone = current.abandoned();
      Watchdog.Slot slot = Watchdog.watch(null, System.nanoTime() + RuleSet.MAX_NANOS, current);
      return gone | Watchdog.release(slot).timedOut();
    }
  }

  @Benchmark
  public int listener() {
    Findings findings = new Findings(null, RuleSet.MAX_FIRINGS, RuleSet.MAX_MATCHES, System.nanoTime() + RuleSet.MAX_NANOS, null);
    for (MatchCreatedEvent event : created) {
      findings.matchCreated(event);
    }
    for (AfterMatchFiredEvent event : firings) {
      findings.afterMatchFired(event);
    }
    return findings.matches() + findings.firings();
  }

  @Benchmark
  public long oldListener() {
    // As Findings did before the budget: a map of firings by rule, and the clock, at every firing.
    Map<String, Integer> byRule = new HashMap<>();
    long deadline = System.nanoTime() + RuleSet.MAX_NANOS;
    int total = 0;
    long late = 0;
    for (String rule : fired) {
      byRule.merge(rule, 1, Integer::sum);
      total++;
      if (total >= RuleSet.MAX_FIRINGS || System.nanoTime() > deadline) {
        late++;
      }
    }
    return late + byRule.size();
  }

  /** An event whose match is never asked for below {@link Findings#BY_RULE_AFTER}. */
  private static final class Created implements MatchCreatedEvent {
    @Override
    public Match getMatch() {
      return null;
    }

    @Override
    public KieRuntime getKieRuntime() {
      return null;
    }
  }

  private static final class Fired implements AfterMatchFiredEvent {
    @Override
    public Match getMatch() {
      return null;
    }

    @Override
    public KieRuntime getKieRuntime() {
      return null;
    }
  }
}
