package org.peacepath.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.peacepath.catalog.Step;
import org.peacepath.decide.Advice;
import org.peacepath.decide.Decision;
import org.peacepath.decide.Evaluator;
import org.peacepath.decide.Packages;
import org.peacepath.decide.RecordedStep;
import org.peacepath.rules.RuleSet;

/**
 * The states of a negotiation as the planner sees them: the record it starts from, plus how many times
 * each step of the catalog has been taken since, by its place in the catalog. Decides each state at most
 * once, and counts how many it has decided so that a search can stop at its limit.
 */
final class StateSpace {
  /** A state as a map key. */
  record Key(int[] counts) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Key key && Arrays.equals(counts, key.counts);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(counts);
    }
  }

  final RuleSet ruleSet;
  final List<Step> steps;
  final Advice advice;
  private final List<RecordedStep> base;
  private final Map<String, Integer> index = new HashMap<>();
  private final Map<Key, Decision> decisions = new HashMap<>();
  private final Consumer<Decision> observer;
  private final int limit;
  private final long deadline;
  private final java.util.function.BooleanSupplier abandoned;
  private int evaluated;

  StateSpace(RuleSet ruleSet, List<RecordedStep> base, Advice advice, Consumer<Decision> observer, int limit,
      java.time.Duration time, java.util.function.BooleanSupplier abandoned) {
    this.deadline = System.nanoTime() + time.toNanos();
    this.abandoned = abandoned;
    this.ruleSet = ruleSet;
    this.steps = ruleSet.catalog().steps();
    this.base = List.copyOf(base);
    this.advice = advice;
    for (int i = 0; i < steps.size(); i++) {
      index.put(steps.get(i).id(), i);
    }
    this.observer = observer;
    this.limit = limit;
  }

  /** The step's place in the catalog. */
  int index(String id) {
    return index.get(id);
  }

  /** The decision of the state, from the cache if it was decided before; {@code null} past the limit. */
  Decision decide(int[] added) {
    Key key = new Key(added);
    Decision cached = decisions.get(key);
    if (cached != null) {
      return cached;
    }
    if (exhausted()) {
      return null;
    }
    evaluated++;
    Decision decision = Evaluator.decide(ruleSet, recorded(added));
    observer.accept(decision);
    decisions.put(key, decision);
    return decision;
  }

  /**
   * The moves open in the state among the steps {@code relevant} accepts: each step that may be taken on
   * its own, then, where the rule set allows simultaneous action, each package. Each move is a list of
   * catalog places.
   */
  List<int[]> moves(int[] added, Decision decision, Predicate<String> relevant) {
    List<int[]> moves = new ArrayList<>();
    for (String id : decision.available(advice)) {
      if (relevant.test(id)) {
        moves.add(new int[] {index(id)});
      }
    }
    if (ruleSet.simultaneous()) {
      for (Decision.Package found : packages(added, decision, relevant)) {
        moves.add(found.steps().stream().mapToInt(this::index).toArray());
      }
    }
    return moves;
  }

  /** The packages of the state among the relevant steps, tried only where the blocks name one another. */
  List<Decision.Package> packages(int[] added, Decision decision, Predicate<String> relevant) {
    if (decision.held(advice).stream().filter(relevant).limit(2).count() < 2) {
      return List.of();
    }
    return Packages.findNamed(ruleSet, recorded(added), decision, advice, relevant);
  }

  /** How many states have been decided. */
  int evaluated() {
    return evaluated;
  }

  /** Whether the budget of states or time is spent, or whoever asked no longer waits for the answer. */
  boolean exhausted() {
    return evaluated >= limit || System.nanoTime() > deadline || abandoned.getAsBoolean();
  }

  /** The most times any step is recorded in the record planned from. */
  int mostRecorded() {
    Map<String, Integer> counts = new HashMap<>();
    base.forEach(record -> counts.merge(record.step(), 1, Integer::sum));
    return counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
  }

  /** The state as the records a request would hold: the record planned from, then the steps added. */
  List<RecordedStep> recorded(int[] added) {
    List<RecordedStep> recorded = new ArrayList<>(base);
    for (int i = 0; i < added.length; i++) {
      for (int n = 0; n < added[i]; n++) {
        recorded.add(RecordedStep.of(steps.get(i).id()));
      }
    }
    return recorded;
  }
}
