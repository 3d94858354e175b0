package org.peacepath.decide;

import java.util.List;
import org.peacepath.catalog.Party;

/**
 * A step the negotiation has already taken, as a request records it.
 *
 * @param step the step's id
 * @param parties who took part; {@code null} when the request does not say, in which case the required
 *     parties are assumed
 * @param note free text, such as the facility dismantled
 */
public record RecordedStep(String step, List<Party> parties, String note) {
  public RecordedStep {
    parties = parties == null ? null : List.copyOf(parties);
  }

  /** A step taken by its required parties, with no note. */
  public static RecordedStep of(String step) {
    return new RecordedStep(step, null, null);
  }
}
