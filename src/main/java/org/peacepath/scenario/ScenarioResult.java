package org.peacepath.scenario;

import java.util.List;
import java.util.Set;

/**
 * How one scenario fared under one rule set.
 *
 * @param scenario the scenario
 * @param ruleset the rule set it ran under
 * @param failures each expectation not met, as "expected … but …"; empty when it passed
 * @param rulesSeen the rules that blocked or advised in any state the scenario looked at
 * @param ruleFailure the rule that ran away or failed and stopped the scenario, or {@code null}
 */
public record ScenarioResult(Scenario scenario, String ruleset, List<String> failures, Set<String> rulesSeen,
    org.peacepath.rules.RuleFailureException ruleFailure) {
  public boolean passed() {
    return failures.isEmpty();
  }
}
