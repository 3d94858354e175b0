package org.peacepath.rules;

import java.util.List;

/**
 * What a rule set's {@code ruleset.yaml} says.
 *
 * @param title a short title for people
 * @param description what the doctrine holds
 * @param includes the folders whose rules and scenarios it shares, besides its own
 */
public record Manifest(String title, String description, List<String> includes) {
  public Manifest {
    title = title == null ? "" : title;
    description = description == null ? "" : description;
    includes = includes == null ? List.of() : List.copyOf(includes);
  }
}
