package org.peacepath.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.peacepath.catalog.Step;
import org.peacepath.decide.Advice;
import org.peacepath.decide.Counting;
import org.peacepath.decide.Decision;
import org.peacepath.decide.Packages;
import org.peacepath.decide.RecordedStep;
import org.peacepath.rules.RuleSet;

/**
 * Finds the shortest road from a record to a goal by asking the rules which moves each state opens:
 * A* over the states reachable by open moves, where a state is the record plus how many times each step
 * has been taken since (the rules do not care in which order).
 *
 * <p>Two things keep it fast when the catalog grows. It only takes steps that can help: the goal and,
 * transitively, the steps that what holds it back requires; when a state reveals a new such step, the
 * search starts again with it. And it is guided by a lower bound on the steps still needed: every step
 * in that chain of requirements must be taken at least once more. Both rest on the rules naming, in each
 * block and caution, all of the steps it still requires.
 */
public final class Planner {
  /** The most states one search decides before it gives up and says so. */
  public static final int MAX_STATES = 100_000;
  /** The longest one search may take before it gives up and says so. */
  public static final java.time.Duration MAX_TIME = java.time.Duration.ofSeconds(5);

  private final RuleSet ruleSet;
  private final int maxStates;
  private final java.time.Duration maxTime;
  private Consumer<Decision> observer = decision -> {};

  public Planner(RuleSet ruleSet) {
    this(ruleSet, MAX_STATES);
  }

  public Planner(RuleSet ruleSet, int maxStates) {
    this(ruleSet, maxStates, MAX_TIME);
  }

  /** A planner whose searches stop at {@code maxStates} states or {@code maxTime}, whichever comes first. */
  public Planner(RuleSet ruleSet, int maxStates, java.time.Duration maxTime) {
    this.ruleSet = ruleSet;
    this.maxStates = maxStates;
    this.maxTime = maxTime;
  }

  /** Has {@code observer} see every decision the search makes, as the step graph does to learn the rules. */
  public Planner observing(Consumer<Decision> observer) {
    this.observer = observer;
    return this;
  }

  /** The shortest road from {@code recorded} to {@code goal} under {@code advice}, or what stands in the way. */
  public Plan plan(List<RecordedStep> recorded, String goal, Advice advice) {
    return plan(recorded, goal, advice, () -> false);
  }

  /**
   * The same, stopping as soon as {@code abandoned} says nobody waits for the answer any more (the client
   * hung up); the plan then says it is not complete, as when the budget is spent.
   */
  public Plan plan(List<RecordedStep> recorded, String goal, Advice advice, java.util.function.BooleanSupplier abandoned) {
    StateSpace space = new StateSpace(ruleSet, recorded, advice, observer, maxStates, maxTime, abandoned);
    int goalIndex = space.index(goal);
    int[] start = new int[space.steps.size()];
    Decision first = space.decide(start);
    Step goalStep = space.steps.get(goalIndex);
    if (!goalStep.repeatable() && Counting.of(ruleSet.catalog(), recorded).count(goal) > 0) {
      return new Plan(Decision.RuleSetRef.of(ruleSet), goal, advice, true, 0, List.of(), null, space.evaluated(), true);
    }
    Search search = new Search(space, goalIndex, start);
    Search.Node found;
    do {
      found = search.run();
    } while (found == null && search.relevanceGrew() && !space.exhausted());
    if (found == null) {
      return new Plan(Decision.RuleSetRef.of(ruleSet), goal, advice, false, null, null, search.deadBlocks(),
          space.evaluated(), !space.exhausted() && first != null);
    }
    return new Plan(Decision.RuleSetRef.of(ruleSet), goal, advice, true, found.steps(), describe(space, found), null,
        space.evaluated(), true);
  }

  /** The road as negotiators read it: who acts at each move, and which rules' requirements it meets. */
  private List<Plan.Move> describe(StateSpace space, Search.Node last) {
    List<int[]> found = new ArrayList<>();
    for (Search.Node node = last; node.parent() != null; node = node.parent()) {
      found.add(0, node.move());
    }
    List<int[]> path = inCatalogOrder(space, found);
    List<Decision> before = new ArrayList<>();
    List<int[]> states = new ArrayList<>();
    int[] added = new int[space.steps.size()];
    for (int[] move : path) {
      states.add(added.clone());
      before.add(space.decide(added.clone()));
      for (int step : move) {
        added[step]++;
      }
    }
    List<List<String>> advised = advised(space, path, before);
    List<Plan.Move> moves = new ArrayList<>();
    for (int i = 0; i < path.size(); i++) {
      int[] move = path.get(i);
      List<Plan.PlannedStep> steps = Arrays.stream(move).mapToObj(space.steps::get)
          .map(s -> new Plan.PlannedStep(s.id(), s.title(), s.parties(), s.atLeastOneOf())).toList();
      Set<String> ruleNames = new LinkedHashSet<>();
      String reason = null;
      if (move.length > 1) {
        List<String> members = steps.stream().map(Plan.PlannedStep::id).toList();
        Packages.tie(ruleSet, space.recorded(states.get(i)), before.get(i), members, space.advice)
            .forEach(id -> ruleNames.add(ruleSet.ruleById(id).map(r -> r.name()).orElse(id)));
        reason = "taken together, since each is held back until the other" + (move.length > 2 ? "s are" : " is")
            + " taken: " + String.join("; ", ruleNames) + ".";
      }
      Satisfied satisfied = satisfies(space, i, path, before);
      ruleNames.addAll(satisfied.rules());
      if (reason == null && satisfied.first() != null) {
        reason = "for " + satisfied.firstStep() + ": " + satisfied.first() + ".";
      }
      if (reason == null) {
        reason = i == path.size() - 1 ? "the goal." : "on the road to the goal.";
      }
      List<String> ids = ruleNames.stream().map(name -> ruleSet.rule(name).map(r -> r.id()).orElse(name))
          .distinct().toList();
      moves.add(new Plan.Move(i + 1, steps, move.length > 1, ids, reason, advised.get(i) != null,
          advised.get(i) == null ? List.of() : advised.get(i)));
    }
    return moves;
  }

