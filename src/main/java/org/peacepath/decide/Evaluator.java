package org.peacepath.decide;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.peacepath.catalog.Catalog;
import org.peacepath.catalog.Step;
import org.peacepath.decide.Decision.AdvisoryNote;
import org.peacepath.decide.Decision.BlockedStep;
import org.peacepath.decide.Decision.Caution;
import org.peacepath.decide.Decision.Reason;
import org.peacepath.decide.Decision.Unlocked;
import org.peacepath.facts.Done;
import org.peacepath.facts.Open;
import org.peacepath.facts.Recorded;
import org.peacepath.facts.Tally;
import org.peacepath.rules.BackgroundCompile;
import org.peacepath.rules.Fired;
import org.peacepath.rules.IncrementalRules;
import org.peacepath.rules.IncrementalSession;
import org.peacepath.rules.RuleInfo;
import org.peacepath.rules.RuleSet;

/**
 * Runs a rule set over a negotiation record. Each evaluation has a session of its own while it runs (a
 * fresh one from the shared, thread-safe rule base, or in a server one kept from an earlier decision), so
 * evaluations may run on many threads at once.
 */
public final class Evaluator {
  private Evaluator() {}

  /**
   * The whole answer to a record: the decision, its irregular records when every record has a date, its
   * packages when asked for, and every step's status and every record's verdict.
   */
  public static Decision evaluate(RuleSet ruleSet, List<RecordedStep> recorded, boolean withPackages) {
    Counting counting = Counting.of(ruleSet.catalog(), recorded);
    Decision decision = decideAsServed(ruleSet, recorded, counting);
    List<Integer> order = Replay.datedOrder(recorded);
    if (order != null) {
      decision = decision.withIrregular(Replay.irregular(ruleSet, recorded, order, counting));
    }
    if (withPackages) {
      decision = decision.withPackages(ruleSet.simultaneous()
          ? Packages.find(ruleSet, recorded, decision, Advice.IGNORE) : List.of());
    }
    return Verdicts.attach(ruleSet, recorded, decision, order);
  }

  /**
   * Decides the record in a fresh session, or throws {@link RuleFailureException} when a rule will not stop
   * firing or fails. Plans decide their states so, and packages and replays where they decide a record of their
   * own.
   */
  public static Decision decide(RuleSet ruleSet, List<RecordedStep> recorded) {
    Counting counting = Counting.of(ruleSet.catalog(), recorded);
    return assemble(ruleSet, counting, freshFindings(ruleSet, recorded, counting));
  }

  /**
   * Decides the record as {@link #evaluate} does for a request: the same decision as {@link #decide}, made in a
   * pooled session where a server has one ready.
   */
  public static Decision decideAsServed(RuleSet ruleSet, List<RecordedStep> recorded) {
    return decideAsServed(ruleSet, recorded, Counting.of(ruleSet.catalog(), recorded));
  }

  /**
   * In a server, once the rule set's copy for incremental sessions is compiled ({@link
   * BackgroundCompile#compiledOrPrepared}), in one of that copy's pooled sessions: it still holds the record
   * it last decided, and Drools works only on what differs between that record and this one. Otherwise, or
   * when that session reaches a limit or a rule fails in it, in a fresh session of its own, which reports the
   * failure as a decision does. The two give the same decision, and the same refusal of a record whose rules
   * fire or match past a decision's limits; the time limit alone may differ, the pooled session working
   * only on what changed.
   */
  private static Decision decideAsServed(RuleSet ruleSet, List<RecordedStep> recorded, Counting counting) {
    IncrementalRules rules = BackgroundCompile.compiledOrPrepared(ruleSet);
    Fired findings = rules == null ? null : inPooledSession(rules, recorded, counting);
    return assemble(ruleSet, counting, findings != null ? findings : freshFindings(ruleSet, recorded, counting));
  }

  /**
   * The findings on the record, fired in a pooled incremental session; {@code null} when the session reached a
   * limit or a rule failed in it, or when it cannot tell that a fresh session would stay within a decision's
   * limits ({@link IncrementalSession#withinFreshLimits}). Throws {@link
   * org.peacepath.rules.DecisionAbandonedException} once the client has gone.
   */
  static Fired inPooledSession(IncrementalRules rules, List<RecordedStep> recorded, Counting counting) {
    try (IncrementalSession session = pooledHolding(rules, recorded, counting.counted())) {
      return session.fireAsDecision() && session.withinFreshLimits() ? session.side(0).fired() : null;
    }
  }

  /**
   * A pooled session of the rules ({@link IncrementalRules#openPooled}) holding the record, each record counted
   * or not as {@code counts} says (the first {@code recorded.size()} of them), not yet fired.
   */
  static IncrementalSession pooledHolding(IncrementalRules rules, List<RecordedStep> recorded, List<Boolean> counts) {
    IncrementalSession session = rules.openPooled();
    for (int i = 0; i < recorded.size(); i++) {
      RecordedStep record = recorded.get(i);
      session.add(record.step(), counts.get(i), record.status().wire());
    }
    return session;
  }

