package org.peacepath.rules;

import java.util.List;

/**
 * What a rule set's {@code ruleset.yaml} says.
 *
 * @param title a short title for people
 * @param description what the doctrine holds
 * @param includes the folders whose rules and scenarios it shares, besides its own
 * @param simultaneous {@code allowed} when steps may be taken together as packages, {@code refused} when not
 * @param simultaneousSource the sentence of the source the doctrine's answer on simultaneous action rests on,
 *     word for word
 */
public record Manifest(String title, String description, List<String> includes, String simultaneous,
    String simultaneousSource) {
  /** The words {@code simultaneous} may say. */
  public static final List<String> SIMULTANEOUS = List.of("allowed", "refused");

  public Manifest {
    title = title == null ? "" : title;
    description = description == null ? "" : description;
    includes = includes == null ? List.of() : List.copyOf(includes);
    simultaneousSource = simultaneousSource == null ? "" : simultaneousSource.strip();
  }

  /** Whether packages are allowed. */
  public boolean allowsSimultaneous() {
    return "allowed".equals(simultaneous);
  }
}
