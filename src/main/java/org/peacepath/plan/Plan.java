package org.peacepath.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.peacepath.catalog.Party;
import org.peacepath.decide.Decision;

/**
 * The shortest road from a state to a goal, or why there is none.
 *
 * @param ruleset the rule set and revision that planned
 * @param goal the goal step's id
 * @param reachable whether a road was found
 * @param length how many steps the road takes; 0 when the goal is already reached
 * @param steps the road, step by step, each unlocked at its turn
 * @param blocks when the goal cannot be reached: the blocks on the way that no step can lift
 * @param statesExplored how many states the search evaluated
 * @param complete false when the search stopped at its limit before it could be sure
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Plan(Decision.RuleSetRef ruleset, String goal, boolean reachable, Integer length,
    List<PlannedStep> steps, List<Block> blocks, int statesExplored, boolean complete) {

  /**
   * One step of a plan.
   *
   * @param number its place on the road, from 1
   * @param step the step's id
   * @param title its title
   * @param parties who acts: the parties that must take part
   * @param satisfies the rule whose requirement this step meets, and the step that rule was blocking;
   *     {@code null} for the goal itself
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PlannedStep(int number, String step, String title, List<Party> parties, Satisfies satisfies) {}

  /** The rule a step satisfies, and the step that rule kept blocked. */
  public record Satisfies(String rule, String unblocks) {}

  /**
   * A block no sequence of steps lifts.
   *
   * @param step the blocked step
   * @param rule the rule that blocks it
   * @param reason the rule's reason
   * @param requires the step ids it requires, none of which can be taken
   */
  public record Block(String step, String rule, String reason, List<String> requires) {}
}
