package org.peacepath.plan;

/** A search for a road that spent its budget of states or time before it could answer either way. */
public final class PlanBudgetException extends RuntimeException {
  public PlanBudgetException(int statesExplored) {
    super("the search for a road stopped at its budget (" + String.format("%,d", Planner.MAX_STATES) + " states or "
        + Planner.MAX_TIME.toSeconds() + " s) after deciding " + String.format("%,d", statesExplored)
        + " states, before it could find a road or show there is none; plan from a record with fewer steps, or"
        + " to a nearer goal", null, false, false);
  }
}
