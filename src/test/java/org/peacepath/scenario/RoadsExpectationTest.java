package org.peacepath.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.peacepath.Bundled;
import org.peacepath.rules.RuleSet;
import org.peacepath.rules.RuleSetException;
import org.peacepath.rules.SourceFile;

/** A scenario's {@code roads}: the shortest road from its state, held where policy staff edit the rules. */
class RoadsExpectationTest {
  private static final RuleSet SIGAL = Bundled.ruleSets().get("sigal").orElseThrow();

  private static List<String> failures(String yaml) throws RuleSetException {
    Scenario scenario = ScenarioReader.read(new SourceFile("sigal/roads.scenarios.yaml", yaml), SIGAL.catalog()).get(0);
    return ScenarioRunner.run(SIGAL, scenario).failures();
  }

  @Test
  void a_road_as_long_as_expected_passes_and_one_that_is_not_says_what_the_planner_found() throws Exception {
    assertEquals(List.of(), failures("""
        scenarios:
          - name: roads
            given: []
            roads:
              - {goal: peace-treaty, steps: 10, moves: 10}
              - {goal: satellite-launch-services, advice: ignore, steps: 2, moves: 1}
        """));

    List<String> wrong = failures("""
        scenarios:
          - name: roads
            given: [peace-declaration]
            roads:
              - {goal: denuclearization, advice: ignore, steps: 2}
              - {goal: satellite-launch-services, advice: ignore, steps: 2, moves: 2}
              - {goal: peace-treaty, unreachable: true}
        """);
    assertEquals(3, wrong.size(), wrong.toString());
    assertEquals("expected the shortest road to denuclearization by firm rules only to be 2 steps, but it is 1 steps in 1 moves"
        + " (denuclearization)", wrong.get(0));
    assertTrue(wrong.get(1).contains("but it is 2 steps in 1 moves ([missile-restraint + satellite-launch-services])"),
        wrong.get(1));
    assertTrue(wrong.get(2).startsWith("expected the shortest road to peace-treaty following advice to be unreachable, but it"
        + " is 9 steps"), wrong.get(2));
  }

  @Test
  void a_road_named_move_by_move_must_be_the_planners_own_and_says_the_one_it_found() throws Exception {
    assertEquals(List.of(), failures("""
        scenarios:
          - name: roads
            given: []
            roads:
              - {goal: satellite-launch-services, advice: ignore, via: [[missile-restraint, satellite-launch-services]]}
        """));

    List<String> wrong = failures("""
        scenarios:
          - name: roads
            given: []
            roads:
              - {goal: satellite-launch-services, advice: ignore, via: [missile-restraint, satellite-launch-services]}
              - {goal: denuclearization, advice: ignore, via: [peace-mechanism, denuclearization]}
        """);
    assertEquals(List.of("expected the shortest road to satellite-launch-services by firm rules only to go via"
        + " missile-restraint, satellite-launch-services, but it goes via [missile-restraint + satellite-launch-services];"
        + " if the new road is right, write it in via",
        "expected the shortest road to denuclearization by firm rules only to go via peace-mechanism, denuclearization,"
        + " but it goes via peace-declaration, denuclearization; if the new road is right, write it in via"), wrong);

    RuleSetException e = assertThrows(RuleSetException.class, () -> failures("""
        scenarios:
          - name: roads
            given: []
            roads:
              - {goal: denuclearization, advice: ignore, steps: 3, via: [peace-declaration, denuclearization]}
              - {goal: denuclearization, advice: ignore, via: [peace-declaration]}
        """));
    assertEquals(2, e.problems().size(), e.problems().toString());
    assertTrue(e.problems().get(0).message().contains("goes via 2 steps in 2 moves, not as its steps or moves say"),
        e.problems().get(0).message());
    assertTrue(e.problems().get(1).message().contains("must end with denuclearization"), e.problems().get(1).message());
  }

  @Test
  void a_malformed_road_is_refused_at_its_scenario_with_what_to_write() {
    RuleSetException e = assertThrows(RuleSetException.class, () -> failures("""
        scenarios:
          - name: roads
            given: []
            roads:
              - {goal: peace-treaty, advice: folow, steps: 10}
              - {goal: peace-treaty}
              - {goal: peace-traety, steps: 3}
              - {goal: peace-treaty, step: 3}
        """));
    List<String> messages = e.problems().stream().map(p -> p.message()).toList();
    assertTrue(messages.get(0).contains("advice is follow or ignore, not \"folow\""), messages.toString());
    assertTrue(messages.get(1).contains("(steps: N), or that the goal cannot be reached (unreachable: true)"), messages.toString());
    assertTrue(messages.get(2).contains("did you mean \"peace-treaty\""), messages.toString());
    assertTrue(messages.get(3).contains("remove step"), messages.toString());
  }
}
