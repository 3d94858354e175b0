package org.peacepath.rules;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSessionsPool;
import org.peacepath.catalog.Catalog;

/**
 * A compiled rule set: one doctrine's rules over the shared catalog, ready to decide. Immutable and
 * safe to share between threads; a reload makes a new one.
 *
 * @param name the rule set's name, its folder under {@code rules/}, such as {@code sigal}
 * @param title a short title for people
 * @param description what the doctrine holds, in a sentence or two
 * @param simultaneous whether the doctrine allows steps to be taken together, as packages
 * @param revision a hash of the contents of the files that make the rule set
 * @param loadedAt when it was compiled
 * @param catalog the steps it decides about
 * @param kieBase the compiled rules
 * @param sessions sessions of the compiled rules, reset and reused from one evaluation to the next
 * @param rules where each rule is written, by name
 * @param files the DRL files, catalog and manifest it was compiled from
 * @param scenarios the scenario files that run under it
 */
public record RuleSet(
    String name,
    String title,
    String description,
    boolean simultaneous,
    String revision,
    Instant loadedAt,
    Catalog catalog,
    KieBase kieBase,
    KieSessionsPool sessions,
    Map<String, RuleInfo> rules,
    List<SourceFile> files,
    List<SourceFile> scenarios) {

  public RuleSet {
    rules = Map.copyOf(rules);
    files = List.copyOf(files);
    scenarios = List.copyOf(scenarios);
  }

  /** The same rules with other scenario files, for when only the scenarios were edited. */
  public RuleSet withScenarios(List<SourceFile> scenarioFiles) {
    return new RuleSet(name, title, description, simultaneous, revision, loadedAt, catalog, kieBase, sessions, rules, files,
        scenarioFiles);
  }

  /** Where the named rule is written, if this rule set has it. */
  public Optional<RuleInfo> rule(String name) {
    return Optional.ofNullable(rules.get(name));
  }

  /** The rule with this {@code @id}, if this rule set has it. */
  public Optional<RuleInfo> ruleById(String id) {
    return rules.values().stream().filter(rule -> rule.id().equals(id)).findFirst();
  }

  /** Orders rule names as the files list the rules: by file, then line. */
  public Comparator<String> ruleOrder() {
    return Comparator.comparingInt(
        (String name) -> rule(name).map(RuleInfo::order).orElse(Integer.MAX_VALUE))
        .thenComparing(Comparator.naturalOrder());
  }
}
