package org.peacepath.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.peacepath.Bundled;
import org.peacepath.catalog.Step;
import org.peacepath.decide.Advice;
import org.peacepath.decide.Decision;
import org.peacepath.decide.Evaluator;
import org.peacepath.decide.Packages;
import org.peacepath.decide.RecordedStep;
import org.peacepath.rules.RuleSet;

/** Plans come out as short as domain.md's roads table says, and every one replays move by move through the engine. */
class PlannerTest {

  // How long each road from the empty record is (domain.md's roads table), policy staff say in each rule set's
  // roads.scenarios.yaml, where the scenario tests and check hold it; every road replays below.

  @Test
  void the_road_to_the_treaty_under_sigal_is_the_one_domain_md_gives_step_for_step() {
    Plan plan = new Planner(ruleSet("sigal")).plan(List.of(), "peace-treaty", Advice.FOLLOW);

    assertEquals(List.of("peace-declaration", "dismantlement", "peace-mechanism", "dismantlement", "four-party-talks",
        "normalization", "border-rectification", "artillery-redeployment", "force-posture-changes", "peace-treaty"),
        plan.moves().stream().flatMap(m -> m.steps().stream()).map(Plan.PlannedStep::id).toList());
    assertTrue(plan.moves().get(0).ruleIds().contains("mechanism-after-declaration"), describe(plan));
    assertTrue(plan.moves().get(plan.moves().size() - 1).ruleIds().isEmpty(), "the goal satisfies nothing further");
  }

  @Test
  void the_road_to_the_treaty_under_treaty_first_is_the_one_domain_md_gives_step_for_step() {
    Plan plan = new Planner(ruleSet("treaty-first")).plan(List.of(), "peace-treaty", Advice.FOLLOW);

    // No peace-process advice under treaty-first (model 2.1): the treaty comes "to begin with".
    assertEquals(List.of("peace-declaration", "four-party-talks", "normalization", "border-rectification",
        "artillery-redeployment", "force-posture-changes", "peace-treaty"),
        plan.moves().stream().flatMap(m -> m.steps().stream()).map(Plan.PlannedStep::id).toList());
  }

  @Test
  void missile_restraint_and_satellite_launches_are_one_move_taken_together_under_sigal() {
    Plan plan = new Planner(ruleSet("sigal")).plan(List.of(), "satellite-launch-services", Advice.IGNORE);

    Plan.Move move = plan.moves().get(0);
    assertTrue(move.together());
    assertEquals(List.of("missile-restraint", "satellite-launch-services"),
        move.steps().stream().map(Plan.PlannedStep::id).toList());
    assertEquals(List.of("missiles-for-satellites"), move.ruleIds());
  }

  @Test
  void an_interim_agreement_recorded_before_the_declaration_is_a_peace_process_under_way() {
    RuleSet ruleSet = ruleSet("sigal");
    List<RecordedStep> record = List.of(RecordedStep.of("interim-peace-agreement"));

    Plan plan = new Planner(ruleSet).plan(record, "peace-mechanism", Advice.IGNORE);

    // Model 2.1: any counted interim agreement opens dismantlement, so no package is needed and nothing is a dead end.
    assertTrue(plan.reachable(), describe(plan));
    assertEquals(List.of("dismantlement", "peace-declaration", "dismantlement", "peace-mechanism"),
        plan.moves().stream().flatMap(m -> m.steps().stream()).map(Plan.PlannedStep::id).toList(), describe(plan));
    assertTrue(plan.moves().stream().noneMatch(Plan.Move::together), describe(plan));
    replay(ruleSet, record, plan);
  }

  @Test
  void two_interim_agreements_with_no_declaration_are_reciprocated_one_dismantlement_at_a_time() {
    RuleSet ruleSet = ruleSet("sigal");
    org.peacepath.scenario.Scenario scenario = org.peacepath.BundledRoads.scenario("sigal",
        "two interim agreements with no declaration are reciprocated one dismantlement at a time");
    List<RecordedStep> record = scenario.given();

    Plan plan = new Planner(ruleSet).plan(record, "peace-mechanism", Advice.IGNORE);

    assertTrue(plan.reachable(), describe(plan));
    assertEquals(scenario.roads().get(0).steps().intValue(), plan.length(), describe(plan));
    replay(ruleSet, record, plan);
  }

  @Test
  void a_goal_already_counted_is_reached_in_no_steps_and_a_repeatable_goal_means_one_more() {
    RuleSet ruleSet = ruleSet("sigal");
    List<RecordedStep> record = List.of(RecordedStep.of("peace-declaration"), RecordedStep.of("dismantlement"));

    assertEquals(0, new Planner(ruleSet).plan(record, "peace-declaration", Advice.FOLLOW).length());
    Plan again = new Planner(ruleSet).plan(record, "dismantlement", Advice.FOLLOW);
    assertEquals(1, again.length());
    assertEquals("dismantlement", again.moves().get(0).steps().get(0).id());
  }

  static Stream<Arguments> everyGoal() {
    List<Arguments> all = new ArrayList<>();
    for (RuleSet ruleSet : Bundled.ruleSets().all()) {
      for (Step step : ruleSet.catalog().steps()) {
        for (Advice advice : Advice.values()) {
          all.add(Arguments.of(ruleSet.name(), step.id(), advice));
        }
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "under {0} the road to {1} ({2}) replays move by move")
  @MethodSource("everyGoal")
  void every_plan_to_every_step_is_reachable_and_replays_through_the_engine(String ruleset, String goal, Advice advice) {
    RuleSet ruleSet = ruleSet(ruleset);

    Plan plan = new Planner(ruleSet).plan(List.of(), goal, advice);

    assertTrue(plan.reachable(), "every catalog step is reachable: " + goal);
    replay(ruleSet, List.of(), plan);
  }

  /** Takes the plan's moves one by one: each single step must be open under the plan's advice, each package listed as one. */
  static void replay(RuleSet ruleSet, List<RecordedStep> start, Plan plan) {
    List<RecordedStep> state = new ArrayList<>(start);
    for (Plan.Move move : plan.moves()) {
      Decision decision = Evaluator.decide(ruleSet, state);
      List<String> ids = move.steps().stream().map(Plan.PlannedStep::id).toList();
      if (move.together()) {
        assertTrue(ruleSet.simultaneous(), "only a rule set that allows it takes steps together");
        List<List<String>> packages = Packages.find(ruleSet, state, decision, plan.advice()).stream()
            .map(Decision.Package::steps).toList();
        assertTrue(packages.contains(ids), "move " + move.number() + " " + ids + " is a package: " + packages);
      } else {
        assertEquals(1, ids.size());
        assertTrue(decision.available(plan.advice()).contains(ids.get(0)),
            "move " + move.number() + ": " + ids.get(0) + " is open under " + plan.advice().wire() + " after "
                + state.stream().map(RecordedStep::step).toList() + ": " + decision.status(ids.get(0)));
      }
      ids.forEach(id -> state.add(RecordedStep.of(id)));
    }
    Decision last = Evaluator.decide(ruleSet, state);
    assertTrue(last.completed().contains(plan.goal()), "the road reaches " + plan.goal());
  }

  static String describe(Plan plan) {
    return plan.reachable()
        ? plan.moves().stream().map(m -> m.steps().stream().map(Plan.PlannedStep::id).toList().toString()).toList().toString()
        : "unreachable: " + plan.blocks();
  }

  static RuleSet ruleSet(String name) {
    return Bundled.ruleSets().get(name).orElseThrow();
  }
}
