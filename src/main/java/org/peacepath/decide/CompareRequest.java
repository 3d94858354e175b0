package org.peacepath.decide;

import java.util.List;
import org.peacepath.rules.RuleSet;

/**
 * One record to decide under several rule sets, as {@code POST /v1/compare} takes it.
 *
 * @param ruleSets the rule sets, in the order asked for
 * @param completed the records as each rule set's catalog reads them, in the same order
 */
public record CompareRequest(List<RuleSet> ruleSets, List<List<RecordedStep>> completed) {
  public CompareRequest {
    ruleSets = List.copyOf(ruleSets);
    completed = completed.stream().map(List::copyOf).toList();
  }
}
