package org.peacepath.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
  void the_bundled_rules_quote_the_source_word_for_word() {
    Path seed = Path.of("..", "shared", "seed", "sigal-2013-replacing-the-armistice.txt");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(seed), "the source text is beside the project");

    CommandLineTest.Run run = CommandLineTest.run("check", "--source", seed.toString(), Bundled.RULES.toString());

    assertEquals(0, run.code(), run.out());
  }

  /** A rule as policy staff write one, with its metadata, around the condition and consequence given. */
  static String rule(String name, String id, String when, String then) {
    return """
        package peacepath;
        import org.peacepath.facts.Open;
        import org.peacepath.facts.Done;
        import org.peacepath.facts.Blocked;
        import org.peacepath.facts.Advisory;

        rule "%s"
            @id("%s")
            @basis("inferred")
            @source("An “open skies” agreement allowing reconnaissance flights across the DMZ by both sides might reduce that risk.")
        when
        %s
        then
        %s
        end
        """.formatted(name, id, when, then);
  }

  @Test
  void a_syntax_error_fails_with_file_and_line_and_exit_code_3() {
    RulesCopy.of(dir);
    RulesCopy.write(dir, "common/broken.drl", rule("Open skies need the hotline", "skies-need-hotline",
        "    Open( step == \"open-skies\" \n    not Done( step == \"navy-hotline\" )",
        "    insert( new Blocked( \"open-skies\", \"The hotline first.\", \"navy-hotline\" ) );"));

    CommandLineTest.Run run = check(dir);

    assertEquals(3, run.code(), run.out());
    assertTrue(run.out().contains(dir.resolve("common/broken.drl") + ":"), run.out());
  }

  @Test
  void a_misspelt_step_id_in_a_rule_fails_naming_the_nearest_known_id() {
    RulesCopy.of(dir);
    RulesCopy.write(dir, "common/typo.drl", rule("Open skies need the hotline", "skies-need-hotline",
        "    Open( step == \"open-skies\" )\n    not Done( step == \"navy-hotlin\" )",
        "    insert( new Blocked( \"open-skies\", \"The hotline first.\", \"navy-hotline\" ) );"));

    CommandLineTest.Run run = check(dir);

    assertEquals(3, run.code(), run.out());
    assertTrue(run.out().contains(dir.resolve("common/typo.drl")
        + ":13: unknown step id \"navy-hotlin\"; did you mean \"navy-hotline\"?"), run.out());
  }

  @Test
  void a_rule_without_its_id_basis_or_source_fails_naming_what_to_add() {
    RulesCopy.of(dir);
    RulesCopy.write(dir, "common/bare.drl", """
        package peacepath;
        import org.peacepath.facts.Open;
        import org.peacepath.facts.Caution;

        rule "Open skies are best after the hotline"
            @basis("probable")
        when
            Open( step == "open-skies" )
        then
            insert( new Caution( "open-skies", "The hotline first.", "navy-hotline" ) );
        end
        """);

    CommandLineTest.Run run = check(dir);

    assertEquals(3, run.code(), run.out());
    assertTrue(run.out().contains(dir.resolve("common/bare.drl") + ":5: the rule \"Open skies are best after the "
        + "hotline\" needs @id(\"a-short-stable-id\"), @source(\"the sentence it encodes, word for word\")"), run.out());
    assertTrue(run.out().contains(dir.resolve("common/bare.drl") + ":5: the rule \"Open skies are best after the "
        + "hotline\" has @basis(\"probable\"); say \"stated\""), run.out());
  }

  @Test
  void two_rules_with_one_id_fail_naming_both() {
    RulesCopy.of(dir);
    RulesCopy.write(dir, "common/twin.drl", rule("Open skies wait for the mechanism", "cbm-at-mechanism",
        "    Open( step == \"open-skies\" )\n    not Done( step == \"peace-mechanism\" )",
        "    insert( new Blocked( \"open-skies\", \"The mechanism first.\", \"peace-mechanism\" ) );"));

    CommandLineTest.Run run = check(dir);

    assertEquals(3, run.code(), run.out());
    assertTrue(run.out().contains("has @id(\"cbm-at-mechanism\"), which the rule"), run.out());
  }

  @Test
  void a_rule_file_that_no_rule_set_reads_is_said_with_where_it_could_go() throws Exception {
    RulesCopy.of(dir);
    String rules = Files.readString(dir.resolve("common/advisories.drl"));
    Files.writeString(dir.resolve("loose.drl"), rules);
    Files.createDirectories(dir.resolve("treaty-frist"));
    Files.writeString(dir.resolve("treaty-frist/more.drl"), rules);
    Files.writeString(dir.resolve("common/extra.DRL"), rules);
    Files.writeString(dir.resolve("common/README.md"), "notes are not rules, and are left alone");

    CommandLineTest.Run run = CommandLineTest.run("check", dir.toString());

    assertEquals(3, run.code(), run.out());
    assertTrue(run.out().contains(dir.resolve("loose.drl") + ": this file is in the rules folder itself, where no rule set"
        + " reads it; move it into the folder of a rule set"), run.out());
    assertTrue(run.out().contains(dir.resolve("treaty-frist/more.drl") + ": no rule set reads the folder treaty-frist/"
        + " (it has no ruleset.yaml and no rule set includes it), so this file is ignored; did you mean \"treaty-first/\"?"),
        run.out());
    assertTrue(run.out().contains(dir.resolve("common/extra.DRL") + ": a rule set reads .drl, .rules.csv, .rules.xlsx and"
        + " .scenarios.yaml files, so this one is ignored; to have it read, name it extra.drl"), run.out());
    assertFalse(run.out().contains("README.md"), run.out());
    assertTrue(run.out().contains("3 problem(s) in the rules"), run.out());
  }

  @Test
  void a_table_row_that_breaks_a_shared_scenario_says_how_to_mend_it_where_it_stands() throws Exception {
    RulesCopy.of(dir);
    Files.writeString(dir.resolve("treaty-first/treaty-first.rules.csv"), Files.readString(
        dir.resolve("treaty-first/treaty-first.rules.csv")) + "borders-in-talks,border-rectification,,firm,four-party-talks,,"
        + "inferred,,\"it would require rectification of land and sea borders\",Borders are rectified in the talks,"
        + "\"{missing} first.\",\n");

    CommandLineTest.Run run = CommandLineTest.run("check", dir.toString());

    assertEquals(4, run.code(), run.out());
    assertTrue(run.out().contains("under treaty-first: expected border-rectification to be unlocked, but it is blocked by"
        + " [borders-in-talks] requiring [four-party-talks]"), run.out());
    assertTrue(run.out().contains("is shared by every rule set that includes common/; if it is not meant to hold under"
        + " treaty-first, add rulesets: [the rule sets it is meant for] to it, and write what treaty-first decides in a"
        + " scenario file of treaty-first/"), run.out());
  }

  @Test
  void a_firm_rule_on_a_hedged_basis_is_refused_at_its_line_unless_the_design_brief_makes_it_firm() throws Exception {
    RulesCopy.of(dir);
    String hedged = rule("Open skies need the hotline", "skies-need-hotline",
        "    Open( step == \"open-skies\" )\n    not Done( step == \"navy-hotline\" )",
        "    insert( new Blocked( \"open-skies\", \"The hotline first.\", \"navy-hotline\" ) );")
        .replace("@basis(\"inferred\")", "@basis(\"hedged\")");
    RulesCopy.write(dir, "common/hedged.drl", hedged);

    CommandLineTest.Run refused = CommandLineTest.run("check", dir.toString());

    assertEquals(3, refused.code(), refused.out());
    assertTrue(refused.out().contains(dir.resolve("common/hedged.drl") + ":7: the rule \"Open skies need the hotline\""
        + " blocks a step on a hedged basis"), refused.out());
    assertTrue(refused.out().contains("@brief("), refused.out());

    // The same rule as advice is fine, and so is the firm rule once the design brief's words are given.
    RulesCopy.write(dir, "common/hedged.drl", hedged.replace("@basis(\"hedged\")",
        "@basis(\"hedged\")\n    @brief(\"open skies after the hotline\")"));
    CommandLineTest.Run briefed = CommandLineTest.run("check", dir.toString());
    assertNotEquals(3, briefed.code(), briefed.out());
    assertFalse(briefed.out().contains("blocks a step on a hedged basis"), briefed.out());
    RulesCopy.write(dir, "common/hedged.drl", hedged.replace("import org.peacepath.facts.Blocked;",
        "import org.peacepath.facts.Caution;").replace("new Blocked(", "new Caution("));
    CommandLineTest.Run advice = CommandLineTest.run("check", dir.toString());
    assertNotEquals(3, advice.code(), advice.out());
    assertFalse(advice.out().contains("blocks a step on a hedged basis"), advice.out());
  }

  @Test
  void a_quote_that_is_not_word_for_word_in_the_source_is_shown_beside_the_nearest_passage() throws Exception {
    RulesCopy.of(dir);
    Path seed = dir.resolve("source.txt");
    Files.writeString(seed, "An “open skies” agreement allowing reconnaissance flights across the DMZ by both sides "
        + "might reduce that risk. In October 2000 Kim Jong-il offered to end exports.");
    RulesCopy.write(dir, "common/quote.drl", rule("Open skies need the hotline", "skies-need-hotline",
        "    Open( step == \"open-skies\" )\n    not Done( step == \"navy-hotline\" )",
        "    insert( new Blocked( \"open-skies\", \"The hotline first.\", \"navy-hotline\" ) );")
        .replace("might reduce that risk.", "could reduce that risk."));

    CommandLineTest.Run run = CommandLineTest.run("check", "--source", seed.toString(), dir.toString());

    assertEquals(3, run.code(), run.out());
    assertTrue(run.out().contains(dir.resolve("common/quote.drl") + ":7: the @source of the rule \"skies-need-hotline\" "
        + "is not word for word in the source: \"An “open skies” agreement allowing reconnaissance flights across the DMZ "
        + "by both sides could reduce that risk.\"; the nearest passage there is \"An “open skies” agreement allowing "
        + "reconnaissance flights across the DMZ by both sides might reduce that risk.\""), run.out());
  }

  @Test
  void a_kind_outside_the_vocabulary_fails_naming_the_kinds() throws Exception {
    RulesCopy.of(dir);
    edit(dir, "catalog.yaml", "kind: treaty-track", "kind: treaty track");

    CommandLineTest.Run run = check(dir);

    assertEquals(3, run.code(), run.out());
    assertTrue(run.out().contains("kind \"treaty track\" is not one of interim-agreement"), run.out());
    assertTrue(run.out().contains("did you mean \"treaty-track\"?"), run.out());
  }

  @Test
  void a_misspelt_step_id_in_a_scenario_fails_naming_the_nearest_known_id() {
    RulesCopy.of(dir);
    RulesCopy.write(dir, "common/typo.scenarios.yaml", """
        scenarios:
          - name: the watch center is open from the start
            unlocked: [joint-watch-centre]
        """);

    CommandLineTest.Run run = check(dir);

    assertEquals(4, run.code(), run.out());
    assertTrue(run.out().contains("typo.scenarios.yaml:2: unknown step id \"joint-watch-centre\"; "
        + "did you mean \"joint-watch-center\"?"), run.out());
  }

  @Test
  void a_failing_scenario_fails_with_expected_against_actual_and_exit_code_4() {
    RulesCopy.of(dir);
    RulesCopy.write(dir, "sigal/wrong.scenarios.yaml", """
        scenarios:
          - name: after the declaration the mechanism waits for normalization
            given: [peace-declaration]
            blocked:
              peace-mechanism: [normalization]
        """);

    CommandLineTest.Run run = check(dir);

    assertEquals(4, run.code(), run.out());
    assertTrue(run.out().contains(dir.resolve("sigal/wrong.scenarios.yaml") + ":2: scenario \"after the "
        + "declaration the mechanism waits for normalization\" under sigal: expected peace-mechanism to be blocked "
        + "requiring [normalization], but it is blocked requiring [dismantlement]"), run.out());
  }

  @Test
  void a_rule_that_no_scenario_makes_act_fails_with_exit_code_4() {
    RulesCopy.of(dir);
    RulesCopy.write(dir, "treaty-first/satellites.drl", """
        package peacepath;
        import org.peacepath.facts.Recorded;
        import org.peacepath.facts.Advisory;

        rule "Satellite launches may alarm Japan"
            @id("satellites-alarm-japan")
            @basis("inferred")
            @source("In return he wanted the United States to launch North Korean satellites")
        when
            Recorded( step == "satellite-launch-services", status == "revoked" )
        then
            insert( new Advisory( "Japan may see North Korean satellite launches as missile tests." ) );
        end
        """);

    CommandLineTest.Run run = check(dir);

    assertEquals(4, run.code(), run.out());
    assertTrue(run.out().contains(dir.resolve("treaty-first/satellites.drl") + ":5: the rule \"satellites-alarm-japan\""
        + " (Satellite launches may alarm Japan) has no scenario of its own under treaty-first: add one beside it"), run.out());
  }

  @Test
  void a_rule_that_acts_only_in_other_rules_scenarios_has_no_scenario_of_its_own() throws Exception {
    RulesCopy.of(dir);
    // A caution on normalization: it shows in many scenarios of other rules, and none of them names it.
    Files.writeString(dir.resolve("treaty-first/treaty-first.rules.csv"), Files.readString(
        dir.resolve("treaty-first/treaty-first.rules.csv")) + "normalization-after-borders,normalization,,advice,,"
        + "border-rectification,inferred,,\"it would require rectification of land and sea borders\","
        + "Normal relations are best sought once the borders are settled,\"After {missing}.\",\n");

    CommandLineTest.Run run = check(dir);

    assertEquals(4, run.code(), run.out());
    assertTrue(run.out().contains(dir.resolve("treaty-first/treaty-first.rules.csv") + ":5: the rule"
        + " \"normalization-after-borders\" (Normal relations are best sought once the borders are settled) has no"
        + " scenario of its own under treaty-first: add one beside it that names the rule"), run.out());
  }

  @Test
  void a_runaway_rule_fails_naming_the_rule_and_its_line() {
    RulesCopy.of(dir);
    RulesCopy.write(dir, "common/runaway.drl", org.peacepath.BrokenRules.RUNAWAY);
    RulesCopy.write(dir, "common/runaway.scenarios.yaml", org.peacepath.BrokenRules.RUNAWAY_SCENARIO);

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
  void a_condition_that_divides_by_zero_fails_the_check_with_its_line_and_no_stack_trace() {
    RulesCopy.of(dir);
    RulesCopy.write(dir, "common/dividing.drl", org.peacepath.BrokenRules.DIVIDING);

    CommandLineTest.Run run = check(dir);

    assertEquals(3, run.code(), run.out() + run.err());
    assertTrue(run.out().contains(dir.resolve("common/dividing.drl") + ":5: rule set sigal: the rule "
        + "\"Interim agreements are shared out\" (common/dividing.drl:5) failed while facts were matched against its "
        + "conditions: it divides by zero"), run.out());
    assertNoStackTrace(run);
  }

  @Test
  void a_rule_file_nested_too_deeply_fails_the_check_with_its_file_and_no_stack_trace() {
    RulesCopy.of(dir);
    RulesCopy.write(dir, "common/deep.drl", org.peacepath.BrokenRules.DEEP);

    CommandLineTest.Run run = org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> check(dir));

    assertEquals(3, run.code(), run.out() + run.err());
    assertTrue(run.out().contains(dir.resolve("common/deep.drl") + ":11: "), run.out());
    assertNoStackTrace(run);
  }

  static void assertNoStackTrace(CommandLineTest.Run run) {
    String all = run.out() + run.err();
    assertTrue(!all.matches("(?s).*(\\tat |Exception|Error\\b|java\\.lang|org\\.drools).*"), all);
  }

  @Test
  void steps_that_no_road_can_reach_are_found_and_a_package_is_a_road() {
    RulesCopy.of(dir);
    RulesCopy.write(dir, "common/cycle.drl", org.peacepath.BrokenRules.CYCLE);

    CommandLineTest.Run run = check(dir);

    assertEquals(3, run.code(), run.out());
    assertTrue(run.out().contains(dir.resolve("common/cycle.drl") + ":6: the rule \"Normalization needs the treaty\" "
        + "keeps normalization held back requiring [peace-treaty], and no road from an empty record lifts it; so under "
        + "denuclearization-first (following advice), denuclearization-first (firm rules only) these steps can never be "
        + "unlocked: normalization, peace-treaty, treaty-endorsement"), run.out());
  }
}
