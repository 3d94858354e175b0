package org.peacepath.plan;

/** A search for a road stopped because whoever asked for it no longer waits for the answer. */
public final class PlanAbandonedException extends RuntimeException {
  public PlanAbandonedException(int statesExplored) {
    super("the search for a road was abandoned after deciding " + String.format("%,d", statesExplored)
        + " states: the client that asked for it hung up", null, false, false);
  }
}