  /**
   * The decision the findings make of the counted record: what {@link #decide} gives once the rules have
   * fired, and what {@code diff} gives from the findings of a session it walks from record to record. It
   * depends on the findings, not on the order they were found in, nor on how often each was found.
   */
  public static Decision assemble(RuleSet ruleSet, Counting counting, Fired findings) {
    Catalog catalog = ruleSet.catalog();
    Map<String, Map<String, Reason>> reasons = new LinkedHashMap<>();
    for (Fired.Found<org.peacepath.facts.Blocked> found : findings.blocks()) {
      String step = found.fact().step();
      if (!isOpen(catalog, counting, step)) {
        continue;
      }
      RuleInfo rule = info(ruleSet, found.rule());
      List<String> requires = those(found.fact().requires(),
          id -> !catalog.contains(id) || catalog.get(id).repeatable() || counting.count(id) == 0);
      reasons.computeIfAbsent(step, s -> new LinkedHashMap<>()).merge(found.rule() + "\n" + found.fact().reason(),
          new Reason(rule.id(), rule.name(), rule.basis(), rule.brief(), found.fact().reason(), requires),
          (a, b) -> new Reason(a.ruleId(), a.rule(), a.basis(), a.brief(), a.reason(),
              union(catalog, a.requires(), b.requires())));
    }
    Map<String, Map<String, Caution>> cautions = new LinkedHashMap<>();
    for (Fired.Found<org.peacepath.facts.Caution> found : findings.cautions()) {
      String step = found.fact().step();
      List<String> advised = found.fact().recommends();
      // A repeatable step is recommended again however often it counts: a rule recommends one only under a
      // condition of its own (as treaty-after-reciprocity does while a dismantlement is owed).
      List<String> missing = those(advised,
          id -> counting.count(id) == 0 || (catalog.contains(id) && catalog.get(id).repeatable()));
      if (!isOpen(catalog, counting, step) || (!advised.isEmpty() && missing.isEmpty())) {
        continue;
      }
      RuleInfo rule = info(ruleSet, found.rule());
      cautions.computeIfAbsent(step, s -> new LinkedHashMap<>()).merge(found.rule() + "\n" + found.fact().reason(),
          new Caution(rule.id(), rule.name(), rule.basis(), found.fact().reason(), missing),
          (a, b) -> new Caution(a.ruleId(), a.rule(), a.basis(), a.reason(), union(catalog, a.recommends(), b.recommends())));
    }

    List<String> completed = new ArrayList<>();
    List<Unlocked> unlocked = new ArrayList<>();
    List<BlockedStep> blocked = new ArrayList<>();
    for (Step step : catalog.steps()) {
      int count = counting.count(step.id());
      for (int i = 0; i < count; i++) {
        completed.add(step.id());
      }
      if (!isOpen(catalog, counting, step.id())) {
        continue;
      }
      List<Caution> stepCautions = new ArrayList<>();
      for (Caution c : sorted(ruleSet, cautions.get(step.id()), Caution::rule, Caution::reason)) {
        List<String> recommends = union(catalog, c.recommends(), List.of());
        stepCautions.add(new Caution(c.ruleId(), c.rule(), c.basis(), missing(catalog, c.reason(), recommends),
            recommends));
      }
      Map<String, Reason> stepReasons = reasons.get(step.id());
      if (stepReasons == null) {
        unlocked.add(new Unlocked(step.id(), step.title(), step.parties(), step.atLeastOneOf(), step.mayAlsoSign(),
            List.copyOf(stepCautions)));
      } else {
        List<Reason> sortedReasons = new ArrayList<>();
        for (Reason r : sorted(ruleSet, stepReasons, Reason::rule, Reason::reason)) {
          List<String> requires = union(catalog, r.requires(), List.of());
          sortedReasons.add(new Reason(r.ruleId(), r.rule(), r.basis(), r.brief(),
              missing(catalog, r.reason(), requires), requires));
        }
        blocked.add(new BlockedStep(step.id(), step.title(), List.copyOf(sortedReasons), List.copyOf(stepCautions)));
      }
    }
    List<AdvisoryNote> advisories = findings.advisories().stream()
        .map(found -> {
          RuleInfo rule = info(ruleSet, found.rule());
          return new AdvisoryNote(rule.id(), rule.name(), rule.basis(), found.fact().text());
        })
        .distinct()
        .sorted((a, b) -> {
          int byRule = ruleSet.ruleOrder().compare(a.rule(), b.rule());
          return byRule != 0 ? byRule : a.text().compareTo(b.text());
        })
        .toList();

    return new Decision(Ids.next(), Decision.RuleSetRef.of(ruleSet), completed, unlocked, blocked,
        counting.notCounted(), advisories, null, null, null, null, null);
  }

