package org.peacepath.decide;

import java.util.List;

/**
 * A negotiation state: the rule set to judge it by and the steps taken so far, in the order recorded.
 *
 * @param ruleset the rule set's name
 * @param completed the steps taken
 */
public record State(String ruleset, List<RecordedStep> completed) {
  public State {
    completed = List.copyOf(completed);
  }
}
