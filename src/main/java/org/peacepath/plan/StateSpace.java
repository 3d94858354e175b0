package org.peacepath.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.peacepath.catalog.Step;
import org.peacepath.decide.Decision;
import org.peacepath.decide.Evaluator;
import org.peacepath.decide.RecordedStep;
import org.peacepath.rules.RuleSet;

/**
 * The states of a negotiation as the planner sees them: how many times each step of the catalog has
 * been taken, by its place in the catalog. Decides each state at most once, and counts how many it
 * has decided so that a search can stop at its limit.
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
  private final Map<String, Integer> index = new HashMap<>();
  private final Map<Key, Decision> decisions = new HashMap<>();
  private final Consumer<Decision> observer;
  private final int limit;
  private int evaluated;

  StateSpace(RuleSet ruleSet, Consumer<Decision> observer, int limit) {
    this.ruleSet = ruleSet;
    this.steps = ruleSet.catalog().steps();
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
  Decision decide(int[] counts) {
    Key key = new Key(counts);
    Decision cached = decisions.get(key);
    if (cached != null) {
      return cached;
    }
    if (evaluated >= limit) {
      return null;
    }
    evaluated++;
    Decision decision = Evaluator.evaluate(ruleSet, recorded(counts));
    observer.accept(decision);
    decisions.put(key, decision);
    return decision;
  }

  /** How many states have been decided. */
  int evaluated() {
    return evaluated;
  }

  /** Whether the limit of states has been reached. */
  boolean exhausted() {
    return evaluated >= limit;
  }

  /** The state as the steps a request would record. */
  List<RecordedStep> recorded(int[] counts) {
    List<RecordedStep> recorded = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      for (int n = 0; n < counts[i]; n++) {
        recorded.add(RecordedStep.of(steps.get(i).id()));
      }
    }
    return recorded;
  }
}
