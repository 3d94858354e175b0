package org.peacepath.decide;

import java.util.List;
import org.peacepath.catalog.Party;
import org.peacepath.catalog.RecordStatus;

/**
 * One record of the negotiation: a step taken, by whom, when, and whether it is still in force.
 *
 * @param step the step's id
 * @param parties who took part; {@code null} when the request does not say, in which case the step's
 *     default parties are assumed; empty when nobody took part
 * @param note free text
 * @param facility which facility was dismantled (dismantlements only); {@code null} when not said
 * @param date when it was taken, to the year, month or day; {@code null} when not said
 * @param status in force (the default), suspended or revoked
 */
public record RecordedStep(String step, List<Party> parties, String note, String facility, RecordDate date,
    RecordStatus status) {

  public RecordedStep {
    parties = parties == null ? null : List.copyOf(parties);
    status = status == null ? RecordStatus.IN_FORCE : status;
  }

  /** A step taken by its default parties, in force, with nothing else said. */
  public static RecordedStep of(String step) {
    return new RecordedStep(step, null, null, null, null, RecordStatus.IN_FORCE);
  }

  /** The same record, in force. */
  public RecordedStep inForce() {
    return status == RecordStatus.IN_FORCE ? this : new RecordedStep(step, parties, note, facility, date, RecordStatus.IN_FORCE);
  }
}
