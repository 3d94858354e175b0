package org.peacepath;

import java.util.List;
import org.peacepath.decide.RecordedStep;
import org.peacepath.rules.RuleSetException;
import org.peacepath.scenario.Scenario;
import org.peacepath.scenario.ScenarioRunner;

/**
 * The roads the bundled rules' scenario files expect, read where policy staff keep them: a test of the API or
 * the workbench asks here for a road's length and moves instead of writing them down again, so an edit that
 * changes a road is mended in the scenario file alone (and {@code check} says which).
 */
public final class BundledRoads {
  private BundledRoads() {}

  /** A scenario of {@code ruleset}'s own files, by its name. */
  public static Scenario scenario(String ruleset, String name) {
    try {
      return ScenarioRunner.scenarios(Bundled.ruleSets().get(ruleset).orElseThrow()).stream()
          .filter(s -> s.name().equals(name) && s.appliesTo(ruleset)).findFirst()
          .orElseThrow(() -> new AssertionError("no scenario \"" + name + "\" under " + ruleset));
    } catch (RuleSetException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  /** The road that scenario expects to {@code goal}, following advice or not. */
  public static Scenario.ExpectedRoad road(String ruleset, String name, String goal, String advice) {
    return scenario(ruleset, name).roads().stream().filter(r -> r.goal().equals(goal) && r.advice().equals(advice))
        .findFirst().orElseThrow(() -> new AssertionError("the scenario \"" + name + "\" under " + ruleset
            + " expects no road to " + goal + " with advice " + advice));
  }

  /** The road's steps in order, packages flattened. */
  public static List<String> steps(Scenario.ExpectedRoad road) {
    return road.via().stream().flatMap(List::stream).toList();
  }

  /** The records of the scenario, as a request's "completed" list. */
  public static String completed(Scenario scenario) {
    return "[" + String.join(", ", scenario.given().stream().map(RecordedStep::step)
        .map(step -> "{\"step\": \"" + step + "\"}").toList()) + "]";
  }

  /** The scenario of the roads from the empty record, move by move. */
  public static final String FROM_EMPTY = "the roads from the empty record, move by move";
  /** The scenario of the roads from a signed and reciprocated declaration, move by move. */
  public static final String FROM_DECLARATION = "the roads from a signed and reciprocated declaration, move by move";
}
