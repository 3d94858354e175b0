package org.peacepath.scenario;

import java.util.List;
import java.util.Map;
import org.peacepath.decide.RecordedStep;

/**
 * A record and what policy staff expect the rules to decide about it. An expectation left out is not
 * checked.
 *
 * @param name what the scenario shows, as a plain sentence; its label in test reports
 * @param file the scenario file, relative to the rules folder
 * @param line the line of its name
 * @param rulesets the rule sets it is meant for; empty for every rule set that runs the file
 * @param given the records
 * @param path moves to take one after another from {@code given}: one step, which must be unlocked, or a
 *     package of steps, which must be listed as a package
 * @param unlocked steps that must be unlocked
 * @param blocked steps that must be blocked, with the rules and the steps their reasons require
 * @param cautions steps that must carry cautions, with the rules and the steps they recommend
 * @param completed exactly the steps that must count, once per counted record; {@code null} to leave unchecked
 * @param notCounted exactly the records that must not count, by step id; {@code null} to leave unchecked
 * @param advisories exactly the ids of the rules whose advisories must be said; {@code null} to leave unchecked
 * @param packages exactly the packages, each as its steps; {@code null} to leave unchecked (and not ask)
 * @param irregular exactly the irregular records; {@code null} to leave unchecked
 * @param roads the shortest roads from the state, after {@code path}, to goals: how many steps and moves
 */
public record Scenario(
    String name,
    String file,
    int line,
    List<String> rulesets,
    List<RecordedStep> given,
    List<List<String>> path,
    List<String> unlocked,
    Map<String, Expected> blocked,
    Map<String, Expected> cautions,
    List<String> completed,
    List<String> notCounted,
    List<String> advisories,
    List<List<String>> packages,
    List<ExpectedIrregular> irregular,
    List<ExpectedRoad> roads) {

  /**
   * What a block or a caution on a step must be.
   *
   * @param rules exactly the ids of the rules behind it; {@code null} to leave unchecked
   * @param steps exactly the steps required (blocks) or recommended (cautions), together; {@code null} to leave unchecked
   */
  public record Expected(List<String> rules, List<String> steps) {}

  /** An irregular record expected: its index in {@code given} and, if said, exactly the rules that blocked it. */
  public record ExpectedIrregular(int index, List<String> rules) {}

  /**
   * A shortest road expected from the scenario's state: to {@code goal}, following advice or by firm rules
   * only, in {@code steps} steps and (if said) {@code moves} moves, and (if said) by exactly the moves
   * {@code via}, each one step or a package; {@code steps} is {@code null} for a goal that must be unreachable.
   */
  public record ExpectedRoad(String goal, String advice, Integer steps, Integer moves, List<List<String>> via) {
    /** "peace-treaty following advice", as a failure names it. */
    public String label() {
      return goal + ("ignore".equals(advice) ? " by firm rules only" : " following advice");
    }
  }

  /** {@code file:line}, where an editor finds the scenario. */
  public String where() {
    return file + ":" + line;
  }

  /** Whether the scenario is meant for the named rule set. */
  public boolean appliesTo(String ruleset) {
    return rulesets.isEmpty() || rulesets.contains(ruleset);
  }
}
