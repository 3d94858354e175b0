package org.peacepath.scenario;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.peacepath.decide.Decision;
import org.peacepath.decide.Evaluator;
import org.peacepath.decide.RecordedStep;
import org.peacepath.decide.RuleFailureException;
import org.peacepath.rules.Problem;
import org.peacepath.rules.RuleSet;
import org.peacepath.rules.RuleSetException;
import org.peacepath.rules.SourceFile;

/** Runs scenarios against a compiled rule set and says, for each failure, what was expected and what came. */
public final class ScenarioRunner {
  private ScenarioRunner() {}

  /** Every scenario of the rule set that is meant for it; any file with a mistake fails the whole read. */
  public static List<Scenario> scenarios(RuleSet ruleSet) throws RuleSetException {
    Loaded loaded = load(ruleSet);
    if (!loaded.problems().isEmpty()) {
      throw new RuleSetException(loaded.problems());
    }
    return loaded.scenarios();
  }

  /** The scenarios of the files that read cleanly, and the mistakes in those that did not. */
  public record Loaded(List<Scenario> scenarios, List<Problem> problems) {}

  /** Reads every scenario file of the rule set, going on past a file with mistakes. */
  public static Loaded load(RuleSet ruleSet) {
    List<Scenario> scenarios = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    for (SourceFile file : ruleSet.scenarios()) {
      try {
        ScenarioReader.read(file, ruleSet.catalog()).stream()
            .filter(s -> s.appliesTo(ruleSet.name()))
            .forEach(scenarios::add);
      } catch (RuleSetException e) {
        problems.addAll(e.problems());
      }
    }
    return new Loaded(scenarios, problems);
  }

  /** Runs one scenario; a rule that runs away or fails is a failure like any other. */
  public static ScenarioResult run(RuleSet ruleSet, Scenario scenario) {
    List<String> failures = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    RuleFailureException failure = null;
    try {
      List<RecordedStep> state = new ArrayList<>(scenario.given());
      for (String step : scenario.path()) {
        Decision decision = decide(ruleSet, state, seen);
        if (decision.unlocked().stream().noneMatch(u -> u.id().equals(step))) {
          failures.add("path step " + (state.size() - scenario.given().size() + 1) + ": expected " + step
              + " to be unlocked after " + ids(state) + ", but it is " + status(decision, step));
          break;
        }
        state.add(RecordedStep.of(step));
      }
      Decision decision = decide(ruleSet, state, seen);
      check(scenario, decision, failures);
    } catch (RuleFailureException e) {
      failures.add(e.getMessage());
      failure = e;
    }
    return new ScenarioResult(scenario, ruleSet.name(), failures, seen, failure);
  }

  private static Decision decide(RuleSet ruleSet, List<RecordedStep> state, Set<String> seen) {
    Decision decision = Evaluator.evaluate(ruleSet, state);
    decision.blocked().forEach(b -> b.reasons().forEach(r -> seen.add(r.rule())));
    decision.advisories().forEach(a -> seen.add(a.rule()));
    return decision;
  }

  private static void check(Scenario scenario, Decision decision, List<String> failures) {
    for (String step : scenario.unlocked()) {
      if (decision.unlocked().stream().noneMatch(u -> u.id().equals(step))) {
        failures.add("expected " + step + " to be unlocked, but it is " + status(decision, step));
      }
    }
    for (Map.Entry<String, List<String>> expected : scenario.blocked().entrySet()) {
      String step = expected.getKey();
      var blocked = decision.blocked().stream().filter(b -> b.id().equals(step)).findFirst();
      if (blocked.isEmpty()) {
        failures.add("expected " + step + " to be blocked requiring " + expected.getValue() + ", but it is "
            + status(decision, step));
        continue;
      }
      Set<String> requires = new TreeSet<>();
      blocked.get().reasons().forEach(r -> requires.addAll(r.requires()));
      if (!requires.equals(new TreeSet<>(expected.getValue()))) {
        failures.add("expected " + step + " to be blocked requiring " + new TreeSet<>(expected.getValue())
            + ", but it requires " + requires);
      }
    }
    if (scenario.completed() != null && !sorted(scenario.completed()).equals(sorted(decision.completed()))) {
      failures.add("expected completed " + scenario.completed() + ", but got " + decision.completed());
    }
    if (scenario.notCounted() != null) {
      List<String> actual = decision.notCounted().stream().map(Decision.NotCounted::step).toList();
      if (!sorted(scenario.notCounted()).equals(sorted(actual))) {
        failures.add("expected not counted " + scenario.notCounted() + ", but got " + actual);
      }
    }
    if (scenario.advisories() != null) {
      List<String> actual = decision.advisories().stream().map(Decision.AdvisoryNote::rule).toList();
      if (!sorted(scenario.advisories()).equals(sorted(actual))) {
        failures.add("expected advisories " + scenario.advisories() + ", but got " + actual);
      }
    }
  }

  private static List<String> sorted(List<String> list) {
    return list.stream().sorted().toList();
  }

  private static List<String> ids(List<RecordedStep> state) {
    return state.stream().map(RecordedStep::step).toList();
  }

  /** Where the step stands in the decision, in words. */
  static String status(Decision decision, String step) {
    var blocked = decision.blocked().stream().filter(b -> b.id().equals(step)).findFirst();
    if (blocked.isPresent()) {
      Set<String> requires = new TreeSet<>();
      blocked.get().reasons().forEach(r -> requires.addAll(r.requires()));
      return "blocked requiring " + requires;
    }
    if (decision.unlocked().stream().anyMatch(u -> u.id().equals(step))) {
      return "unlocked";
    }
    return decision.completed().contains(step) ? "completed" : "not in the answer";
  }
}
