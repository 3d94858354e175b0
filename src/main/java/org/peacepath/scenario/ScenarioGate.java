package org.peacepath.scenario;

import java.util.ArrayList;
import java.util.List;
import org.peacepath.rules.Problem;
import org.peacepath.rules.RuleSet;
import org.peacepath.rules.ServingGate;

/** Runs a rule set's scenarios on every load and reload: a revision whose scenarios fail is not served. */
public final class ScenarioGate implements ServingGate {
  @Override
  public List<Problem> shortfalls(RuleSet ruleSet) {
    ScenarioRunner.Loaded loaded = ScenarioRunner.load(ruleSet);
    List<Problem> failures = new ArrayList<>(loaded.problems());
    for (Scenario scenario : loaded.scenarios()) {
      ScenarioResult result = ScenarioRunner.run(ruleSet, scenario);
      if (result.ruleFailure() != null) {
        var rule = ruleSet.rule(result.ruleFailure().rule());
        Problem broken = new Problem(result.ruleFailure().code(), rule.map(r -> r.file()).orElse(scenario.file()),
            rule.map(r -> r.line()).orElse(scenario.line()), result.ruleFailure().getMessage());
        if (!failures.contains(broken)) {
          failures.add(broken);
        }
        continue;
      }
      failures.addAll(ScenarioRunner.problems(ruleSet, scenario, result));
    }
    return failures;
  }
}
