package org.peacepath.diff;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.peacepath.decide.Decision;

/**
 * What an edit of one rule set changes: over every record of the space, how many decide differently, by
 * rule and by step, each group with its smallest record and the two answers to it.
 *
 * @param ruleset the rule set's name
 * @param before the revision before the edit
 * @param after the revision after it
 * @param bound how many times at most a repeatable step counts in the records compared
 * @param steps how many steps the records are made of (those both catalogs have)
 * @param repeatable the steps counted 0 to {@code bound} times; every other step is counted or not
 * @param records how many records were compared
 * @param different how many of them decide differently
 * @param catalog how the catalog changed, in words; empty when it did not
 * @param byRule the records that decide differently, by the rule that says something different
 * @param byStep the same, by the step whose answer differs
 * @param failure why the comparison stopped before its end, or {@code null} when it did not
 * @param newCycles steps the edit makes wait for each other by firm rules, each with the rules that close the
 *     cycle; {@code null} when the step graphs could not be learnt within their budget
 * @param order the steps in catalog order (after the edit, then those taken away), for listing them
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Impact(String ruleset, String before, String after, int bound, int steps, List<String> repeatable,
    long records, long different, List<String> catalog, List<Group> byRule, List<Group> byStep, Failure failure,
    List<org.peacepath.plan.Cycles.Cycle> newCycles,
    @com.fasterxml.jackson.annotation.JsonIgnore List<String> order) {

  /**
   * Records that decide differently for one reason: one rule, or one step.
   *
   * @param id the rule's {@code @id} or the step's id; {@code (catalog)}, {@code (order)} or {@code (advisories)}
   *     for what is neither
   * @param title the rule's name or the step's title, in words
   * @param records how many records of the space differ for it
   * @param smallest the smallest of them: the fewest records, and of those the one whose steps come earliest in
   *     the catalog; as step ids, a repeatable step as often as it counts
   * @param beforeAnswer the answer to the smallest record before the edit
   * @param afterAnswer the answer after it
   */
  public record Group(String id, String title, long records, List<String> smallest, Decision beforeAnswer,
      Decision afterAnswer) {}

  /**
   * A rule that failed or ran away on a record, which stopped the comparison.
   *
   * @param revision the revision whose rule failed
   * @param record the record it failed on, as step ids
   * @param code {@code runaway_rule} or {@code rule_failed}
   * @param message what happened, in words
   */
  public record Failure(String revision, List<String> record, String code, String message) {}

  /** Whether the edit changes nothing in the space, and the comparison went to its end. */
  public boolean unchanged() {
    return different == 0 && failure == null && catalog.isEmpty();
  }
}
