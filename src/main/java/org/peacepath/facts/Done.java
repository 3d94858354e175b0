package org.peacepath.facts;

/**
 * A step that has been taken and counts: every required party took part.
 * A repeatable step taken three times is three {@code Done} facts, numbered from 1.
 *
 * @param step the step's id
 * @param occurrence which time the step was taken, from 1
 */
public record Done(String step, int occurrence) {
  /** The step's id, for DRL patterns such as {@code Done( step == "peace-declaration" )}. */
  public String getStep() {
    return step;
  }

  public int getOccurrence() {
    return occurrence;
  }
}
