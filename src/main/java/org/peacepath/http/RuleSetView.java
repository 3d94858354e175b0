package org.peacepath.http;

import java.time.Instant;
import java.util.List;
import org.peacepath.rules.ReloadOutcome;
import org.peacepath.rules.RuleSetCompiler;
import org.peacepath.rules.RuleSets;

/**
 * A rule set as {@code GET /v1/rulesets} shows it: what is serving, and what the last reload found.
 *
 * @param name the rule set's name
 * @param title its title
 * @param description what the doctrine holds
 * @param isDefault whether requests that name no rule set get it
 * @param revision the revision serving now
 * @param loadedAt when that revision was compiled
 * @param lastReload the outcome of the last attempt to load it from disk
 */
record RuleSetView(String name, String title, String description,
    @com.fasterxml.jackson.annotation.JsonProperty("default") boolean isDefault,
    String revision, Instant loadedAt, ReloadOutcome lastReload) {

  static RuleSetView of(RuleSets.Served served) {
    var ruleSet = served.ruleSet();
    return new RuleSetView(ruleSet.name(), ruleSet.title(), ruleSet.description(),
        ruleSet.name().equals(RuleSetCompiler.DEFAULT), ruleSet.revision(), ruleSet.loadedAt(), served.lastReload());
  }
}

/** The answer to {@code GET /v1/rulesets}. */
record RuleSetsView(List<RuleSetView> rulesets) {}
