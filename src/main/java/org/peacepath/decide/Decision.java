package org.peacepath.decide;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.peacepath.catalog.Party;

/**
 * The answer to a negotiation state. Every list is in catalog order, so the same state gives the same
 * answer apart from {@code decisionId}.
 *
 * @param decisionId a fresh id for this answer, for the decision log and for support
 * @param ruleset the rule set and revision that decided
 * @param completed the ids of the steps that count, once per time taken
 * @param unlocked the steps that may be taken next
 * @param blocked the steps that may not, each with its reasons
 * @param notCounted the recorded steps that do not count, and why
 * @param advisories words of caution beside the decision
 */
public record Decision(
    String decisionId,
    RuleSetRef ruleset,
    List<String> completed,
    List<Unlocked> unlocked,
    List<BlockedStep> blocked,
    List<NotCounted> notCounted,
    List<AdvisoryNote> advisories) {

  /** The rule set and revision that decided. */
  public record RuleSetRef(String name, String revision) {
    /** The name and revision of the rule set. */
    public static RuleSetRef of(org.peacepath.rules.RuleSet ruleSet) {
      return new RuleSetRef(ruleSet.name(), ruleSet.revision());
    }
  }

  /** A step that may be taken next, with who must take part and who may. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Unlocked(String id, String title, List<Party> parties, List<Party> optionalParties) {}

  /** A step that may not be taken yet, with every reason. */
  public record BlockedStep(String id, String title, List<Reason> reasons) {}

  /**
   * Why a step is blocked.
   *
   * @param rule the name of the rule that blocks it
   * @param reason the rule's reason, a sentence to read aloud
   * @param requires the step ids still to be taken
   */
  public record Reason(String rule, String reason, List<String> requires) {}

  /**
   * A recorded step that does not count.
   *
   * @param step the step's id
   * @param index its place in the request's {@code completed} list, from 0
   * @param reason why, as a sentence
   * @param missingParties the required parties that did not take part
   */
  public record NotCounted(String step, int index, String reason, List<Party> missingParties) {}

  /** A word of caution, with the rule that says it. */
  public record AdvisoryNote(String rule, String text) {}
}
