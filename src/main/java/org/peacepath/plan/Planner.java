package org.peacepath.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.peacepath.catalog.Step;
import org.peacepath.decide.Decision;
import org.peacepath.decide.Evaluator;
import org.peacepath.decide.RecordedStep;
import org.peacepath.rules.RuleSet;

/**
 * Finds the shortest sequence of steps from a state to a goal by asking the rules which steps each
 * state unlocks: A* over the states reachable by unlocked steps, where a state is how many times each
 * step has been taken (the rules do not care in which order).
 *
 * <p>Two things keep it fast when the catalog grows. It only takes steps that can help: the goal and,
 * transitively, the steps that the blocking reasons on the way to it require; when a state reveals a
 * new such step, the search starts again with it. And it is guided by a lower bound on the steps still
 * needed: every step in that chain of requirements must be taken at least once more. Both rest on the
 * rules naming, in each block, all of the steps that block still requires.
 */
public final class Planner {
  /** The most states one search evaluates before it gives up and says so. */
  public static final int MAX_STATES = 100_000;

  private final RuleSet ruleSet;
  private final int maxStates;
  private Consumer<Decision> observer = decision -> {};

  public Planner(RuleSet ruleSet) {
    this(ruleSet, MAX_STATES);
  }

  public Planner(RuleSet ruleSet, int maxStates) {
    this.ruleSet = ruleSet;
    this.maxStates = maxStates;
  }

  /** Has {@code observer} see every decision the search makes, as the step graph does to learn the rules. */
  public Planner observing(Consumer<Decision> observer) {
    this.observer = observer;
    return this;
  }

  /** The shortest road from {@code recorded} to {@code goal}, or the blocks that stand in the way. */
  public Plan plan(List<RecordedStep> recorded, String goal) {
    StateSpace space = new StateSpace(ruleSet, observer, maxStates);
    int goalIndex = space.index(goal);
    Decision start = Evaluator.evaluate(ruleSet, recorded);
    observer.accept(start);
    int[] counts = new int[space.steps.size()];
    start.completed().forEach(id -> counts[space.index(id)]++);
    if (counts[goalIndex] > 0 && !space.steps.get(goalIndex).repeatable()) {
      return new Plan(Decision.RuleSetRef.of(ruleSet), goal, true, 0, List.of(), null, 1, true);
    }
    Search search = new Search(space, goalIndex, counts);
    Search.Node found;
    do {
      found = search.run();
    } while (found == null && search.relevanceGrew() && !space.exhausted());
    if (found == null) {
      return new Plan(Decision.RuleSetRef.of(ruleSet), goal, false, null, null, search.deadBlocks(), space.evaluated(), !space.exhausted());
    }
    return new Plan(Decision.RuleSetRef.of(ruleSet), goal, true, found.g(), describe(space, found), null, space.evaluated(), true);
  }

  /** The road as negotiators read it: who acts at each step, and which rule's requirement it meets. */
  private List<Plan.PlannedStep> describe(StateSpace space, Search.Node last) {
    List<Integer> found = new ArrayList<>();
    Search.Node first = last;
    for (Search.Node node = last; node.parent() != null; node = node.parent()) {
      found.add(0, node.step());
      first = node.parent();
    }
    List<Integer> path = inCatalogOrder(space, first.counts(), found);
    List<Decision> before = new ArrayList<>();
    int[] counts = first.counts().clone();
    for (int step : path) {
      before.add(Evaluator.evaluate(ruleSet, space.recorded(counts)));
      counts[step]++;
    }
    List<Plan.PlannedStep> planned = new ArrayList<>();
    for (int i = 0; i < path.size(); i++) {
      Step step = space.steps.get(path.get(i));
      Plan.Satisfies satisfies = i == path.size() - 1 ? null : satisfies(space, step.id(), i, path, before);
      planned.add(new Plan.PlannedStep(i + 1, step.id(), step.title(), step.parties(), satisfies));
    }
    return planned;
  }

  /**
   * The same steps in the order that takes, at each turn, the unlocked step that comes first in the
   * catalog, so that equally short roads always come out the same way. The goal stays last. Falls back
   * to the order found if no such order completes within a few hundred evaluations.
   */
  private List<Integer> inCatalogOrder(StateSpace space, int[] start, List<Integer> found) {
    int goal = found.get(found.size() - 1);
    int[] remaining = new int[space.steps.size()];
    found.subList(0, found.size() - 1).forEach(step -> remaining[step]++);
    List<Integer> ordered = new ArrayList<>();
    int[] budget = {500};
    if (!order(space, start.clone(), remaining, ordered, budget)) {
      return found;
    }
    ordered.add(goal);
    return ordered;
  }

  private boolean order(StateSpace space, int[] counts, int[] remaining, List<Integer> ordered, int[] budget) {
    if (Arrays.stream(remaining).allMatch(n -> n == 0)) {
      return true;
    }
    if (budget[0]-- <= 0) {
      return false;
    }
    Decision decision = Evaluator.evaluate(ruleSet, space.recorded(counts));
    for (Decision.Unlocked unlocked : decision.unlocked()) {
      int step = space.index(unlocked.id());
      if (remaining[step] == 0) {
        continue;
      }
      counts[step]++;
      remaining[step]--;
      ordered.add(step);
      if (order(space, counts, remaining, ordered, budget)) {
        return true;
      }
      ordered.remove(ordered.size() - 1);
      remaining[step]++;
      counts[step]--;
    }
    return false;
  }

  /** The first rule, from the step's turn on, that blocks a later step of the road for want of this one. */
  private static Plan.Satisfies satisfies(StateSpace space, String id, int at, List<Integer> path,
      List<Decision> before) {
    Set<String> later = new LinkedHashSet<>();
    for (int j = at + 1; j < path.size(); j++) {
      later.add(space.steps.get(path.get(j)).id());
    }
    for (int j = at; j < path.size(); j++) {
      for (Decision.BlockedStep blocked : before.get(j).blocked()) {
        if (!later.contains(blocked.id())) {
          continue;
        }
        for (Decision.Reason reason : blocked.reasons()) {
          if (reason.requires().contains(id)) {
            return new Plan.Satisfies(reason.rule(), blocked.id());
          }
        }
      }
    }
    return null;
  }
}
