package org.peacepath.decide;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.peacepath.rules.BackgroundCompile;
import org.peacepath.rules.Fired;
import org.peacepath.rules.IncrementalRules;
import org.peacepath.rules.IncrementalSession;
import org.peacepath.rules.RuleSet;

/**
 * Simultaneous action: the sets of two or three steps that can only be taken together. In a record S, a
 * set P is a package when every step of P is held back in S, each step p of P is free in S plus the
 * other steps of P (recorded with their default parties), and no smaller subset of P is a package.
 * Under {@link Advice#IGNORE} "held back" means blocked by a firm rule; under {@link Advice#FOLLOW} a
 * caution that recommends steps holds a step back too.
 */
public final class Packages {
  /**
   * Past this many steps held back, only sets whose members' blocks name no step outside the set are
   * tried: trying every pair and triple would take tens of thousands of decisions.
   */
  static final int EXHAUSTIVE_UP_TO = 16;

  private Packages() {}

  /** Every package of the record, its steps in catalog order, the packages ordered by their steps. */
  public static List<Decision.Package> find(RuleSet ruleSet, List<RecordedStep> recorded, Decision decision,
      Advice advice) {
    return find(ruleSet, recorded, decision, advice, step -> true);
  }

  /** The packages of the record made only of steps that {@code candidate} accepts. */
  public static List<Decision.Package> find(RuleSet ruleSet, List<RecordedStep> recorded, Decision decision,
      Advice advice, Predicate<String> candidate) {
    List<String> held = decision.held(advice).stream().filter(candidate).toList();
    return find(ruleSet, recorded, decision, advice, held, held.size() > EXHAUSTIVE_UP_TO, true);
  }

  /** {@link #find(RuleSet, List, Decision, Advice)} with every trial a decision of its own, to hold the two alike. */
  static List<Decision.Package> findByDecisions(RuleSet ruleSet, List<RecordedStep> recorded, Decision decision,
      Advice advice) {
    List<String> held = List.copyOf(decision.held(advice));
    return find(ruleSet, recorded, decision, advice, held, held.size() > EXHAUSTIVE_UP_TO, false);
  }

  /**
   * The packages among the steps {@code held}, trying only the sets whose members' blocks (and cautions,
   * when advice is followed) name no step outside the set, as the planner does: it trusts each block to
   * name every step it still requires.
   */
  public static List<Decision.Package> findNamed(RuleSet ruleSet, List<RecordedStep> recorded, Decision decision,
      Advice advice, Predicate<String> candidate) {
    return find(ruleSet, recorded, decision, advice, decision.held(advice).stream().filter(candidate).toList(), true,
        true);
  }

  private static List<Decision.Package> find(RuleSet ruleSet, List<RecordedStep> recorded, Decision decision,
      Advice advice, List<String> held, boolean named, boolean inSession) {
    java.util.Map<String, Set<String>> needs = needs(decision, advice);
    java.util.function.BiPredicate<String, Set<String>> plausible = (step, others) -> !named
        || (!needs.getOrDefault(step, Set.of()).isEmpty() && others.containsAll(needs.get(step)));
    try (Trial trial = new Trial(ruleSet, recorded, advice,
        inSession ? BackgroundCompile.compiledOrPrepared(ruleSet) : null)) {
      List<Decision.Package> packages = new ArrayList<>();
      Set<Set<String>> pairs = new java.util.HashSet<>();
      for (int i = 0; i < held.size(); i++) {
        for (int j = i + 1; j < held.size(); j++) {
          String a = held.get(i);
          String b = held.get(j);
          if (plausible.test(a, Set.of(b)) && plausible.test(b, Set.of(a))
              && trial.frees(a, List.of(b)) && trial.frees(b, List.of(a))) {
            pairs.add(Set.of(a, b));
            packages.add(new Decision.Package(List.of(a, b), tie(ruleSet, decision, trial, List.of(a, b), advice)));
          }
        }
      }
      for (int i = 0; i < held.size(); i++) {
        for (int j = i + 1; j < held.size(); j++) {
          for (int k = j + 1; k < held.size(); k++) {
            String a = held.get(i);
            String b = held.get(j);
            String c = held.get(k);
            if (pairs.contains(Set.of(a, b)) || pairs.contains(Set.of(a, c)) || pairs.contains(Set.of(b, c))) {
              continue;
            }
            if (plausible.test(a, Set.of(b, c)) && plausible.test(b, Set.of(a, c)) && plausible.test(c, Set.of(a, b))
                && trial.frees(a, List.of(b, c)) && trial.frees(b, List.of(a, c)) && trial.frees(c, List.of(a, b))) {
              packages.add(new Decision.Package(List.of(a, b, c), tie(ruleSet, decision, trial, List.of(a, b, c), advice)));
            }
          }
        }
      }
      packages.sort((x, y) -> compare(ruleSet, x.steps(), y.steps()));
      return List.copyOf(packages);
    }
  }

  /**
   * The rules that tie a package: the ids of the rules that hold a member back in the record (under
   * {@code advice}) and that the other members, once recorded, lift; in rule order. The one definition,
   * for a decision's packages and a plan's moves alike.
   */
  public static List<String> tie(RuleSet ruleSet, List<RecordedStep> recorded, Decision decision, List<String> members,
      Advice advice) {
    try (Trial trial = new Trial(ruleSet, recorded, advice, BackgroundCompile.compiledOrPrepared(ruleSet))) {
      return tie(ruleSet, decision, trial, members, advice);
    }
  }

