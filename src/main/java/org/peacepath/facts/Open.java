package org.peacepath.facts;

/**
 * A step whose status is to be decided: not yet taken, or repeatable.
 * A rule that blocks a step matches its {@code Open} fact; a step no rule blocks is unlocked.
 *
 * @param step the step's id
 */
public record Open(String step) {
  /** The step's id, for DRL patterns such as {@code Open( step == "peace-mechanism" )}. */
  public String getStep() {
    return step;
  }
}
