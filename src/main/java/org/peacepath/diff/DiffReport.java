package org.peacepath.diff;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What {@code peacepath diff BEFORE AFTER} found, as {@code --json} prints it.
 *
 * @param before the rules folder before the edit
 * @param after the rules folder after it
 * @param bound how many times at most a repeatable step counts in the records compared
 * @param boundReason why that bound: given with {@code --bound}, or worked out from the rules
 * @param rulesets what the edit changes in each rule set both folders have (or the one asked for)
 * @param onlyBefore rule sets only the folder before the edit has, not compared
 * @param onlyAfter rule sets only the folder after it has, not compared
 * @param log what replaying the decision log found, when one was given
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DiffReport(String before, String after, int bound, String boundReason, List<Impact> rulesets,
    List<String> onlyBefore, List<String> onlyAfter, LogReplay.Replay log) {

  /** Whether nothing changes: no record decides differently in any rule set, nor any logged decision. */
  public boolean unchanged() {
    return rulesets.stream().allMatch(Impact::unchanged)
        && (log == null || log.rulesets().values().stream().allMatch(found -> found.different() == 0));
  }
}
