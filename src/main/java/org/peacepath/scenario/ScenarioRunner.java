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
import org.peacepath.rules.Faults;
import org.peacepath.rules.RuleFailureException;
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

  /** The most scenarios that may run under one rule set. */
  public static final int MAX_SCENARIOS = 2_000;

  /** Reads every scenario file of the rule set, going on past a file with mistakes; past {@link #MAX_SCENARIOS}, none runs. */
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
      } catch (RuntimeException | StackOverflowError e) {
        problems.add(new Problem("scenario_syntax", file.path(), 1, "the scenario file could not be read: "
            + Faults.inWords(e)));
      }
      if (scenarios.size() > MAX_SCENARIOS) {
        problems.add(new Problem("scenario_too_large", file.path(), 1, "with this file rule set " + ruleSet.name()
            + " has " + String.format("%,d", scenarios.size()) + " scenarios; at most " + String.format("%,d",
                MAX_SCENARIOS) + " run under one rule set: keep those that show what each rule does"));
        scenarios.clear();
        break;
      }
    }
    return new Loaded(scenarios, problems);
  }

  /**
   * The failures of a scenario run as problems at the scenario's line. A scenario of a shared folder that
   * fails under one of the rule sets including it says, once, how to mend that where it stands: name the rule
   * sets it is meant for, and give the other rule set a scenario of its own.
   */
  public static List<Problem> problems(RuleSet ruleSet, Scenario scenario, ScenarioResult result) {
    List<Problem> problems = new ArrayList<>();
    for (String failure : result.failures()) {
      problems.add(new Problem(org.peacepath.rules.ServingGate.SCENARIO_FAILED, scenario.file(), scenario.line(),
          "scenario \"" + scenario.name() + "\" under " + ruleSet.name() + ": " + failure));
    }
    String folder = scenario.file().contains("/") ? scenario.file().substring(0, scenario.file().indexOf('/')) : "";
    if (!problems.isEmpty() && scenario.rulesets().isEmpty() && !folder.equals(ruleSet.name())) {
      problems.add(new Problem(org.peacepath.rules.ServingGate.SCENARIO_FAILED, scenario.file(), scenario.line(),
          "scenario \"" + scenario.name() + "\" is shared by every rule set that includes " + folder + "/; if it is"
              + " not meant to hold under " + ruleSet.name() + ", add rulesets: [the rule sets it is meant for] to it,"
              + " and write what " + ruleSet.name() + " decides in a scenario file of " + ruleSet.name() + "/"));
    }
    return problems;
  }

  /** Runs one scenario; a rule that runs away or fails is a failure like any other. */
  public static ScenarioResult run(RuleSet ruleSet, Scenario scenario) {
    List<String> failures = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    RuleFailureException failure = null;
    try {
      List<RecordedStep> state = new ArrayList<>(scenario.given());
      int number = 0;
      for (List<String> move : scenario.path()) {
        number++;
        Decision decision = decide(ruleSet, state, move.size() > 1, seen);
        if (move.size() == 1 && !statusOf(decision, move.get(0)).equals(Decision.UNLOCKED)) {
          failures.add("path move " + number + ": expected " + move.get(0) + " to be unlocked after " + ids(state)
              + ", but it is " + status(decision, move.get(0)));
          break;
        }
        if (move.size() > 1 && decision.packages().stream().noneMatch(p -> sameSteps(p.steps(), move))) {
          failures.add("path move " + number + ": expected " + move + " to be a package after " + ids(state)
              + ", but the packages are " + decision.packages().stream().map(Decision.Package::steps).toList());
          break;
        }
        move.forEach(step -> state.add(RecordedStep.of(step)));
      }
      Decision decision = decide(ruleSet, state, scenario.packages() != null, seen);
      check(scenario, decision, failures);
      checkRoads(ruleSet, scenario, state, failures);
    } catch (RuleFailureException e) {
      failures.add(e.getMessage());
      failure = e;
    } catch (RuntimeException | StackOverflowError e) {
      failures.add("it could not be run: " + Faults.inWords(e));
    }
    return new ScenarioResult(scenario, ruleSet.name(), failures, seen, failure);
  }

  /** Decides the record, noting the id of every rule that blocked, cautioned or advised. */
  private static Decision decide(RuleSet ruleSet, List<RecordedStep> state, boolean packages, Set<String> seen) {
    Decision decision = Evaluator.evaluate(ruleSet, state, packages);
    decision.blocked().forEach(b -> {
      b.reasons().forEach(r -> seen.add(r.ruleId()));
      b.cautions().forEach(c -> seen.add(c.ruleId()));
    });
    decision.unlocked().forEach(u -> u.cautions().forEach(c -> seen.add(c.ruleId())));
    decision.advisories().forEach(a -> seen.add(a.ruleId()));
    return decision;
  }

  /** Plans each road the scenario expects, from its state, and says where one is not as long as expected. */
  private static void checkRoads(RuleSet ruleSet, Scenario scenario, List<RecordedStep> state, List<String> failures) {
    for (Scenario.ExpectedRoad road : scenario.roads()) {
      org.peacepath.plan.Plan plan = new org.peacepath.plan.Planner(ruleSet)
          .plan(state, road.goal(), org.peacepath.decide.Advice.of(road.advice()).orElseThrow());
      String found = !plan.reachable() ? (plan.complete() ? "unreachable" : "not found within the planner's budget")
          : plan.length() + " steps in " + plan.moves().size() + " moves ("
              + String.join(", ", plan.moves().stream().map(m -> m.steps().size() == 1 ? m.steps().get(0).id()
                  : "[" + String.join(" + ", m.steps().stream().map(org.peacepath.plan.Plan.PlannedStep::id).toList()) + "]")
                  .toList()) + ")";
      boolean same = road.steps() == null
          ? !plan.reachable() && plan.complete()
          : plan.reachable() && plan.length() == road.steps()
              && (road.moves() == null || plan.moves().size() == road.moves());
      if (!same) {
        failures.add("expected the shortest road to " + road.label() + " to be "
            + (road.steps() == null ? "unreachable" : road.steps() + " steps"
                + (road.moves() == null ? "" : " in " + road.moves() + " moves"))
            + ", but it is " + found);
      }
    }
  }

  private static void check(Scenario scenario, Decision decision, List<String> failures) {
    for (String step : scenario.unlocked()) {
      if (!statusOf(decision, step).equals(Decision.UNLOCKED)) {
        failures.add("expected " + step + " to be unlocked, but it is " + status(decision, step));
      }
    }
    for (Map.Entry<String, Scenario.Expected> expected : scenario.blocked().entrySet()) {
      String step = expected.getKey();
      var blocked = decision.blocked().stream().filter(b -> b.id().equals(step)).findFirst();
      if (!statusOf(decision, step).equals(Decision.BLOCKED) || blocked.isEmpty()) {
        failures.add("expected " + step + " to be blocked" + describe(expected.getValue(), "requiring") + ", but it is "
            + status(decision, step));
        continue;
      }
      compare(step, Decision.BLOCKED, expected.getValue(), "requiring",
          blocked.get().reasons().stream().map(Decision.Reason::ruleId).toList(),
          blocked.get().reasons().stream().flatMap(r -> r.requires().stream()).toList(), failures);
    }
    for (Map.Entry<String, Scenario.Expected> expected : scenario.cautions().entrySet()) {
      String step = expected.getKey();
      List<Decision.Caution> cautions = cautions(decision, step);
      compare(step, "cautioned", expected.getValue(), "recommending",
          cautions.stream().map(Decision.Caution::ruleId).toList(),
          cautions.stream().flatMap(c -> c.recommends().stream()).toList(), failures);
    }
    if (scenario.completed() != null && !sorted(scenario.completed()).equals(sorted(decision.completed()))) {
      failures.add("expected completed " + scenario.completed() + ", but got " + decision.completed());
    }
    if (scenario.notCounted() != null) {
      List<String> actual = decision.notCounted().stream().map(Decision.NotCounted::id).toList();
      if (!scenario.notCounted().equals(actual)) {
        failures.add("expected not counted " + scenario.notCounted() + ", but got " + actual + " ("
            + decision.notCounted().stream().map(Decision.NotCounted::reason).toList() + ")");
      }
    }
    if (scenario.advisories() != null) {
      List<String> actual = decision.advisories().stream().map(Decision.AdvisoryNote::ruleId).toList();
      if (!sorted(scenario.advisories()).equals(sorted(actual))) {
        failures.add("expected advisories " + scenario.advisories() + ", but got " + actual);
      }
    }
    if (scenario.packages() != null) {
      List<List<String>> actual = decision.packages().stream().map(Decision.Package::steps).toList();
      boolean same = actual.size() == scenario.packages().size()
          && scenario.packages().stream().allMatch(p -> actual.stream().anyMatch(a -> sameSteps(a, p)));
      if (!same) {
        failures.add("expected packages " + scenario.packages() + ", but got " + actual);
      }
    }
    if (scenario.irregular() != null) {
      List<Decision.Irregular> actual = decision.irregular() == null ? List.of() : decision.irregular();
      boolean same = actual.size() == scenario.irregular().size();
      for (int i = 0; same && i < actual.size(); i++) {
        Scenario.ExpectedIrregular want = scenario.irregular().get(i);
        same = actual.get(i).index() == want.index()
            && (want.rules() == null || sorted(want.rules()).equals(sorted(actual.get(i).ruleIds())));
      }
      if (!same) {
        failures.add("expected irregular " + scenario.irregular().stream().map(i -> i.index() + (i.rules() == null ? "" : " " + i.rules())).toList()
            + ", but got " + (decision.irregular() == null ? "none (every record needs a date)"
                : actual.stream().map(i -> i.index() + " " + i.ruleIds()).toList()));
      }
    }
  }

  private static void compare(String step, String what, Scenario.Expected expected, String verb, List<String> rules,
      List<String> steps, List<String> failures) {
    if (expected.rules() != null && !new TreeSet<>(expected.rules()).equals(new TreeSet<>(rules))) {
      failures.add("expected " + step + " to be " + what + " by " + new TreeSet<>(expected.rules()) + ", but it is "
          + (rules.isEmpty() ? "not" : what + " by " + new TreeSet<>(rules)));
    }
    if (expected.steps() != null && !new TreeSet<>(expected.steps()).equals(new TreeSet<>(steps))) {
      failures.add("expected " + step + " to be " + what + " " + verb + " " + new TreeSet<>(expected.steps())
          + ", but it is " + (rules.isEmpty() ? "not " + what : what + " " + verb + " " + new TreeSet<>(steps)));
    }
  }

  private static String describe(Scenario.Expected expected, String verb) {
    return (expected.rules() == null ? "" : " by " + expected.rules())
        + (expected.steps() == null ? "" : " " + verb + " " + expected.steps());
  }

  private static List<Decision.Caution> cautions(Decision decision, String step) {
    List<Decision.Caution> cautions = new ArrayList<>();
    decision.unlocked().stream().filter(u -> u.id().equals(step)).forEach(u -> cautions.addAll(u.cautions()));
    decision.blocked().stream().filter(b -> b.id().equals(step)).forEach(b -> cautions.addAll(b.cautions()));
    return cautions;
  }

  private static boolean sameSteps(List<String> a, List<String> b) {
    return sorted(a).equals(sorted(b));
  }

  private static List<String> sorted(List<String> list) {
    return list.stream().sorted().toList();
  }

  private static List<String> ids(List<RecordedStep> state) {
    return state.stream().map(RecordedStep::step).toList();
  }

  /** Where the step stands in the decision, in words. */
  static String status(Decision decision, String step) {
    String status = statusOf(decision, step);
    var blocked = decision.blocked().stream().filter(b -> b.id().equals(step)).findFirst();
    if (status.equals(Decision.BLOCKED) && blocked.isPresent()) {
      Set<String> requires = new TreeSet<>();
      blocked.get().reasons().forEach(r -> requires.addAll(r.requires()));
      return "blocked by " + blocked.get().reasons().stream().map(Decision.Reason::ruleId).toList()
          + " requiring " + requires;
    }
    return status;
  }

  /** The step's status as the decision says it, in its list of steps. */
  static String statusOf(Decision decision, String step) {
    if (decision.steps() == null) {
      return decision.status(step);
    }
    return decision.steps().stream().filter(s -> s.id().equals(step)).map(Decision.StepStatus::status).findFirst()
        .orElse("unknown");
  }
}
