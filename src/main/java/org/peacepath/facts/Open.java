package org.peacepath.facts;

/**
 * A step whose status is to be decided: not yet counted, or repeatable. A firm rule that blocks a step,
 * or a piece of advice that cautions against it, matches its {@code Open} fact; a step no firm rule
 * blocks is unlocked.
 *
 * @param step the step's id, such as {@code peace-mechanism}
 * @param kind the step's kind, such as {@code interim-agreement}
 */
public record Open(String step, String kind) {
  /** The step's id, for patterns such as {@code Open( step == "peace-mechanism" )}. */
  public String getStep() {
    return step;
  }

  /** The step's kind, for patterns such as {@code Open( kind == "interim-agreement" )}. */
  public String getKind() {
    return kind;
  }
}
