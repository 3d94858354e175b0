package org.peacepath.decide;

import com.fasterxml.jackson.databind.JsonNode;
import org.peacepath.rules.RuleSet;
import org.peacepath.rules.RuleSetCompiler;
import org.peacepath.rules.RuleSets;

/** Decides requests against the rule sets being served. Knows nothing of HTTP; the CLI uses it too. */
public final class DecisionService {
  private final RuleSets ruleSets;
  private final StateReader reader = new StateReader();

  public DecisionService(RuleSets ruleSets) {
    this.ruleSets = ruleSets;
  }

  public RuleSets ruleSets() {
    return ruleSets;
  }

  /** The rule set of this name, or {@link UnknownRuleSetException}. */
  public RuleSet ruleSet(String name) {
    return ruleSets.get(name).orElseThrow(() -> new UnknownRuleSetException(name, ruleSets.names()));
  }

  /** Decides a request body as {@code POST /v1/evaluate} takes it. */
  public Decision evaluate(JsonNode body) {
    RuleSet ruleSet = ruleSet(reader.ruleset(body, RuleSetCompiler.DEFAULT));
    State state = reader.read(body, ruleSet.name(), ruleSet.catalog());
    return Evaluator.evaluate(ruleSet, state.completed());
  }
}
