package org.peacepath.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peacepath.RulesCopy;
import org.peacepath.scenario.ScenarioGate;

/**
 * The files of the rules folder are bounded as requests are, each limit said in a sentence at the file and
 * line: a catalog of at most 300 steps, a scenario file of at most 500 scenarios each of at most 1,000
 * records and moves, 2,000 scenarios a rule set, and files of at most 1 MB.
 */
class RulesFolderLimitsTest {
  @TempDir Path dir;

  Problem refusal() {
    RuleSetException refused = assertThrows(RuleSetException.class, () -> RuleSets.load(dir, new ScenarioGate()));
    return refused.problems().get(0);
  }

  @Test
  void a_catalog_of_thousands_of_steps_is_refused() throws Exception {
    RulesCopy.of(dir);
    StringBuilder more = new StringBuilder(Files.readString(dir.resolve("catalog.yaml")));
    for (int i = 0; i < 5_000; i++) {
      more.append("  - id: extra-").append(i).append("\n    title: Extra ").append(i)
          .append("\n    kind: treaty-condition\n    parties: [US]\n");
    }
    Files.writeString(dir.resolve("catalog.yaml"), more);

    Problem problem = refusal();

    assertEquals("catalog_too_large", problem.code());
    assertEquals("catalog.yaml:1: the catalog lists 5,019 steps; peacepath takes at most 300, since every decision "
        + "covers every step and the step graph plans a road to each", problem.toString());
  }

  @Test
  void a_scenario_file_of_hundreds_of_scenarios_is_refused() throws Exception {
    RulesCopy.of(dir);
    RulesCopy.write(dir, "common/many.scenarios.yaml", "scenarios:\n" + String.join("", Collections.nCopies(600,
        "  - name: nothing is counted\n    given: []\n    completed: []\n")));

    Problem problem = refusal();

    assertEquals("scenario_too_large", problem.code());
    assertEquals("common/many.scenarios.yaml", problem.file());
    assertTrue(problem.message().startsWith("the file holds 600 scenarios; a scenario file holds at most 500"),
        problem.message());
  }

  @Test
  void a_scenario_of_twenty_thousand_dated_records_is_refused_at_its_line() throws Exception {
    RulesCopy.of(dir);
    RulesCopy.write(dir, "common/long.scenarios.yaml", "scenarios:\n  - name: a short one\n    given: []\n"
        + "    completed: []\n  - name: twenty thousand dismantlements\n    given: ["
        + String.join(", ", Collections.nCopies(20_000, "{step: dismantlement, date: 2027-05-01}")) + "]\n    completed: []\n");

    Problem problem = refusal();

    assertEquals("scenario_too_large", problem.code());
    assertEquals("common/long.scenarios.yaml:5: scenario \"twenty thousand dismantlements\" gives 20,000 records and a "
        + "path of 0 moves; a scenario, like a request, holds at most 1,000 of each", problem.toString());
  }

  @Test
  void more_scenarios_than_a_rule_set_runs_are_refused() throws Exception {
    RulesCopy.of(dir);
    for (int file = 0; file < 5; file++) {
      RulesCopy.write(dir, "common/many-" + file + ".scenarios.yaml", "scenarios:\n" + String.join("",
          Collections.nCopies(450, "  - name: nothing is counted\n    given: []\n    completed: []\n")));
    }

    Problem problem = refusal();

    assertEquals("scenario_too_large", problem.code());
    assertTrue(problem.message().contains("; at most 2,000 run under one rule set"), problem.message());
  }

  @Test
  void a_rule_file_larger_than_a_request_is_refused_before_it_is_read() throws Exception {
    RulesCopy.of(dir);
    RulesCopy.write(dir, "common/large.drl", "// " + "x".repeat(1_100_000) + "\n");

    Problem problem = refusal();

    assertEquals("file_too_large", problem.code());
    assertEquals("common/large.drl:0: the file is 1,100,004 bytes long; a file of the rules folder may be at most "
        + "1,000,000 bytes, as a request may: split it, or keep only what the rules need", problem.toString());
  }
}