  private static List<String> tie(RuleSet ruleSet, Decision decision, Trial trial, List<String> members, Advice advice) {
    Set<String> names = new LinkedHashSet<>();
    for (String member : members) {
      List<String> others = members.stream().filter(m -> !m.equals(member)).toList();
      Decision after = trial.decide(others, member);
      Set<String> still = holding(after, member, advice);
      holding(decision, member, advice).stream().filter(rule -> !still.contains(rule)).forEach(names::add);
    }
    return names.stream().sorted(ruleSet.ruleOrder())
        .map(name -> ruleSet.rule(name).map(org.peacepath.rules.RuleInfo::id).orElse(name))
        .distinct().toList();
  }

  /**
   * For each step held back, the steps that what holds it back names: its blocks' requirements and,
   * following advice, its cautions' recommendations; empty when a block names none, or names the step
   * itself, since then no other step is known to free it.
   */
  private static java.util.Map<String, Set<String>> needs(Decision decision, Advice advice) {
    java.util.Map<String, Set<String>> needs = new java.util.HashMap<>();
    Set<String> unfreeable = new java.util.HashSet<>();
    for (Decision.Hold hold : decision.holds(advice)) {
      if (hold.firm() && (hold.needs().isEmpty() || hold.needs().contains(hold.step()))) {
        unfreeable.add(hold.step());
      }
      needs.computeIfAbsent(hold.step(), step -> new LinkedHashSet<>()).addAll(hold.needs());
    }
    unfreeable.forEach(step -> needs.put(step, Set.of()));
    return needs;
  }

  /** The names of the rules that hold the step back in the decision. */
  private static Set<String> holding(Decision decision, String step, Advice advice) {
    Set<String> rules = new LinkedHashSet<>();
    decision.holds(advice).stream().filter(hold -> hold.step().equals(step)).forEach(hold -> rules.add(hold.rule()));
    return rules;
  }

  private static int compare(RuleSet ruleSet, List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int order = Integer.compare(ruleSet.catalog().position(a.get(i)), ruleSet.catalog().position(b.get(i)));
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  /**
   * The record with a few steps added, decided once for each set of steps added. Once the rule set's rules
   * are compiled for incremental sessions (in a server, in the background, as each revision is served: {@link
   * BackgroundCompile#compiledOrPrepared}), the trials run in one
   * session that holds the record: each adds its steps, fires the rules over what changed, reads the
   * findings and takes the steps away again, so that a trial costs what its few steps change rather than a
   * decision. Otherwise, and once the session reaches a limit or a rule fails in it, each trial is a decision
   * of its own, which also reports the failure as a decision does; the two give the same decision.
   */
  static final class Trial implements AutoCloseable {
    private final RuleSet ruleSet;
    private final List<RecordedStep> recorded;
    private final Advice advice;
    private final Map<Collection<String>, Decision> decided = new HashMap<>();
    /** Each set of steps added, tried in the session: how the record with them counts, and what the rules found. */
    private final Map<Collection<String>, Tried> tried = new HashMap<>();
    private final IncrementalRules rules;
    private IncrementalSession session;
    private boolean spent;

    /** The trials, in one incremental session of {@code rules}, or each a decision when it is {@code null}. */
    Trial(RuleSet ruleSet, List<RecordedStep> recorded, Advice advice, IncrementalRules rules) {
      this.ruleSet = ruleSet;
      this.recorded = recorded;
      this.advice = advice;
      this.rules = rules;
    }

    /** Whether {@code step} may be taken on its own once {@code added} are recorded. */
    boolean frees(String step, List<String> added) {
      return decide(added, step).available(advice).contains(step);
    }

    /**
     * The decision of the record with {@code added}, exact on {@code step} (its status, reasons and cautions);
     * of the other steps, a trial in one session says only what a decision says on them when {@code step}'s
     * findings are all it reads, so ask it about one step at a time.
     */
    Decision decide(List<String> added, String step) {
      Set<String> key = Set.copyOf(added);
      if (rules == null || spent) {
        return decided.computeIfAbsent(key, k -> Evaluator.decide(ruleSet, with(added)));
      }
      Tried all = tried.computeIfAbsent(key, k -> inSession(added));
      if (all == null) {
        return decided.computeIfAbsent(key, k -> Evaluator.decide(ruleSet, with(added)));
      }
      Fired onStep = new Fired(all.found().blocks().stream().filter(found -> found.fact().step().equals(step)).toList(),
          all.found().cautions().stream().filter(found -> found.fact().step().equals(step)).toList(), List.of());
      return Evaluator.assemble(ruleSet, all.counting(), onStep);
    }

    /** The record with a set of steps added, as it counts, and what the rules found in it. */
    private record Tried(Counting counting, Fired found) {}

    private List<RecordedStep> with(List<String> added) {
      List<RecordedStep> with = new ArrayList<>(recorded);
      added.forEach(id -> with.add(RecordedStep.of(id)));
      return with;
    }

    /** The record with {@code added}, tried in the session; {@code null} once it reached a limit. */
    private Tried inSession(List<String> added) {
      Counting counting = Counting.of(ruleSet.catalog(), with(added));
      List<Boolean> counts = counting.counted();
      if (session == null) {
        session = Evaluator.pooledHolding(rules, recorded, counts);
      }
      int base = recorded.size();
      for (int i = 0; i < added.size(); i++) {
        session.add(added.get(i), counts.get(base + i));
      }
      if (!session.fireAsDecision()) {
        spent = true;
        return null;
      }
      Fired found = session.side(0).fired();
      for (int i = added.size() - 1; i >= 0; i--) {
        session.removeLast(added.get(i), counts.get(base + i));
      }
      return new Tried(counting, found);
    }

    @Override
    public void close() {
      if (session != null) {
        session.close();
      }
    }
  }
}
