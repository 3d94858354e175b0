package org.peacepath.decide;

import java.util.List;
import org.peacepath.catalog.Party;

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
    Status status) {

  /** Whether a record is in force. */
  public enum Status {
    IN_FORCE("in-force"), SUSPENDED("suspended"), REVOKED("revoked");

    private final String wire;

    Status(String wire) {
      this.wire = wire;
    }

    /** The word requests and answers use, such as {@code in-force}. */
    public String wire() {
      return wire;
    }

    /** The status with this word, if there is one. */
    public static java.util.Optional<Status> of(String word) {
      for (Status status : values()) {
        if (status.wire.equals(word)) {
          return java.util.Optional.of(status);
        }
      }
      return java.util.Optional.empty();
    }

    /** The words, for error messages. */
    public static List<String> words() {
      return java.util.Arrays.stream(values()).map(Status::wire).toList();
    }
  }

  public RecordedStep {
    parties = parties == null ? null : List.copyOf(parties);
    status = status == null ? Status.IN_FORCE : status;
  }

  /** A step taken by its default parties, in force, with nothing else said. */
  public static RecordedStep of(String step) {
    return new RecordedStep(step, null, null, null, null, Status.IN_FORCE);
  }

  /** The same record, in force. */
  public RecordedStep inForce() {
    return status == Status.IN_FORCE ? this : new RecordedStep(step, parties, note, facility, date, Status.IN_FORCE);
  }
}