  /** Whether the step is still to decide: not counted yet, or repeatable. */
  private static boolean isOpen(Catalog catalog, Counting counting, String step) {
    Step found = catalog.find(step);
    return found != null && (found.repeatable() || counting.count(step) == 0);
  }

  /** By rule, as the files list the rules; a rule's several findings on one step by their text. */
  private static <T> List<T> sorted(RuleSet ruleSet, Map<String, T> found, java.util.function.Function<T, String> rule,
      java.util.function.Function<T, String> text) {
    if (found == null) {
      return List.of();
    }
    List<T> sorted = new ArrayList<>(found.values());
    sorted.sort((a, b) -> {
      int byRule = ruleSet.ruleOrder().compare(rule.apply(a), rule.apply(b));
      return byRule != 0 ? byRule : text.apply(a).compareTo(text.apply(b));
    });
    return sorted;
  }

  /**
   * The ids {@code keep} keeps, in their order. A loop rather than a stream: a decision filters a list for
   * every finding, and a stream cost more to set up than the filtering (docs/benchmarks.md, ninth pass).
   */
  private static List<String> those(List<String> ids, java.util.function.Predicate<String> keep) {
    if (ids.isEmpty()) {
      return List.of();
    }
    List<String> kept = new ArrayList<>(ids.size());
    for (String id : ids) {
      if (keep.test(id)) {
        kept.add(id);
      }
    }
    return java.util.Collections.unmodifiableList(kept);
  }

  static RuleInfo info(RuleSet ruleSet, String rule) {
    return ruleSet.rule(rule).orElse(new RuleInfo(rule, "", "", "", "", "", 0, Integer.MAX_VALUE));
  }

  /**
   * The facts of the record, as the rules match them, fired under the rule set in a fresh session: a
   * decision's findings outside a server, and what a pooled session's must equal. A fact that no rule can
   * match ({@link RuleSet#read}) is left out, as it would change nothing.
   */
  public static Fired freshFindings(RuleSet ruleSet, List<RecordedStep> recorded, Counting counting) {
    Catalog catalog = ruleSet.catalog();
    Set<String> readDone = ruleSet.read("Done");
    Set<String> readTally = ruleSet.read("Tally");
    Set<String> readOpen = ruleSet.read("Open");
    List<Object> facts = new ArrayList<>(recorded.size() * 2 + catalog.steps().size() + catalog.kinds().size());
    Map<String, Integer> tallies = new LinkedHashMap<>();
    catalog.kinds().forEach(kind -> tallies.put(kind, 0));
    for (int i = 0; i < recorded.size(); i++) {
      RecordedStep record = recorded.get(i);
      Step step = catalog.get(record.step());
      boolean counts = counting.counted().get(i);
      if (ruleSet.readsRecorded(step.id(), step.kind(), record.status().wire())) {
        facts.add(new Recorded(step.id(), step.kind(), record.status().wire(), counts));
      }
      if (counts) {
        if (readDone.contains(step.id())) {
          facts.add(new Done(step.id(), step.kind()));
        }
        tallies.merge(step.kind(), 1, Integer::sum);
      }
    }
    tallies.forEach((kind, count) -> {
      if (readTally.contains(kind)) {
        facts.add(new Tally(kind, count));
      }
    });
    for (Step step : catalog.steps()) {
      if (readOpen.contains(step.id()) && isOpen(catalog, counting, step.id())) {
        facts.add(new Open(step.id(), step.kind()));
      }
    }
    return ruleSet.fire(facts);
  }

  /** The placeholder a reason may hold for the steps still missing, as a precondition table's reasons do. */
  static final String MISSING = "{missing}";

  /** The reason with {@value #MISSING} said as the steps still missing: "the peace declaration and the …". */
  static String missing(Catalog catalog, String reason, List<String> steps) {
    if (!reason.contains(MISSING)) {
      return reason;
    }
    List<String> phrases = steps.stream().map(id -> catalog.contains(id) ? catalog.get(id).phrase() : id).toList();
    String said = phrases.isEmpty() ? "nothing more"
        : phrases.size() == 1 ? phrases.get(0)
        : String.join(", ", phrases.subList(0, phrases.size() - 1)) + " and " + phrases.get(phrases.size() - 1);
    return reason.replace(MISSING, said);
  }

  /** The two lists of step ids as one, without repeats, in catalog order. */
  static List<String> union(Catalog catalog, List<String> a, List<String> b) {
    Set<String> all = new TreeSet<>(catalog.idOrder().thenComparing(String::compareTo));
    all.addAll(a);
    all.addAll(b);
    return List.copyOf(all);
  }
}
