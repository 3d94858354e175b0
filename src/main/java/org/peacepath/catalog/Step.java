package org.peacepath.catalog;

import java.util.List;
import java.util.Objects;

/**
 * One step of the peace process as the catalog describes it.
 *
 * @param id the canonical id, such as {@code peace-declaration}
 * @param title a short name, as a negotiator would say it
 * @param kind what sort of step it is, such as "interim agreement"
 * @param parties the parties that must take part for the step to count
 * @param optionalParties the parties that may also take part
 * @param repeatable whether the step can happen more than once
 * @param description what the step is, in a sentence or two
 * @param source the sentence of the source the step comes from
 */
public record Step(
    String id,
    String title,
    String kind,
    List<Party> parties,
    List<Party> optionalParties,
    boolean repeatable,
    String description,
    String source) {

  public Step {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    parties = List.copyOf(parties);
    optionalParties = optionalParties == null ? List.of() : List.copyOf(optionalParties);
    description = description == null ? "" : description;
    source = source == null ? "" : source;
    kind = kind == null ? "" : kind;
  }

  /** The title as it reads inside a sentence: "the peace declaration". */
  public String phrase() {
    boolean acronym = title.length() > 1 && Character.isUpperCase(title.charAt(1));
    String lower = acronym ? title : Character.toLowerCase(title.charAt(0)) + title.substring(1);
    return "the " + lower;
  }

  /** Whether taking part in this step is signing it (an agreement, a treaty or an endorsement). */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean isSigned() {
    return kind.contains("agreement") || kind.contains("treaty") || kind.contains("endorsement");
  }
}
