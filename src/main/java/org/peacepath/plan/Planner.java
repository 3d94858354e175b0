package org.peacepath.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.peacepath.catalog.Catalog;
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
  private final Catalog catalog;
  private final List<Step> steps;
  private final Map<String, Integer> index = new HashMap<>();
  private final int maxStates;
  private java.util.function.Consumer<Decision> observer = decision -> {};

  public Planner(RuleSet ruleSet) {
    this(ruleSet, MAX_STATES);
  }

  /** Has {@code observer} see every decision the search makes, as the step graph does to learn the rules. */
  public Planner observing(java.util.function.Consumer<Decision> observer) {
    this.observer = observer;
    return this;
  }

  public Planner(RuleSet ruleSet, int maxStates) {
    this.ruleSet = ruleSet;
    this.catalog = ruleSet.catalog();
    this.steps = catalog.steps();
    for (int i = 0; i < steps.size(); i++) {
      index.put(steps.get(i).id(), i);
    }
    this.maxStates = maxStates;
  }

  /** The shortest road from {@code recorded} to {@code goal}, or the blocks that stand in the way. */
  public Plan plan(List<RecordedStep> recorded, String goal) {
    int goalIndex = index.get(goal);
    Decision start = Evaluator.evaluate(ruleSet, recorded);
    observer.accept(start);
    int[] counts = new int[steps.size()];
    start.completed().forEach(id -> counts[index.get(id)]++);
    if (counts[goalIndex] > 0 && !steps.get(goalIndex).repeatable()) {
      return new Plan(ref(), goal, true, 0, List.of(), null, 1, true);
    }
    Search search = new Search(goalIndex, counts);
    Node found;
    do {
      found = search.run();
    } while (found == null && search.relevanceGrew() && search.evaluated < maxStates);
    if (found == null) {
      return new Plan(ref(), goal, false, null, null, search.deadBlocks(), search.evaluated,
          search.evaluated < maxStates);
    }
    return new Plan(ref(), goal, true, found.g, describe(found), null, search.evaluated, true);
  }

  private Decision.RuleSetRef ref() {
    return new Decision.RuleSetRef(ruleSet.name(), ruleSet.revision());
  }

  /** A state on the way, how it was reached, and the estimate of what is left. */
  private record Node(int[] counts, int g, int h, Node parent, int step, boolean terminal, long order) {
    int f() {
      return g + h;
    }

    Key key() {
      return new Key(counts);
    }
  }

  /** A state as a map key: how many times each step was taken. */
  private record Key(int[] counts) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Key key && Arrays.equals(counts, key.counts);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(counts);
    }
  }

  /** One A* search, with the set of steps that can help, which grows as states reveal more. */
  private final class Search {
    final int goal;
    final int[] start;
    final int cap;
    final BitSet relevant = new BitSet();
    final BitSet everUnlocked = new BitSet();
    final Map<Key, Decision> decisions = new HashMap<>();
    int evaluated;
    boolean grew;
    Decision closest;
    int closestH = Integer.MAX_VALUE;

    Search(int goal, int[] start) {
      this.goal = goal;
      this.start = start;
      this.cap = steps.size() + Arrays.stream(start).max().orElse(0);
      relevant.set(goal);
    }

    boolean relevanceGrew() {
      return grew;
    }

    Node run() {
      grew = false;
      long order = 0;
      PriorityQueue<Node> open = new PriorityQueue<>((a, b) -> a.f() != b.f() ? Integer.compare(a.f(), b.f())
          : a.g != b.g ? Integer.compare(b.g, a.g) : Long.compare(a.order, b.order));
      Map<Key, Integer> bestG = new HashMap<>();
      open.add(new Node(start, 0, 1, null, -1, false, order++));
      bestG.put(new Key(start), 0);
      while (!open.isEmpty()) {
        Node node = open.poll();
        if (node.terminal) {
          return node;
        }
        if (bestG.getOrDefault(node.key(), Integer.MAX_VALUE) < node.g) {
          continue;
        }
        Decision decision = decide(node.counts);
        if (decision == null) {
          return null;
        }
        BitSet needed = closure(decision);
        if (grew) {
          return null; // start again, now knowing more steps that can help
        }
        int h = needed.cardinality();
        if (h < closestH) {
          closestH = h;
          closest = decision;
        }
        for (Decision.Unlocked unlocked : decision.unlocked()) {
          int step = index.get(unlocked.id());
          everUnlocked.set(step);
          if (!relevant.get(step)) {
            continue;
          }
          int[] next = node.counts.clone();
          next[step]++;
          int childH = Math.max(0, h - (needed.get(step) ? 1 : 0));
          if (step == goal) {
            open.add(new Node(next, node.g + 1, 0, node, step, true, order++));
            continue;
          }
          if (steps.get(step).repeatable() && next[step] > cap) {
            continue;
          }
          Key key = new Key(next);
          if (node.g + 1 < bestG.getOrDefault(key, Integer.MAX_VALUE)) {
            bestG.put(key, node.g + 1);
            open.add(new Node(next, node.g + 1, Math.max(childH, 1), node, step, false, order++));
          }
        }
      }
      return null;
    }

    Decision decide(int[] counts) {
      Key key = new Key(counts);
      Decision cached = decisions.get(key);
      if (cached != null) {
        return cached;
      }
      if (evaluated >= maxStates) {
        return null;
      }
      evaluated++;
      Decision decision = Evaluator.evaluate(ruleSet, recorded(counts));
      observer.accept(decision);
      decisions.put(key, decision);
      return decision;
    }

    /** The goal and every step its blocks require, transitively; marks the search to restart if it learns of a new one. */
    BitSet closure(Decision decision) {
      Map<Integer, List<Decision.Reason>> blocked = new HashMap<>();
      decision.blocked().forEach(b -> blocked.put(index.get(b.id()), b.reasons()));
      BitSet needed = new BitSet();
      List<Integer> work = new ArrayList<>(List.of(goal));
      needed.set(goal);
      while (!work.isEmpty()) {
        int step = work.remove(work.size() - 1);
        for (Decision.Reason reason : blocked.getOrDefault(step, List.of())) {
          for (String id : reason.requires()) {
            int required = index.get(id);
            if (!needed.get(required)) {
              needed.set(required);
              work.add(required);
            }
            if (!relevant.get(required)) {
              relevant.set(required);
              grew = true;
            }
          }
        }
      }
      return needed;
    }

    /** The blocks, in the state closest to the goal, on steps that no explored state ever unlocked. */
    List<Plan.Block> deadBlocks() {
      List<Plan.Block> blocks = new ArrayList<>();
      Decision decision = closest != null ? closest : decide(start);
      if (decision == null) {
        return blocks;
      }
      BitSet needed = closure(decision);
      for (Decision.BlockedStep blocked : decision.blocked()) {
        int step = index.get(blocked.id());
        if (!needed.get(step) || everUnlocked.get(step)) {
          continue;
        }
        for (Decision.Reason reason : blocked.reasons()) {
          boolean liftable = !reason.requires().isEmpty()
              && reason.requires().stream().allMatch(id -> everUnlocked.get(index.get(id)));
          if (!liftable) {
            blocks.add(new Plan.Block(blocked.id(), reason.rule(), reason.reason(), reason.requires()));
          }
        }
      }
      return blocks;
    }
  }

  private List<RecordedStep> recorded(int[] counts) {
    List<RecordedStep> recorded = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      for (int n = 0; n < counts[i]; n++) {
        recorded.add(RecordedStep.of(steps.get(i).id()));
      }
    }
    return recorded;
  }

  /** The road as negotiators read it: who acts at each step, and which rule's requirement it meets. */
  private List<Plan.PlannedStep> describe(Node last) {
    List<Integer> found = new ArrayList<>();
    Node first = last;
    for (Node node = last; node.parent != null; node = node.parent) {
      found.add(0, node.step);
      first = node.parent;
    }
    List<Integer> path = inCatalogOrder(first.counts, found);
    List<Decision> before = new ArrayList<>();
    int[] counts = first.counts.clone();
    for (int step : path) {
      before.add(Evaluator.evaluate(ruleSet, recorded(counts)));
      counts[step]++;
    }
    List<Plan.PlannedStep> planned = new ArrayList<>();
    for (int i = 0; i < path.size(); i++) {
      Step step = steps.get(path.get(i));
      Plan.Satisfies satisfies = i == path.size() - 1 ? null : satisfies(step.id(), i, path, before);
      planned.add(new Plan.PlannedStep(i + 1, step.id(), step.title(), step.parties(), satisfies));
    }
    return planned;
  }

  /**
   * The same steps in the order that takes, at each turn, the unlocked step that comes first in the
   * catalog, so that equally short roads always come out the same way. The goal stays last. Falls back
   * to the order found if no such order completes within a few hundred evaluations.
   */
  private List<Integer> inCatalogOrder(int[] start, List<Integer> found) {
    int goal = found.get(found.size() - 1);
    int[] remaining = new int[steps.size()];
    found.subList(0, found.size() - 1).forEach(step -> remaining[step]++);
    List<Integer> ordered = new ArrayList<>();
    int[] budget = {500};
    if (!order(start.clone(), remaining, ordered, budget)) {
      return found;
    }
    ordered.add(goal);
    return ordered;
  }

  private boolean order(int[] counts, int[] remaining, List<Integer> ordered, int[] budget) {
    if (Arrays.stream(remaining).allMatch(n -> n == 0)) {
      return true;
    }
    if (budget[0]-- <= 0) {
      return false;
    }
    Decision decision = Evaluator.evaluate(ruleSet, recorded(counts));
    for (Decision.Unlocked unlocked : decision.unlocked()) {
      int step = index.get(unlocked.id());
      if (remaining[step] == 0) {
        continue;
      }
      counts[step]++;
      remaining[step]--;
      ordered.add(step);
      if (order(counts, remaining, ordered, budget)) {
        return true;
      }
      ordered.remove(ordered.size() - 1);
      remaining[step]++;
      counts[step]--;
    }
    return false;
  }

  /** The first rule, from the step's turn on, that blocks a later step of the road for want of this one. */
  private Plan.Satisfies satisfies(String id, int at, List<Integer> path, List<Decision> before) {
    Set<String> later = new LinkedHashSet<>();
    for (int j = at + 1; j < path.size(); j++) {
      later.add(steps.get(path.get(j)).id());
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
