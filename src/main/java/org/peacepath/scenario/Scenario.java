package org.peacepath.scenario;

import java.util.List;
import java.util.Map;
import org.peacepath.decide.RecordedStep;

/**
 * A state and what policy staff expect the rules to decide about it. An expectation left out is not
 * checked.
 *
 * @param name what the scenario shows, as a plain sentence; its label in test reports
 * @param file the scenario file, relative to the rules folder
 * @param line the line of its name
 * @param rulesets the rule sets it is meant for; empty for every rule set that runs the file
 * @param given the steps taken
 * @param path steps to take one after another from {@code given}, each of which must be unlocked in turn
 * @param unlocked steps that must be unlocked
 * @param blocked steps that must be blocked, each with exactly the steps its reasons require
 * @param completed exactly the steps that must count, once per time taken; {@code null} to leave unchecked
 * @param notCounted exactly the recorded steps that must not count; {@code null} to leave unchecked
 * @param advisories exactly the rules whose advisories must be said; {@code null} to leave unchecked
 */
public record Scenario(
    String name,
    String file,
    int line,
    List<String> rulesets,
    List<RecordedStep> given,
    List<String> path,
    List<String> unlocked,
    Map<String, List<String>> blocked,
    List<String> completed,
    List<String> notCounted,
    List<String> advisories) {

  /** {@code file:line}, where an editor finds the scenario. */
  public String where() {
    return file + ":" + line;
  }

  /** Whether the scenario is meant for the named rule set. */
  public boolean appliesTo(String ruleset) {
    return rulesets.isEmpty() || rulesets.contains(ruleset);
  }
}
