package org.peacepath.rules;

import java.util.List;

/** Checks a freshly compiled rule set beyond compiling it, as running its scenarios does. */
@FunctionalInterface
public interface RuleSetCheck {
  /** No check beyond compiling. */
  RuleSetCheck NONE = ruleSet -> List.of();

  /** Each way the rule set falls short, with the file and line to look at. */
  List<Problem> check(RuleSet ruleSet);
}
