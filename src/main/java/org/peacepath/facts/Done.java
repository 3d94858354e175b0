package org.peacepath.facts;

/**
 * A recorded step that counts: in force, taken by the parties it needs, and (for a dismantlement) of a
 * facility not dismantled before. A repeatable step counted three times is three {@code Done} facts.
 *
 * @param step the step's id
 * @param kind the step's kind
 */
public record Done(String step, String kind) {
  /** The step's id, for patterns such as {@code Done( step == "peace-declaration" )}. */
  public String getStep() {
    return step;
  }

  /** The step's kind, for patterns such as {@code Done( kind == "treaty" )}. */
  public String getKind() {
    return kind;
  }
}
