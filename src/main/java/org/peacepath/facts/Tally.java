package org.peacepath.facts;

/**
 * How many counted records there are of one kind of step. There is a tally for every kind, zero
 * included, so a rule can do its arithmetic without counting for itself:
 * {@code Tally( kind == "reciprocal-measure", $dismantled : count )}.
 *
 * @param kind the kind, one of the catalog's fixed vocabulary
 * @param count the counted records of that kind
 */
public record Tally(String kind, int count) {
  public String getKind() {
    return kind;
  }

  public int getCount() {
    return count;
  }
}
