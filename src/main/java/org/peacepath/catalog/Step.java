package org.peacepath.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One step of the peace process as the catalog describes it.
 *
 * @param id the canonical id, such as {@code peace-declaration}
 * @param title a short name, as a negotiator would say it
 * @param kind what sort of step it is, one of the catalog's kinds ({@link Catalog#kinds()})
 * @param parties the parties that must all take part for the step to count
 * @param atLeastOneOf parties of which at least one must also take part; empty when the step has no such list
 * @param mayAlsoSign the parties that may also take part
 * @param repeatable whether the step can happen more than once
 * @param description what the step is, in a sentence or two
 * @param source the passage of the source the step comes from
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Step(
    String id,
    String title,
    String kind,
    @JsonInclude(JsonInclude.Include.ALWAYS) List<Party> parties,
    List<Party> atLeastOneOf,
    List<Party> mayAlsoSign,
    @JsonInclude(JsonInclude.Include.ALWAYS) boolean repeatable,
    String description,
    String source) {

  public Step {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(kind, "kind");
    parties = List.copyOf(parties);
    atLeastOneOf = atLeastOneOf == null ? List.of() : List.copyOf(atLeastOneOf);
    mayAlsoSign = mayAlsoSign == null ? List.of() : List.copyOf(mayAlsoSign);
    description = description == null ? "" : description;
    source = source == null ? "" : source;
  }

  /** Who takes the step when a record does not say: every required party and the first of "at least one of". */
  @com.fasterxml.jackson.annotation.JsonProperty("defaultParties")
  public List<Party> defaultParties() {
    if (atLeastOneOf.isEmpty()) {
      return parties;
    }
    List<Party> all = new ArrayList<>(parties);
    all.add(atLeastOneOf.get(0));
    return List.copyOf(all);
  }

  /** The title as it reads inside a sentence: "the peace declaration". */
  public String phrase() {
    boolean acronym = title.length() > 1 && Character.isUpperCase(title.charAt(1));
    String lower = acronym ? title : Character.toLowerCase(title.charAt(0)) + title.substring(1);
    return "the " + lower;
  }
}
