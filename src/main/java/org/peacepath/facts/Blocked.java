package org.peacepath.facts;

import java.util.List;

/**
 * What a firm rule inserts to keep a step out of reach: the reason, read aloud to a negotiator, and the
 * steps it still requires. The engine records which rule inserted it, and leaves out of
 * {@code requires} any step that is not repeatable and already counts.
 *
 * @param step the blocked step's id
 * @param reason why, as a whole sentence
 * @param requires the step ids that must still be taken
 */
public record Blocked(String step, String reason, List<String> requires) {

  public Blocked {
    requires = List.copyOf(requires);
  }

  /** A block on {@code step} until every one of {@code requires} is taken. */
  public Blocked(String step, String reason, String... requires) {
    this(step, reason, List.of(requires));
  }

  public String getStep() {
    return step;
  }

  public String getReason() {
    return reason;
  }

  public List<String> getRequires() {
    return requires;
  }
}
