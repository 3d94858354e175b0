package org.peacepath.check;

import java.util.List;
import org.peacepath.rules.Problem;

/**
 * What {@code peacepath check} found.
 *
 * @param ruleSets how many rule sets were checked
 * @param scenarios how many scenario runs there were (a shared scenario runs once per rule set)
 * @param ruleProblems mistakes in the rules: compile errors, unknown step ids, unreachable steps, rules that run away or fail
 * @param scenarioProblems mistakes in the scenario files, and scenarios that fail
 */
public record ReviewReport(int ruleSets, int scenarios, List<Problem> ruleProblems, List<Problem> scenarioProblems) {
  public ReviewReport {
    ruleProblems = List.copyOf(ruleProblems);
    scenarioProblems = List.copyOf(scenarioProblems);
  }

  public boolean clean() {
    return ruleProblems.isEmpty() && scenarioProblems.isEmpty();
  }
}
