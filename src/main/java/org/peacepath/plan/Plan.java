package org.peacepath.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.peacepath.catalog.Party;
import org.peacepath.decide.Advice;
import org.peacepath.decide.Decision;

/**
 * The shortest road from a record to a goal, or why there is none. The shortest road has the fewest
 * steps, then the fewest moves; a move is one step, or a package of steps taken together.
 *
 * @param ruleset the rule set and revision that planned
 * @param goal the goal step's id
 * @param advice whether advice that recommends steps was followed as if firm, or ignored
 * @param reachable whether a road was found
 * @param length how many steps the road takes; 0 when the goal already counts
 * @param moves the road, move by move, each open at its turn
 * @param blocks when the goal cannot be reached: the rules that hold it back in every state reached
 * @param statesExplored how many states the search decided
 * @param complete false when the search stopped at its limit before it could be sure
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Plan(Decision.RuleSetRef ruleset, String goal, Advice advice, boolean reachable, Integer length,
    List<Move> moves, List<Block> blocks, int statesExplored, boolean complete) {

  /**
   * One move of a plan.
   *
   * @param number its place on the road, from 1
   * @param steps the step, or the steps of a package taken together, in catalog order
   * @param together whether this is a package: steps that can only be taken together
   * @param ruleIds the rules whose requirements this move meets (for a package, the rules that tie it first)
   * @param reason why the move is on the road, a sentence to read aloud
   * @param advice whether the move is on the road only because advice is followed: no firm rule needs it
   *     for the goal, nor for a move a firm rule needs
   * @param adviceRuleIds the advice that put it on the road (for a move needed by such a move, that move's
   *     advice); empty unless {@code advice}
   */
  public record Move(int number, List<PlannedStep> steps, boolean together, List<String> ruleIds, String reason,
      boolean advice, List<String> adviceRuleIds) {}

  /** A step of a move: its id, its title and who takes it. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record PlannedStep(String id, String title,
      @JsonInclude(JsonInclude.Include.ALWAYS) List<Party> parties, List<Party> atLeastOneOf) {}

  /**
   * A rule that keeps a step out of reach, which no sequence of moves lifts.
   *
   * @param step the step held back
   * @param ruleId the rule's id
   * @param rule the rule's name
   * @param reason the rule's reason
   * @param requires the step ids it requires (or, for advice, recommends), none of which can be taken
   */
  public record Block(String step, String ruleId, String rule, String reason, List<String> requires) {}
}
