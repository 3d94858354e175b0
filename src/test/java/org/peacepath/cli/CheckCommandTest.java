package org.peacepath.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peacepath.Bundled;
import org.peacepath.RulesCopy;

/** {@code peacepath check} passes the bundled rules, so a bad edit fails CI, and catches each kind of mistake. */
class CheckCommandTest {
  @TempDir Path dir;

  static CommandLineTest.Run check(Path rules) {
    return CommandLineTest.run("check", rules.toString());
  }

  static void edit(Path root, String file, String from, String to) throws Exception {
    String text = Files.readString(root.resolve(file));
    assertTrue(text.contains(from), file + " has no " + from);
    Files.writeString(root.resolve(file), text.replace(from, to));
  }

  @Test
  void the_bundled_rules_are_clean() {
    CommandLineTest.Run run = check(Bundled.RULES);

    assertEquals(0, run.code(), run.out());
    assertTrue(run.out().contains("check: 3 rule sets"), run.out());
    assertTrue(run.out().contains("all clean"), run.out());
  }

  @Test
  void a_syntax_error_fails_with_file_and_line_and_exit_code_3() throws Exception {
    RulesCopy.of(dir);
    edit(dir, "common/treaty.drl", "    Open( step == \"normalization\" )", "    Open( step == \"normalization\" ");

    CommandLineTest.Run run = check(dir);

    assertEquals(3, run.code(), run.out());
    assertTrue(run.out().contains(dir.resolve("common/treaty.drl") + ":"), run.out());
  }

  @Test
  void a_misspelt_step_id_in_a_rule_fails_naming_the_nearest_known_id() throws Exception {
    RulesCopy.of(dir);
    edit(dir, "common/confidence-building.drl", "not Done( step == \"open-skies\" )", "not Done( step == \"open-skys\" )");

    CommandLineTest.Run run = check(dir);

    assertEquals(3, run.code(), run.out());
    assertTrue(run.out().contains(dir.resolve("common/confidence-building.drl")
        + ":55: unknown step id \"open-skys\"; did you mean \"open-skies\"?"), run.out());
  }

  @Test
  void a_misspelt_step_id_in_a_scenario_fails_naming_the_nearest_known_id() throws Exception {
    RulesCopy.of(dir);
    edit(dir, "common/confidence-building.scenarios.yaml", "unlocked: [joint-watch-center]",
        "unlocked: [joint-watch-centre]");

    CommandLineTest.Run run = check(dir);

    assertEquals(4, run.code(), run.out());
    assertTrue(run.out().contains("confidence-building.scenarios.yaml:27: unknown step id \"joint-watch-centre\"; "
        + "did you mean \"joint-watch-center\"?"), run.out());
  }

  @Test
  void a_failing_scenario_fails_with_expected_against_actual_and_exit_code_4() throws Exception {
    RulesCopy.of(dir);
    edit(dir, "sigal/reciprocity.scenarios.yaml", "    blocked:\n      peace-mechanism: [dismantlement]\n\n"
        + "  - name: a dismantlement reciprocates",
        "    blocked:\n      peace-mechanism: [normalization]\n\n  - name: a dismantlement reciprocates");

    CommandLineTest.Run run = check(dir);

    assertEquals(4, run.code(), run.out());
    assertTrue(run.out().contains(dir.resolve("sigal/reciprocity.scenarios.yaml") + ":11: scenario \"after the "
        + "declaration the mechanism waits for a dismantlement\" under sigal: expected peace-mechanism to be blocked "
        + "requiring [normalization], but it requires [dismantlement]"), run.out());
  }

  @Test
  void a_rule_that_no_scenario_makes_act_fails_with_exit_code_4() {
    RulesCopy.of(dir);
    RulesCopy.write(dir, "treaty-first/satellites.drl", """
        package peacepath;
        import org.peacepath.facts.Done;
        import org.peacepath.facts.Advisory;

        rule "Satellite launches may alarm Japan"
        when
            Done( step == "satellite-launch-services" )
        then
            insert( new Advisory( "Japan may see North Korean satellite launches as missile tests." ) );
        end
        """);

    CommandLineTest.Run run = check(dir);

    assertEquals(4, run.code(), run.out());
    assertTrue(run.out().contains(dir.resolve("treaty-first/satellites.drl") + ":5: no scenario makes the rule "
        + "\"Satellite launches may alarm Japan\" block or advise under treaty-first; add one beside it"), run.out());
  }

  @Test
  void a_runaway_rule_fails_naming_the_rule_and_its_line() {
    RulesCopy.of(dir);
    RulesCopy.write(dir, "common/runaway.drl", org.peacepath.BrokenRules.RUNAWAY);

    CommandLineTest.Run run = check(dir);

    assertEquals(3, run.code(), run.out());
    assertTrue(run.out().contains(dir.resolve("common/runaway.drl") + ":4: rule set sigal: the rule "
        + "\"Normalization is checked again and again\""), run.out());
  }

  @Test
  void a_rule_that_fails_when_it_fires_fails_the_check_with_its_line() {
    RulesCopy.of(dir);
    RulesCopy.write(dir, "common/failing.drl", org.peacepath.BrokenRules.FAILING);

    CommandLineTest.Run run = check(dir);

    assertEquals(3, run.code(), run.out());
    assertTrue(run.out().contains(dir.resolve("common/failing.drl") + ":6: rule set sigal: the rule "
        + "\"Normalization counts the declarations\" (common/failing.drl:6) failed when it fired"), run.out());
  }

  @Test
  void steps_that_no_sequence_of_steps_can_unlock_are_found() {
    RulesCopy.of(dir);
    RulesCopy.write(dir, "sigal/cycle.drl", org.peacepath.BrokenRules.CYCLE);

    CommandLineTest.Run run = check(dir);

    assertEquals(3, run.code(), run.out());
    assertTrue(run.out().contains(dir.resolve("sigal/cycle.drl") + ":6: the rule \"Normalization needs the treaty\" "
        + "keeps normalization blocked requiring [peace-treaty], and no sequence of steps from an empty state lifts "
        + "it; so under sigal, treaty-first these steps can never be unlocked: normalization, peace-treaty, "
        + "treaty-endorsement"), run.out());
  }
}