  /**
   * For each move, {@code null} when a firm rule puts it on the road (it is the goal, or it meets a firm
   * rule's requirement for a move that is itself so placed), or else the ids of the advice that does: the
   * cautions it meets, or the advice of the moves it serves. A move that meets nothing later is not advice.
   */
  private List<List<String>> advised(StateSpace space, List<int[]> path, List<Decision> before) {
    int n = path.size();
    List<List<String>> advised = new ArrayList<>(java.util.Collections.nCopies(n, null));
    for (int i = n - 2; i >= 0; i--) {
      Set<String> mine = ids(space, path.get(i));
      boolean firm = false;
      boolean served = false;
      Set<String> advice = new LinkedHashSet<>();
      for (int j = i + 1; j < n && !firm; j++) {
        Set<String> theirs = ids(space, path.get(j));
        for (int k = i; k <= j && !firm; k++) {
          for (Decision.Hold hold : before.get(k).holds(space.advice)) {
            if (!theirs.contains(hold.step()) || hold.needs().stream().noneMatch(mine::contains)) {
              continue;
            }
            served = true;
            if (hold.firm() && advised.get(j) == null) {
              firm = true;
              break;
            }
            if (hold.firm()) {
              advice.addAll(advised.get(j));
            } else {
              advice.add(ruleSet.rule(hold.rule()).map(r -> r.id()).orElse(hold.rule()));
            }
          }
        }
      }
      if (served && !firm) {
        advised.set(i, List.copyOf(advice));
      }
    }
    return advised;
  }

  private Set<String> ids(StateSpace space, int[] move) {
    Set<String> ids = new LinkedHashSet<>();
    Arrays.stream(move).forEach(step -> ids.add(space.steps.get(step).id()));
    return ids;
  }

  /** The rules whose requirements the move meets for a later move, and the first of them with the step it frees. */
  private record Satisfied(List<String> rules, String first, String firstStep) {}

  private Satisfied satisfies(StateSpace space, int at, List<int[]> path, List<Decision> before) {
    Set<String> mine = new LinkedHashSet<>();
    Arrays.stream(path.get(at)).forEach(step -> mine.add(space.steps.get(step).id()));
    Set<String> later = new LinkedHashSet<>();
    for (int j = at + 1; j < path.size(); j++) {
      Arrays.stream(path.get(j)).forEach(step -> later.add(space.steps.get(step).id()));
    }
    Set<String> rules = new LinkedHashSet<>();
    String first = null;
    String firstStep = null;
    for (int j = at; j < path.size(); j++) {
      for (Decision.Hold hold : before.get(j).holds(space.advice)) {
        if (later.contains(hold.step()) && hold.needs().stream().anyMatch(mine::contains) && rules.add(hold.rule())
            && first == null) {
          first = hold.rule();
          firstStep = phrase(hold.step());
        }
      }
    }
    return new Satisfied(List.copyOf(rules), first, firstStep);
  }

  private String phrase(String id) {
    return ruleSet.catalog().get(id).phrase();
  }

  /**
   * The same moves in the order that takes, at each turn, the open move whose first step comes first in
   * the catalog, so that equally short roads always come out the same way. The goal's move stays last.
   * Falls back to the order found if no such order completes within a few hundred evaluations.
   */
  private List<int[]> inCatalogOrder(StateSpace space, List<int[]> found) {
    int[] goal = found.get(found.size() - 1);
    List<int[]> remaining = new ArrayList<>(found.subList(0, found.size() - 1));
    remaining.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a.length, b.length));
    List<int[]> ordered = new ArrayList<>();
    int[] budget = {500};
    if (!order(space, new int[space.steps.size()], remaining, ordered, budget)) {
      return found;
    }
    ordered.add(goal);
    return ordered;
  }

  private boolean order(StateSpace space, int[] added, List<int[]> remaining, List<int[]> ordered, int[] budget) {
    if (remaining.isEmpty()) {
      return true;
    }
    if (budget[0]-- <= 0) {
      return false;
    }
    Decision decision = space.decide(added.clone());
    if (decision == null) {
      return false;
    }
    List<String> free = decision.available(space.advice);
    for (int i = 0; i < remaining.size(); i++) {
      int[] move = remaining.get(i);
      if (i > 0 && Arrays.equals(move, remaining.get(i - 1))) {
        continue;
      }
      boolean open = move.length == 1 ? free.contains(space.steps.get(move[0]).id()) : isPackage(space, added, decision, move);
      if (!open) {
        continue;
      }
      remaining.remove(i);
      ordered.add(move);
      for (int step : move) {
        added[step]++;
      }
      if (order(space, added, remaining, ordered, budget)) {
        return true;
      }
      for (int step : move) {
        added[step]--;
      }
      ordered.remove(ordered.size() - 1);
      remaining.add(i, move);
    }
    return false;
  }

  private boolean isPackage(StateSpace space, int[] added, Decision decision, int[] move) {
    List<String> ids = Arrays.stream(move).mapToObj(step -> space.steps.get(step).id()).toList();
    return space.packages(added.clone(), decision, ids::contains).stream().anyMatch(p -> p.steps().equals(ids));
  }
}
