package org.peacepath.plan;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.peacepath.decide.Advice;
import org.peacepath.decide.Decision;

/**
 * One A* search for the shortest road to a goal, over the steps that can help: the goal and,
 * transitively, the steps that what holds it back requires (and, when advice is followed, recommends).
 * A road costs its steps first and its moves second: the search is A* on steps, and a state reached
 * again by as many steps in fewer moves replaces the one reached before. A package is open only where
 * each of its steps is held back alone, so roads of equal steps seldom differ in moves. When a state reveals a step that can help and was
 * not known to, the search stops and is run again with it; {@link #relevanceGrew()} says so.
 */
final class Search {
  /** Any number of moves costs less than one more step. */
  private static final int STEP = 1_000;

  /** A state on the way, how it was reached, and the estimate of what is left. */
  record Node(int[] added, int steps, int moves, int h, Node parent, int[] move, boolean terminal, long order) {
    int g() {
      return steps * STEP + moves;
    }

    /** The least number of steps a road through this node can take. */
    int f() {
      return steps + h;
    }
  }

  private final StateSpace space;
  private final int goal;
  private final int[] start;
  private final int cap;
  private final BitSet relevant = new BitSet();
  private final BitSet everFree = new BitSet();
  private boolean grew;
  private Decision closest;
  private int closestH = Integer.MAX_VALUE;

  Search(StateSpace space, int goal, int[] start) {
    this.space = space;
    this.goal = goal;
    this.start = start;
    this.cap = space.steps.size() + space.mostRecorded();
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
    // Fewest steps first (A*, with an admissible bound on the steps left); among equals the deepest, so the
    // search dives rather than widens; then the fewest moves so far.
    PriorityQueue<Node> open = new PriorityQueue<>((a, b) -> a.f() != b.f() ? Integer.compare(a.f(), b.f())
        : a.steps() != b.steps() ? Integer.compare(b.steps(), a.steps())
        : a.moves() != b.moves() ? Integer.compare(a.moves(), b.moves()) : Long.compare(a.order(), b.order()));
    Map<StateSpace.Key, Integer> bestG = new HashMap<>();
    open.add(new Node(start, 0, 0, 1, null, null, false, order++));
    bestG.put(new StateSpace.Key(start), 0);
    while (!open.isEmpty()) {
      Node node = open.poll();
      if (node.terminal()) {
        return node;
      }
      if (bestG.getOrDefault(new StateSpace.Key(node.added()), Integer.MAX_VALUE) < node.g()) {
        continue;
      }
      Decision decision = space.decide(node.added());
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
      for (int[] move : space.moves(node.added(), decision, id -> relevant.get(space.index(id)))) {
        int[] next = node.added().clone();
        int covered = 0;
        boolean reaches = false;
        boolean overCap = false;
        for (int step : move) {
          everFree.set(step);
          next[step]++;
          covered += needed.get(step) ? 1 : 0;
          reaches |= step == goal;
          overCap |= space.steps.get(step).repeatable() && next[step] > cap;
        }
        int steps = node.steps() + move.length;
        int moves = node.moves() + 1;
        if (reaches) {
          open.add(new Node(next, steps, moves, 0, node, move, true, order++));
          continue;
        }
        if (overCap) {
          continue;
        }
        int g = steps * STEP + moves;
        StateSpace.Key key = new StateSpace.Key(next);
        if (g < bestG.getOrDefault(key, Integer.MAX_VALUE)) {
          bestG.put(key, g);
          open.add(new Node(next, steps, moves, Math.max(h - covered, 1), node, move, false, order++));
        }
      }
    }
    return null;
  }

  /** The goal and every step what holds it back requires, transitively; marks the search to restart if it learns of a new one. */
  private BitSet closure(Decision decision) {
    // What each step held back still requires (or, following advice, is recommended), read once.
    Map<String, List<String>> requirements = new HashMap<>();
    decision.holds(space.advice).forEach(hold ->
        requirements.computeIfAbsent(hold.step(), step -> new ArrayList<>()).addAll(hold.needs()));
    BitSet needed = new BitSet();
    List<Integer> work = new ArrayList<>(List.of(goal));
    needed.set(goal);
    while (!work.isEmpty()) {
      int step = work.remove(work.size() - 1);
      for (String id : requirements.getOrDefault(space.steps.get(step).id(), List.of())) {
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
    return needed;
  }

  /** What holds back, in the state closest to the goal, the needed steps that no explored state ever freed. */
  List<Plan.Block> deadBlocks() {
    List<Plan.Block> blocks = new ArrayList<>();
    Decision decision = closest != null ? closest : space.decide(start);
    if (decision == null) {
      return blocks;
    }
    BitSet needed = closure(decision);
    for (Decision.BlockedStep blocked : decision.blocked()) {
      int step = space.index(blocked.id());
      if (needed.get(step) && !everFree.get(step)) {
        blocked.reasons().stream().filter(r -> !liftable(r.requires()))
            .forEach(r -> blocks.add(new Plan.Block(blocked.id(), r.ruleId(), r.rule(), r.reason(), r.requires())));
      }
    }
    if (space.advice == Advice.FOLLOW) {
      for (Decision.Unlocked unlocked : decision.unlocked()) {
        int step = space.index(unlocked.id());
        if (needed.get(step) && !everFree.get(step)) {
          unlocked.cautions().stream().filter(c -> !c.recommends().isEmpty() && !liftable(c.recommends()))
              .forEach(c -> blocks.add(new Plan.Block(unlocked.id(), c.ruleId(), c.rule(), c.reason(), c.recommends())));
        }
      }
    }
    return blocks;
  }

  private boolean liftable(List<String> requires) {
    return !requires.isEmpty() && requires.stream().allMatch(id -> everFree.get(space.index(id)));
  }
}
