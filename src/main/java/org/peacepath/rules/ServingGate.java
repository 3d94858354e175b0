package org.peacepath.rules;

import java.util.List;

/**
 * What a freshly compiled revision must pass before it is served, at start and on every reload: its
 * scenarios, as {@code ScenarioGate} runs them. (Not to be confused with {@code peacepath check}, the
 * editor's review of a whole rules folder.)
 */
@FunctionalInterface
public interface ServingGate {

  /** The code of a scenario that does not decide as it expects. */
  String SCENARIO_FAILED = "scenario_failed";

  /** Nothing beyond compiling. */
  ServingGate NONE = ruleSet -> List.of();

  /** Each way the rule set falls short, with the file and line to look at; any of them keeps it from being served. */
  List<Problem> shortfalls(RuleSet ruleSet);

  /**
   * What the reload child passes to the gate's one-string constructor to make it again, or {@code null} when
   * its constructor takes nothing.
   */
  default String argument() {
    return null;
  }
}
