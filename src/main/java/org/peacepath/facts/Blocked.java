package org.peacepath.facts;

import java.util.List;

/**
 * What a rule inserts to keep a step blocked: the reason, read aloud to a negotiator, and the steps
 * still required. The rule that inserted it is recorded by the engine, so the DRL need not repeat its
 * own name.
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
