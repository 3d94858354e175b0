package org.peacepath.decide;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;
import org.peacepath.catalog.Catalog;
import org.peacepath.catalog.Party;
import org.peacepath.catalog.Step;
import org.peacepath.decide.Decision.AdvisoryNote;
import org.peacepath.decide.Decision.BlockedStep;
import org.peacepath.decide.Decision.NotCounted;
import org.peacepath.decide.Decision.Reason;
import org.peacepath.decide.Decision.Unlocked;
import org.peacepath.facts.Done;
import org.peacepath.facts.Open;
import org.peacepath.rules.RuleSet;

/**
 * Runs a rule set over a negotiation state. Each evaluation gets its own session from the shared,
 * thread-safe rule base, so evaluations may run on many threads at once.
 */
public final class Evaluator {
  /** More firings than any sound rule set needs for one state: past it a rule is running away. */
  public static final int MAX_FIRINGS = 10_000;
  /** The longest one evaluation may take before it is stopped. */
  public static final long MAX_NANOS = 2_000_000_000L;

  private Evaluator() {}

  /** Decides the state, or throws {@link RuleFailureException} when a rule will not stop firing or fails. */
  public static Decision evaluate(RuleSet ruleSet, List<RecordedStep> recorded) {
    Catalog catalog = ruleSet.catalog();
    List<NotCounted> notCounted = new ArrayList<>();
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (int i = 0; i < recorded.size(); i++) {
      RecordedStep step = recorded.get(i);
      Step definition = catalog.get(step.step());
      Set<Party> missing = EnumSet.noneOf(Party.class);
      if (step.parties() != null) {
        missing.addAll(definition.parties());
        missing.removeAll(step.parties());
      }
      if (missing.isEmpty()) {
        counts.merge(step.step(), 1, Integer::sum);
      } else {
        notCounted.add(new NotCounted(step.step(), i, notCountedReason(definition, missing), List.copyOf(missing)));
      }
    }

    Findings findings = fire(ruleSet, counts);

    Map<String, Map<String, Reason>> reasons = new LinkedHashMap<>();
    findings.blocks().stream()
        .filter(found -> catalog.contains(found.fact().step()))
        .filter(found -> catalog.get(found.fact().step()).repeatable() || !counts.containsKey(found.fact().step()))
        .forEach(found -> reasons
            .computeIfAbsent(found.fact().step(), step -> new LinkedHashMap<>())
            .merge(found.rule() + "\n" + found.fact().reason(),
                new Reason(found.rule(), found.fact().reason(), found.fact().requires()),
                (a, b) -> new Reason(a.rule(), a.reason(), union(catalog, a.requires(), b.requires()))));

    List<String> completed = new ArrayList<>();
    List<Unlocked> unlocked = new ArrayList<>();
    List<BlockedStep> blocked = new ArrayList<>();
    for (Step step : catalog.steps()) {
      int count = counts.getOrDefault(step.id(), 0);
      for (int i = 0; i < count; i++) {
        completed.add(step.id());
      }
      if (count > 0 && !step.repeatable()) {
        continue;
      }
      Map<String, Reason> stepReasons = reasons.get(step.id());
      if (stepReasons == null) {
        unlocked.add(new Unlocked(step.id(), step.title(), step.parties(), step.optionalParties()));
      } else {
        List<Reason> sorted = stepReasons.values().stream()
            .map(r -> new Reason(r.rule(), r.reason(), union(catalog, r.requires(), List.of())))
            .sorted((a, b) -> ruleSet.ruleOrder().compare(a.rule(), b.rule()))
            .toList();
        blocked.add(new BlockedStep(step.id(), step.title(), sorted));
      }
    }
    List<AdvisoryNote> advisories = findings.advisories().stream()
        .map(found -> new AdvisoryNote(found.rule(), found.fact().text()))
        .distinct()
        .sorted((a, b) -> ruleSet.ruleOrder().compare(a.rule(), b.rule()))
        .toList();

    return new Decision(Ids.next(),
        Decision.RuleSetRef.of(ruleSet),
        completed, unlocked, blocked, notCounted, advisories);
  }

  private static Findings fire(RuleSet ruleSet, Map<String, Integer> counts) {
    // A session from the rule set's pool: disposing of it resets it for the next evaluation.
    KieSession session = ruleSet.sessions().newKieSession();
    Findings findings = new Findings(session, MAX_FIRINGS, MAX_NANOS);
    try {
      session.addEventListener((org.kie.api.event.rule.RuleRuntimeEventListener) findings);
      session.addEventListener((org.kie.api.event.rule.AgendaEventListener) findings);
      counts.forEach((step, count) -> {
        for (int i = 1; i <= count; i++) {
          session.insert(new Done(step, i));
        }
      });
      for (Step step : ruleSet.catalog().steps()) {
        if (step.repeatable() || !counts.containsKey(step.id())) {
          session.insert(new Open(step.id()));
        }
      }
      try {
        session.fireAllRules(MAX_FIRINGS);
      } catch (ConsequenceException e) {
        String rule = e.getMatch() == null ? "?" : e.getMatch().getRule().getName();
        throw RuleFailureException.failed(ruleSet.name(), rule, where(ruleSet, rule), e);
      }
      if (findings.runaway() != null) {
        String rule = findings.runaway();
        throw RuleFailureException.runaway(ruleSet.name(), rule, where(ruleSet, rule),
            MAX_FIRINGS + " firings or " + MAX_NANOS / 1_000_000_000L + " s");
      }
      return findings;
    } finally {
      session.removeEventListener((org.kie.api.event.rule.RuleRuntimeEventListener) findings);
      session.removeEventListener((org.kie.api.event.rule.AgendaEventListener) findings);
      session.dispose();
    }
  }

  /** Where the named rule is written, as {@code file:line}, or empty when unknown. */
  private static String where(RuleSet ruleSet, String rule) {
    return ruleSet.rule(rule).map(info -> info.file() + ":" + info.line()).orElse("");
  }

  /** The two lists of step ids as one, without repeats, in catalog order. */
  private static List<String> union(Catalog catalog, List<String> a, List<String> b) {
    Set<String> all = new TreeSet<>(catalog.idOrder().thenComparing(String::compareTo));
    all.addAll(a);
    all.addAll(b);
    return List.copyOf(all);
  }

  /** "ROK did not sign the peace declaration." */
  static String notCountedReason(Step step, Set<Party> missing) {
    List<String> names = missing.stream().map(Party::name).collect(Collectors.toList());
    String who = names.size() == 1 ? names.get(0)
        : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    String verb = step.isSigned() ? "did not sign " : "did not take part in ";
    return who + " " + verb + step.phrase() + ", so it does not count.";
  }
}
