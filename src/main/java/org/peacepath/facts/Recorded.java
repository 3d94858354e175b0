package org.peacepath.facts;

/**
 * One record of the negotiation as the request gives it, whether it counts or not, so that a rule can
 * speak of a step suspended or revoked: {@code exists( Recorded( status != "in-force" ) )}.
 *
 * @param step the step's id
 * @param kind the step's kind
 * @param status {@code in-force}, {@code suspended} or {@code revoked}
 * @param counted whether the record counts
 */
public record Recorded(String step, String kind, String status, boolean counted) {
  public String getStep() {
    return step;
  }

  public String getKind() {
    return kind;
  }

  public String getStatus() {
    return status;
  }

  public boolean isCounted() {
    return counted;
  }
}
