package org.peacepath.rules;

/**
 * The rules stopped deciding because whoever asked no longer waits for the answer: the client hung up,
 * so the work stops rather than finish an answer nobody will read.
 */
public final class DecisionAbandonedException extends RuntimeException {
  public DecisionAbandonedException(String ruleset) {
    super("the decision under rule set " + ruleset + " was abandoned: the client that asked for it hung up", null,
        false, false);
  }
}
