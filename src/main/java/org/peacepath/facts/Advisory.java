package org.peacepath.facts;

/**
 * A word of caution said beside the decision, tied to no step. It blocks nothing.
 *
 * @param text the advisory, as a whole sentence
 */
public record Advisory(String text) {
  public String getText() {
    return text;
  }
}
