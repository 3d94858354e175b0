package org.peacepath.http;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.peacepath.rules.ReloadOutcome;
import org.peacepath.rules.RuleInfo;
import org.peacepath.rules.RuleSetCompiler;
import org.peacepath.rules.RuleSets;

/**
 * A rule set as {@code GET /v1/rulesets} shows it: what is serving, its rules with their authority, and
 * what the last reload found.
 *
 * @param name the rule set's name
 * @param title its title
 * @param description what the doctrine holds
 * @param isDefault whether requests that name no rule set get it
 * @param simultaneous {@code allowed} when steps may be taken together as packages, else {@code refused}
 * @param simultaneousSource the sentence of the source that answer rests on
 * @param revision the revision serving now
 * @param loadedAt when that revision was compiled
 * @param rules every rule serving, in the order the files write them
 * @param lastReload the outcome of the last attempt to load it from disk
 */
record RuleSetView(String name, String title, String description,
    @com.fasterxml.jackson.annotation.JsonProperty("default") boolean isDefault, String simultaneous,
    String simultaneousSource, String revision, Instant loadedAt, List<Rule> rules, ReloadOutcome lastReload) {

  /**
   * A rule: its id, its sentence, how the source supports it (and, on a rule firm by the design brief, the
   * brief's words), the passage it quotes, and where it is written.
   */
  record Rule(String id, String name, String basis,
      @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
      String brief,
      String source, String file, int line) {}

  static RuleSetView of(RuleSets.Served served) {
    var ruleSet = served.ruleSet();
    List<Rule> rules = ruleSet.rules().values().stream().sorted(Comparator.comparingInt(RuleInfo::order))
        .map(r -> new Rule(r.id(), r.name(), r.basis(), r.brief(), r.source(), r.file(), r.line())).toList();
    return new RuleSetView(ruleSet.name(), ruleSet.title(), ruleSet.description(),
        ruleSet.name().equals(RuleSetCompiler.DEFAULT), ruleSet.simultaneous() ? "allowed" : "refused",
        ruleSet.simultaneousSource(),
        ruleSet.revision(), ruleSet.loadedAt(), rules, served.lastReload());
  }
}

/**
 * The answer to {@code GET /v1/rulesets}: every rule set served, and the files of the rules folder that look
 * like rules but that no rule set reads (each with what to do about it).
 */
record RuleSetsView(List<RuleSetView> rulesets, List<org.peacepath.rules.Problem> strayFiles) {
  /** What the server serves now. */
  static RuleSetsView of(org.peacepath.rules.RuleSets ruleSets) {
    return new RuleSetsView(ruleSets.status().stream().map(RuleSetView::of).toList(), ruleSets.strayFiles());
  }
}
