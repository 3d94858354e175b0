package org.peacepath.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.peacepath.Bundled;
import org.peacepath.HostileRules;
import org.peacepath.RulesCopy;

/**
 * Rules without a line of code can still take a server down, by making Drools try every combination of
 * facts: each such join is refused by the rule language at its line, by {@code check} and by {@code serve}
 * (the live reload is in {@code HotReloadTest}), before anything is compiled.
 */
class JoinCheckTest {
  @TempDir Path dir;

  static final List<HostileRules.Hostile> JOINS = HostileRules.JOINS;

  static String when(String condition) {
    return "package peacepath;\nimport org.peacepath.facts.*;\n\nrule \"R\"\n    @id(\"r\") @basis(\"inferred\") "
        + "@source(\"A peace process\")\nwhen\n" + condition + "\nthen\n    insert( new Advisory( \"x\" ) );\nend\n";
  }

  static List<Problem> check(String condition) {
    return RuleLanguage.check(new SourceFile("common/r.drl", when(condition)));
  }

  @Test
  void every_bundled_rule_keeps_to_the_bound() throws Exception {
    for (String name : RuleSetCompiler.names(Bundled.RULES)) {
      for (SourceFile file : RuleSetFiles.read(Bundled.RULES, name).drl()) {
        assertEquals(List.of(), RuleLanguage.check(file), file.path());
      }
    }
  }

  @Test
  void what_a_policy_officer_writes_keeps_to_the_bound() {
    assertEquals(List.of(), check("""
        $open : Open( kind == "interim-agreement", step not in ( "peace-treaty" ) )
        Tally( kind == "interim-agreement", $signed : count )
        Tally( kind == "reciprocal-measure", $dismantled : count, $dismantled < $signed )
        not Recorded( step == $open.step, status != "in-force" )
        exists( Open( step in ( "normalization", "four-party-talks" ) ) )
        not Done( step == "peace-declaration" )"""));
    assertEquals(List.of(), check("""
        $open : Open( step in ( "missile-restraint", "satellite-launch-services" ) )
        $other : Open( step in ( "missile-restraint", "satellite-launch-services" ), step != $open.step )"""));
    assertEquals(List.of(), check("""
        $record : Recorded( status == "suspended" )
        $open : Open( step == $record.step )
        Tally( $kind : kind, count > 2 )
        not ( Done( step == $record.step ) and Open( step == "peace-treaty" ) )"""));
    assertEquals(List.of(), check("( $a : Recorded( status == \"revoked\" ) or $a : Done( kind == \"treaty\" ) )\n"
        + "Open( step == $a.step )"), "each branch of an or is a rule of its own");
    assertEquals(List.of(), check("forall( $r : Recorded( status == \"in-force\" ) Open( step == $r.step ) )"));
  }

  @ParameterizedTest(name = "{0} is refused by the rule language at its line")
  @FieldSource("JOINS")
  void each_unbounded_join_is_refused_at_its_line(HostileRules.Hostile join) {
    List<Problem> problems = RuleLanguage.check(new SourceFile("common/join.drl", join.text()));

    assertEquals(1, problems.size(), problems.toString());
    assertEquals(JoinCheck.CODE, problems.get(0).code());
    assertEquals(join.line(), problems.get(0).line(), problems.toString());
  }

  @Test
  void a_refusal_says_which_patterns_combine_and_what_to_write_instead() {
    List<Problem> problems = check("    $a : Recorded()\n    $b : Recorded( step == $a.step, status != $a.status )");

    assertEquals("common/r.drl:8: the rule \"R\" matches $b : Recorded( step == $a.step, status != $a.status ) as well "
        + "as $a : Recorded() (line 7), each of which may be any of the record's facts, so Drools would try every "
        + "combination of the two. Outside not, exists and forall a rule may match only one fact that way; pick out "
        + "each other fact by its key, with text or a variable bound before, as in Open( step == $open.step ) or "
        + "Tally( kind == \"interim-agreement\" ), or test it under not or exists", problems.get(0).toString());
  }

  @ParameterizedTest(name = "{0} is refused by check, at its line")
  @FieldSource("JOINS")
  void each_unbounded_join_is_refused_by_check(HostileRules.Hostile join) throws Exception {
    Path rules = RulesCopy.of(Files.createDirectories(dir.resolve("rules")));
    RulesCopy.write(rules, "common/join.drl", join.text());

    StringWriter out = new StringWriter();
    int code = org.peacepath.cli.Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "check",
        rules.toString());

    assertEquals(3, code, out.toString());
    String where = rules.resolve("common/join.drl") + ":" + join.line() + ": the rule \"Hostile\"";
    assertTrue(out.toString().contains(where), "refused at " + where + "\n" + out);
    assertFalse(out.toString().contains("Exception"), out.toString());
  }

  @ParameterizedTest(name = "{0} stops serve from starting, at its line")
  @FieldSource("JOINS")
  void each_unbounded_join_stops_serve(HostileRules.Hostile join) throws Exception {
    Path rules = RulesCopy.of(Files.createDirectories(dir.resolve("rules")));
    RulesCopy.write(rules, "sigal/join.drl", join.text());

    StringWriter err = new StringWriter();
    int code = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> org.peacepath.cli.Main.run(
        new PrintWriter(new StringWriter()), new PrintWriter(err), "serve", "--rules", rules.toString(), "--port", "0",
        "--no-watch"));

    assertEquals(3, code, err.toString());
    assertTrue(err.toString().contains(rules.resolve("sigal/join.drl") + ":" + join.line() + ": "), err.toString());
    assertTrue(err.toString().contains("peacepath did not start"), err.toString());
  }
}
