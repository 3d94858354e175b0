package org.peacepath.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.peacepath.Bundled;
import org.peacepath.HostileRules;
import org.peacepath.RulesCopy;

/** A rule file is data, not a program: every construct that could reach the host is refused before anything runs. */
class RuleLanguageTest {
  @TempDir Path dir;

  static final List<HostileRules.Hostile> HOSTILE = HostileRules.ALL;

  record Run(int code, String out) {}

  @Test
  void the_bundled_rules_keep_to_the_rule_language() throws Exception {
    for (String name : RuleSetCompiler.names(Bundled.RULES)) {
      RuleSetFiles files = RuleSetFiles.read(Bundled.RULES, name);
      for (SourceFile file : files.drl()) {
        assertEquals(List.of(), RuleLanguage.check(file), file.path());
      }
    }
  }

  @ParameterizedTest(name = "{0} is refused by check, at its line, and nothing of it runs")
  @FieldSource("HOSTILE")
  void a_hostile_rule_file_is_refused_by_check_and_nothing_of_it_runs(HostileRules.Hostile hostile) throws Exception {
    Path rules = Files.createDirectories(dir.resolve("rules"));
    RulesCopy.of(rules);
    Path marker = dir.resolve("marker");
    RulesCopy.write(rules, "common/hostile.drl", hostile.at(marker));

    java.io.StringWriter out = new java.io.StringWriter();
    int code = org.peacepath.cli.Main.run(new java.io.PrintWriter(out), new java.io.PrintWriter(new java.io.StringWriter()),
        "check", rules.toString());
    Run run = new Run(code, out.toString());

    assertEquals(3, run.code(), run.out());
    String where = rules.resolve("common/hostile.drl") + ":" + hostile.line() + ": ";
    assertTrue(run.out().contains(where), "refused at " + where + "\n" + run.out());
    assertFalse(run.out().contains("Exception"), run.out());
    assertFalse(Files.exists(marker), "nothing of the hostile file ran");
  }

  @Test
  void a_refusal_says_in_words_what_is_not_allowed() {
    SourceFile file = new SourceFile("common/hostile.drl", HostileRules.ALL.get(0).at(dir.resolve("marker")));

    List<Problem> problems = RuleLanguage.check(file);

    assertEquals(1, problems.size(), problems.toString());
    assertEquals("unsafe_rule", problems.get(0).code());
    assertEquals("common/hostile.drl:11: the rule \"Hostile\": after \"then\" a rule may only insert a finding, as in "
        + "insert( new Blocked( … ) ); \"Runtime\" is not allowed there", problems.get(0).toString());
  }

  @Test
  void what_a_policy_officer_writes_is_allowed() {
    SourceFile file = new SourceFile("common/fine.drl", """
        package peacepath;
        import org.peacepath.facts.*;

        rule "Interim agreements and tallies"
            @id("fine") @basis("inferred") @source("A peace process")
            salience 10
        when
            $open : Open( kind == "interim-agreement", step not in ( "peace-treaty" ) )
            Tally( kind == "interim-agreement", $signed : count )
            Tally( kind == "reciprocal-measure", $dismantled : count, $dismantled < $signed + 1, count * 2 >= 0 )
            not Recorded( step == $open.step, status != "in-force" || counted == false )
            exists( Open( step in ( "normalization", "four-party-talks" ) ) )
        then
            // a comment
            insert( new Blocked( $open.step(), String.format( "%d signed, %d dismantled; %s waits.", $signed,
                $dismantled, $open.getStep() ), "dismantlement" ) );
            insert( new Caution( $open.step, "Advice " + ($signed - $dismantled) + ".", "peace-mechanism" ) );
            insert( new Advisory( "Said beside the decision." ) );
        end
        """);

    assertEquals(List.of(), RuleLanguage.check(file));
  }
}
