package org.peacepath.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.peacepath.decide.Decision;

/**
 * One A* search for the shortest road to a goal, over the steps that can help: the goal and,
 * transitively, the steps its blocks require. When a state reveals a step that can help and was not
 * known to, the search stops and is run again with it; {@link #relevanceGrew()} says so.
 */
final class Search {
  /** A state on the way, how it was reached, and the estimate of what is left. */
  record Node(int[] counts, int g, int h, Node parent, int step, boolean terminal, long order) {
    int f() {
      return g + h;
    }
  }

  private final StateSpace space;
  private final int goal;
  private final int[] start;
  private final int cap;
  private final BitSet relevant = new BitSet();
  private final BitSet everUnlocked = new BitSet();
  private boolean grew;
  private Decision closest;
  private int closestH = Integer.MAX_VALUE;

  Search(StateSpace space, int goal, int[] start) {
    this.space = space;
    this.goal = goal;
    this.start = start;
    this.cap = space.steps.size() + Arrays.stream(start).max().orElse(0);
    relevant.set(goal);
  }

  /** Whether the last run stopped because it learnt of a new step that can help. */
  boolean relevanceGrew() {
    return grew;
  }

  /** The node that reaches the goal, or {@code null} if none was found (or the run must start again). */
  Node run() {
    grew = false;
    long order = 0;
    PriorityQueue<Node> open = new PriorityQueue<>((a, b) -> a.f() != b.f() ? Integer.compare(a.f(), b.f())
        : a.g() != b.g() ? Integer.compare(b.g(), a.g()) : Long.compare(a.order(), b.order()));
    Map<StateSpace.Key, Integer> bestG = new HashMap<>();
    open.add(new Node(start, 0, 1, null, -1, false, order++));
    bestG.put(new StateSpace.Key(start), 0);
    while (!open.isEmpty()) {
      Node node = open.poll();
      if (node.terminal()) {
        return node;
      }
      if (bestG.getOrDefault(new StateSpace.Key(node.counts()), Integer.MAX_VALUE) < node.g()) {
        continue;
      }
      Decision decision = space.decide(node.counts());
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
        int step = space.index(unlocked.id());
        everUnlocked.set(step);
        if (!relevant.get(step)) {
          continue;
        }
        int[] next = node.counts().clone();
        next[step]++;
        int childH = Math.max(0, h - (needed.get(step) ? 1 : 0));
        if (step == goal) {
          open.add(new Node(next, node.g() + 1, 0, node, step, true, order++));
          continue;
        }
        if (space.steps.get(step).repeatable() && next[step] > cap) {
          continue;
        }
        StateSpace.Key key = new StateSpace.Key(next);
        if (node.g() + 1 < bestG.getOrDefault(key, Integer.MAX_VALUE)) {
          bestG.put(key, node.g() + 1);
          open.add(new Node(next, node.g() + 1, Math.max(childH, 1), node, step, false, order++));
        }
      }
    }
    return null;
  }

  /** The goal and every step its blocks require, transitively; marks the search to restart if it learns of a new one. */
  private BitSet closure(Decision decision) {
    Map<Integer, List<Decision.Reason>> blocked = new HashMap<>();
    decision.blocked().forEach(b -> blocked.put(space.index(b.id()), b.reasons()));
    BitSet needed = new BitSet();
    List<Integer> work = new ArrayList<>(List.of(goal));
    needed.set(goal);
    while (!work.isEmpty()) {
      int step = work.remove(work.size() - 1);
      for (Decision.Reason reason : blocked.getOrDefault(step, List.of())) {
        for (String id : reason.requires()) {
          int required = space.index(id);
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
    Decision decision = closest != null ? closest : space.decide(start);
    if (decision == null) {
      return blocks;
    }
    BitSet needed = closure(decision);
    for (Decision.BlockedStep blocked : decision.blocked()) {
      int step = space.index(blocked.id());
      if (!needed.get(step) || everUnlocked.get(step)) {
        continue;
      }
      for (Decision.Reason reason : blocked.reasons()) {
        boolean liftable = !reason.requires().isEmpty()
            && reason.requires().stream().allMatch(id -> everUnlocked.get(space.index(id)));
        if (!liftable) {
          blocks.add(new Plan.Block(blocked.id(), reason.rule(), reason.reason(), reason.requires()));
        }
      }
    }
    return blocks;
  }
}
