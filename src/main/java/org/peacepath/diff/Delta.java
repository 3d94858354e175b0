package org.peacepath.diff;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.peacepath.decide.Decision;

/**
 * How two answers to one record differ, as the API would give them, their {@code decisionId} and revision
 * aside: the rules whose reasons, cautions or advisories differ, and the steps whose place or entry differs.
 *
 * @param rules the {@code @id}s of the rules that say something different, in the order first met; {@link
 *     #CATALOG} where a step's title or parties differ, {@link #ORDER} where only the order of what is said does
 * @param steps the ids of the steps whose status, reasons, cautions, title or parties differ, in catalog order;
 *     {@link #ADVISORIES} when the advisories differ
 */
public record Delta(Set<String> rules, Set<String> steps) {
  /** Stands for the catalog among the rules: a step's title or parties differ. */
  public static final String CATALOG = "(catalog)";
  /** Stands for the order of what is said, among the rules: the same reasons listed in another order. */
  public static final String ORDER = "(order)";
  /** Stands for the advisories among the steps: they are tied to no step. */
  public static final String ADVISORIES = "(advisories)";
  /** Stands for the packages among the steps, in answers that list them. */
  public static final String PACKAGES = "(packages)";
  /** Stands for the irregular records among the steps, in answers to dated records. */
  public static final String IRREGULAR = "(irregular)";

  /** The answer as compared: without its {@code decisionId} and its revision. */
  public static Decision comparable(Decision decision) {
    return new Decision(null, new Decision.RuleSetRef(decision.ruleset().name(), null), decision.completed(),
        decision.unlocked(), decision.blocked(), decision.notCounted(), decision.advisories(), decision.packages(),
        decision.irregular(), null, null, null);
  }

  /** How the two answers differ, or {@code null} when they do not. */
  public static Delta of(Decision before, Decision after) {
    if (comparable(before).equals(comparable(after))) {
      return null;
    }
    Map<String, Object> was = entries(before);
    Map<String, Object> is = entries(after);
    Set<String> steps = new LinkedHashSet<>();
    Set<String> rules = new LinkedHashSet<>();
    Set<String> ids = new LinkedHashSet<>(is.keySet());
    ids.addAll(was.keySet());
    for (String id : ids) {
      Object a = was.get(id);
      Object b = is.get(id);
      if (Objects.equals(a, b)) {
        continue;
      }
      steps.add(id);
      if (a == null || b == null || (a.getClass() == b.getClass() && !Objects.equals(kept(a), kept(b)))) {
        rules.add(CATALOG); // a step added or taken away, or its title or parties changed
      }
    }
    if (!before.advisories().equals(after.advisories())) {
      steps.add(ADVISORIES);
    }
    if (!Objects.equals(before.packages(), after.packages())) {
      steps.add(PACKAGES);
    }
    if (!Objects.equals(before.irregular(), after.irregular())) {
      steps.add(IRREGULAR);
    }
    Map<String, Set<Object>> byRuleBefore = byRule(before);
    Map<String, Set<Object>> byRuleAfter = byRule(after);
    Set<String> ruleIds = new LinkedHashSet<>(byRuleAfter.keySet());
    ruleIds.addAll(byRuleBefore.keySet());
    for (String rule : ruleIds) {
      if (!Objects.equals(byRuleBefore.get(rule), byRuleAfter.get(rule))) {
        rules.add(rule);
      }
    }
    if (rules.isEmpty()) {
      rules.add(ORDER);
    }
    return new Delta(rules, steps);
  }

  /** Each step's place in the answer: its entry in unlocked or blocked, or how often it counts. */
  private static Map<String, Object> entries(Decision decision) {
    Map<String, Object> entries = new LinkedHashMap<>();
    Map<String, Integer> counted = new HashMap<>();
    decision.completed().forEach(id -> counted.merge(id, 1, Integer::sum));
    counted.forEach((id, count) -> entries.put(id, "completed " + count));
    decision.unlocked().forEach(step -> entries.put(step.id(), step));
    decision.blocked().forEach(step -> entries.put(step.id(), step));
    return entries;
  }

  /** What the catalog says of a step: its title and parties. */
  private static Object kept(Object entry) {
    if (entry instanceof Decision.Unlocked step) {
      return List.of(step.title(), step.parties(), step.atLeastOneOf(), step.mayAlsoSign());
    }
    if (entry instanceof Decision.BlockedStep step) {
      return List.of(step.title());
    }
    return entry;
  }

  /** What each rule says in the answer, by {@code @id}: its reasons and cautions with their steps, its advisories. */
  private static Map<String, Set<Object>> byRule(Decision decision) {
    Map<String, Set<Object>> said = new HashMap<>();
    for (Decision.BlockedStep step : decision.blocked()) {
      step.reasons().forEach(r -> said.computeIfAbsent(r.ruleId(), k -> new HashSet<>()).add(List.of(step.id(), r)));
      step.cautions().forEach(c -> said.computeIfAbsent(c.ruleId(), k -> new HashSet<>()).add(List.of(step.id(), c)));
    }
    for (Decision.Unlocked step : decision.unlocked()) {
      step.cautions().forEach(c -> said.computeIfAbsent(c.ruleId(), k -> new HashSet<>()).add(List.of(step.id(), c)));
    }
    decision.advisories().forEach(a -> said.computeIfAbsent(a.ruleId(), k -> new HashSet<>()).add(a));
    if (decision.packages() != null) {
      decision.packages().forEach(p -> p.ruleIds().forEach(id ->
          said.computeIfAbsent(id, k -> new HashSet<>()).add(List.of("package", p.steps()))));
    }
    if (decision.irregular() != null) {
      decision.irregular().forEach(r -> r.ruleIds().forEach(id ->
          said.computeIfAbsent(id, k -> new HashSet<>()).add(List.of("irregular", r.index()))));
    }
    return said;
  }
}
