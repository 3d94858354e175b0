package org.peacepath.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.peacepath.Bundled;
import org.peacepath.decide.Decision;
import org.peacepath.decide.Evaluator;
import org.peacepath.decide.RecordedStep;
import org.peacepath.rules.RuleSet;

/** Plans come out as short as domain.md says, and every one replays through the engine. */
class PlannerTest {

  static Stream<Arguments> shortestLengths() {
    return Stream.of(
        Arguments.of("sigal", "peace-treaty", 10),
        Arguments.of("treaty-first", "peace-treaty", 10),
        Arguments.of("denuclearization-first", "peace-treaty", 11),
        Arguments.of("sigal", "denuclearization", 4),
        Arguments.of("denuclearization-first", "denuclearization", 5),
        Arguments.of("treaty-first", "denuclearization", 11));
  }

  @ParameterizedTest(name = "under {0} the road to {1} from an empty state takes {2} steps")
  @MethodSource("shortestLengths")
  void the_shortest_road_from_an_empty_state_has_the_length_domain_md_gives(String ruleset, String goal, int length) {
    RuleSet ruleSet = Bundled.ruleSets().get(ruleset).orElseThrow();

    Plan plan = new Planner(ruleSet).plan(List.of(), goal);

    assertTrue(plan.reachable(), plan.toString());
    assertEquals(length, plan.length());
    assertEquals(length, plan.steps().size());
    assertEquals(goal, plan.steps().get(length - 1).step());
    replay(ruleSet, List.of(), plan);
  }

  @Test
  void every_plan_to_every_step_replays_through_the_engine_step_by_step() {
    for (RuleSet ruleSet : Bundled.ruleSets().all()) {
      for (var step : ruleSet.catalog().steps()) {
        Plan plan = new Planner(ruleSet).plan(List.of(), step.id());
        assertTrue(plan.reachable(), ruleSet.name() + " " + step.id());
        replay(ruleSet, List.of(), plan);
      }
    }
  }

  @Test
  void a_plan_starts_from_the_state_given_and_names_who_acts_and_which_rule_each_step_meets() {
    RuleSet sigal = Bundled.ruleSets().get("sigal").orElseThrow();
    List<RecordedStep> given = List.of(RecordedStep.of("peace-declaration"), RecordedStep.of("dismantlement"));

    Plan plan = new Planner(sigal).plan(given, "peace-treaty");

    assertEquals(8, plan.length());
    Plan.PlannedStep mechanism = plan.steps().stream().filter(s -> s.step().equals("peace-mechanism")).findFirst()
        .orElseThrow();
    assertEquals("[US, DPRK, ROK]", mechanism.parties().toString());
    assertEquals("peace-treaty", plan.steps().get(7).step());
    assertNull(plan.steps().get(7).satisfies());
    plan.steps().subList(0, 7).forEach(s -> assertTrue(s.satisfies() != null, s.toString()));
    replay(sigal, given, plan);
  }

  @Test
  void the_same_question_gets_the_same_plan() {
    RuleSet sigal = Bundled.ruleSets().get("sigal").orElseThrow();
    assertEquals(new Planner(sigal).plan(List.of(), "peace-treaty").steps(),
        new Planner(sigal).plan(List.of(), "peace-treaty").steps());
  }

  @Test
  void a_goal_already_reached_takes_no_steps() {
    RuleSet sigal = Bundled.ruleSets().get("sigal").orElseThrow();
    Plan plan = new Planner(sigal).plan(List.of(RecordedStep.of("peace-declaration")), "peace-declaration");
    assertTrue(plan.reachable());
    assertEquals(0, plan.length());
  }

  /** Replays the plan: each step must be unlocked in the state before it. */
  static void replay(RuleSet ruleSet, List<RecordedStep> given, Plan plan) {
    List<RecordedStep> state = new ArrayList<>(given);
    for (Plan.PlannedStep step : plan.steps()) {
      Decision decision = Evaluator.evaluate(ruleSet, state);
      assertTrue(decision.unlocked().stream().anyMatch(u -> u.id().equals(step.step())),
          ruleSet.name() + ": step " + step.number() + " " + step.step() + " is not unlocked after " + state);
      state.add(RecordedStep.of(step.step()));
    }
    assertFalse(plan.steps().isEmpty() && !Evaluator.evaluate(ruleSet, state).completed().contains(plan.goal()));
  }
}
