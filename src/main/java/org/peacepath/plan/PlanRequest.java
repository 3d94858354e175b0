package org.peacepath.plan;

import java.util.List;
import org.peacepath.decide.Advice;
import org.peacepath.decide.RecordedStep;
import org.peacepath.rules.RuleSet;

/**
 * A road to plan, as {@code POST /v1/plan} and {@code peacepath plan} take it.
 *
 * @param ruleSet the rule set to plan under
 * @param completed the record to plan from
 * @param goal the goal step's id, one of the catalog's
 * @param advice whether advice that recommends steps is followed as if firm
 */
public record PlanRequest(RuleSet ruleSet, List<RecordedStep> completed, String goal, Advice advice) {
  public PlanRequest {
    completed = List.copyOf(completed);
  }
}
