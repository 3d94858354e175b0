package org.peacepath.plan;

import java.time.Duration;

/** The step graph could not be learnt within its budget: planning a road to every step took too many states or too long. */
public final class GraphBudgetException extends RuntimeException {
  public GraphBudgetException(String ruleset, int maxStates, Duration maxTime, int states, int planned, int steps) {
    super("the step graph of rule set " + ruleset + " could not be learnt within its budget (" + String.format("%,d",
        maxStates) + " states or " + maxTime.toSeconds() + " s for the plans to all its steps): it stopped after "
        + String.format("%,d", states) + " states, with " + planned + " of its " + steps + " steps planned; a rule set "
        + "with fewer steps, or whose roads are shorter, can be drawn", null, false, false);
  }
}
