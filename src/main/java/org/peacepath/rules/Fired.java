package org.peacepath.rules;

import java.util.List;
import org.peacepath.facts.Advisory;
import org.peacepath.facts.Blocked;
import org.peacepath.facts.Caution;

/**
 * What the rules found in one record, each finding with the rule that made it: blocks, cautions and
 * advisories, in the order the rules fired.
 *
 * @param blocks what firm rules inserted
 * @param cautions what advice inserted
 * @param advisories what was said beside the decision
 */
public record Fired(List<Found<Blocked>> blocks, List<Found<Caution>> cautions, List<Found<Advisory>> advisories) {
  /** A finding and the name of the rule that made it. */
  public record Found<T>(String rule, T fact) {}

  public Fired {
    blocks = List.copyOf(blocks);
    cautions = List.copyOf(cautions);
    advisories = List.copyOf(advisories);
  }
}
