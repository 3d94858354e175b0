package org.peacepath.decide;

import java.util.List;
import org.peacepath.rules.RuleSet;

/**
 * A record to decide, as {@code POST /v1/evaluate} and {@code peacepath evaluate} take it.
 *
 * @param ruleSet the rule set to decide under
 * @param completed the records, in the request's order
 * @param packages whether to list the steps that can only be taken together
 */
public record EvaluateRequest(RuleSet ruleSet, List<RecordedStep> completed, boolean packages) {
  public EvaluateRequest {
    completed = List.copyOf(completed);
  }
}
