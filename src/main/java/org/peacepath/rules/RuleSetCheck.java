package org.peacepath.rules;

import java.util.List;

/** Checks a freshly compiled rule set beyond compiling it, as running its scenarios does. */
@FunctionalInterface
public interface RuleSetCheck {

  /** The code of a scenario that does not decide as it expects. */
  String SCENARIO_FAILED = "scenario_failed";

  /** No check beyond compiling. */
  RuleSetCheck NONE = ruleSet -> List.of();

  /** Each way the rule set falls short, with the file and line to look at; any of them keeps it from being served. */
  List<Problem> check(RuleSet ruleSet);
}
