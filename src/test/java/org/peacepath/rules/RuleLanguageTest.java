package org.peacepath.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.peacepath.Bundled;
import org.peacepath.HostileRules;
import org.peacepath.RulesCopy;
import org.peacepath.decide.Evaluator;
import org.peacepath.scenario.ScenarioGate;

/** A rule file is data, not a program: every construct that could reach the host is refused before anything runs. */
class RuleLanguageTest {
  @TempDir Path dir;

  /** A copy of the bundled rules served as {@code serve} serves them (scenarios gating every load), for reloads. */
  @TempDir static Path served;
  static RuleSets live;
  static final AtomicInteger MARKERS = new AtomicInteger();

  @BeforeAll
  static void serve() throws Exception {
    RulesCopy.of(served);
    live = RuleSets.load(served, new ScenarioGate());
  }

  @AfterAll
  static void stop() {
    live = null;
  }

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

  @ParameterizedTest(name = "{0} is refused at serve and on reload, at its line, and nothing of it runs")
  @FieldSource("HOSTILE")
  void a_hostile_rule_file_is_refused_at_serve_and_on_reload_and_nothing_of_it_runs(HostileRules.Hostile hostile)
      throws Exception {
    // serve: the rules folder is loaded with the hostile file in it
    Path rules = Files.createDirectories(dir.resolve("rules"));
    RulesCopy.of(rules);
    Path marker = dir.resolve("marker");
    RulesCopy.write(rules, "common/hostile.drl", hostile.at(marker));

    RuleSetException refused = org.junit.jupiter.api.Assertions.assertThrows(RuleSetException.class,
        () -> RuleSets.load(rules, new ScenarioGate()));

    assertTrue(refused.problems().contains(refusal(refused.problems(), hostile)), refused.getMessage());
    assertFalse(Files.exists(marker), "nothing of the hostile file ran at serve");

    // reload: the file is saved into the folder of a running server, which then decides
    Path reloaded = served.resolve("marker-" + MARKERS.incrementAndGet());
    String revision = live.get("sigal").orElseThrow().revision();
    RulesCopy.write(served, "common/hostile.drl", hostile.at(reloaded));
    try {
      Map<String, ReloadOutcome> outcomes = live.reload();

      ReloadOutcome sigal = outcomes.get("sigal");
      assertEquals(ReloadOutcome.Result.REFUSED, sigal.result(), sigal.toString());
      assertTrue(sigal.errors().contains(refusal(sigal.errors(), hostile)), sigal.errors().toString());
      RuleSet serving = live.get("sigal").orElseThrow();
      assertEquals(revision, serving.revision(), "the last good revision keeps serving");
      Evaluator.decide(serving, List.of());
      assertFalse(Files.exists(reloaded), "nothing of the hostile file ran on reload, nor when a request was decided");
    } finally {
      Files.delete(served.resolve("common/hostile.drl"));
    }
  }

  /** The problem that refuses the hostile file at the line it names; fails the test if there is none. */
  private static Problem refusal(List<Problem> problems, HostileRules.Hostile hostile) {
    return problems.stream()
        .filter(p -> p.file().equals("common/hostile.drl") && p.line() == hostile.line())
        .findFirst()
        .orElseThrow(() -> new AssertionError("refused at common/hostile.drl:" + hostile.line() + "\n" + problems));
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

  @Test
  void a_unicode_escape_is_refused_at_its_line_saying_what_to_write_instead() {
    String escape = "\\" + "u201c";
    SourceFile file = new SourceFile("common/quote.drl", """
        package peacepath;
        import org.peacepath.facts.*;
        // a comment that quotes ESCAPEpeace declaration”
        rule "Quoted"
            @id("quoted") @basis("inferred") @source("A peace process")
        when
            Open( step == "normalization" )
        then
            insert( new Advisory( "x" ) );
        end
        """.replace("ESCAPE", escape));

    List<Problem> problems = RuleLanguage.check(file);

    assertEquals(1, problems.size(), problems.toString());
    assertEquals("common/quote.drl:3: holds the unicode escape " + escape + ", which the Java compiler reads as the"
        + " character it names before anything else, in text and comments alike; a rule file may hold none: write the"
        + " character itself: “ instead of " + escape, problems.get(0).toString());
  }

  @Test
  void a_nul_a_byte_order_mark_a_control_character_and_a_direction_mark_are_refused_at_their_lines() {
    SourceFile file = new SourceFile("common/odd.drl", (char) 0xFEFF + "package peacepath;\n"
        + "import org.peacepath.facts.*;\n"
        + "rule \"Odd\"\n"
        + "    @id(\"odd\") @basis(\"inferred\") @source(\"A peace" + (char) 0 + " process\")\n"
        + "when\n"
        + "    Open( step == \"normalization\" )" + (char) 0x1b + "\n"
        + "then\n"
        + "    insert( new Advisory( \"x" + (char) 0x202e + "\" ) );\r\n"
        + "end\n");

    List<Problem> problems = RuleLanguage.check(file);

    assertEquals(List.of(1, 4, 6, 8), problems.stream().map(Problem::line).toList(), problems.toString());
    assertTrue(problems.get(0).message().contains("byte order mark"), problems.get(0).message());
    assertTrue(problems.get(1).message().contains("NUL"), problems.get(1).message());
    assertTrue(problems.get(2).message().contains("control character U+001B"), problems.get(2).message());
    assertTrue(problems.get(3).message().contains("direction mark U+202E"), problems.get(3).message());
  }

  @Test
  void metadata_is_one_plain_string_literal_each_once_and_brief_is_one_of_them() {
    SourceFile file = new SourceFile("common/meta.drl", """
        package peacepath;
        import org.peacepath.facts.*;
        rule "Metadata"
            @id("metadata") @basis("hedged")
            @source("He said \\"no\\", then \\\\ left")
            @brief("The brief’s words")
        when
            Open( step == "normalization" )
        then
            insert( new Advisory( "x" ) );
        end
        rule "More metadata"
            @id("more-metadata") @basis("hedged") @source("A peace process")
            @brief("one") @brief("two")
            @note("what it is")
            @id2
        when
            Open( step == "normalization" )
        then
            insert( new Advisory( "x" ) );
        end
        """);

    RuleLanguage.Checked checked = RuleLanguage.read(file);

    assertEquals(List.of(
        "common/meta.drl:14: the rule \"More metadata\" carries @brief twice; give it once",
        "common/meta.drl:15: the rule \"More metadata\" carries @note; a rule carries only @id, @basis, @source and @brief",
        "common/meta.drl:16: the rule \"More metadata\" carries @id2; a rule carries only @id, @basis, @source and @brief"),
        checked.problems().stream().map(Problem::toString).toList());
    SourceFile first = new SourceFile("common/meta.drl", file.text().substring(0, file.text().indexOf("rule \"More")));
    RuleLanguage.Checked fine = RuleLanguage.read(first);
    assertEquals(List.of(), fine.problems());
    org.drools.drl.ast.descr.RuleDescr rule = fine.parsed().getRules().get(0);
    assertEquals("He said \"no\", then \\ left", RuleMetadata.value(rule, RuleMetadata.SOURCE));
    assertEquals("The brief’s words", RuleMetadata.value(rule, RuleMetadata.BRIEF));
    assertTrue(fine.printed().text().contains("@source(\"He said \\\"no\\\", then \\\\ left\")"), fine.printed().text());
  }

  @Test
  void the_printed_drl_reads_line_for_line_like_the_file_and_holds_nothing_but_what_was_checked() throws Exception {
    SourceFile file = new SourceFile("sigal/reciprocity.drl", Files.readString(Bundled.RULES.resolve("sigal/reciprocity.drl")));

    DrlPrinter.Printed printed = RuleLanguage.read(file).printed();

    String[] source = file.text().split("\n", -1);
    String[] lines = printed.text().split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.startsWith("rule ") || line.startsWith("@") || line.startsWith("$") || line.startsWith("Tally")
          || line.startsWith("insert")) {
        assertEquals(i + 1, printed.source(i + 1), line);
        String bare = line.replace(" ", "");
        assertTrue(source[i].replace(" ", "").startsWith(bare.substring(0, Math.min(12, bare.length()))),
            "printed line " + (i + 1) + " stands where the file has it: " + line + " / " + source[i]);
      }
    }
    assertFalse(printed.text().contains("//") || printed.text().contains("/*"), "no comment is printed");
    assertTrue(printed.text().startsWith("\n".repeat(27) + "package peacepath; import org.peacepath.facts.*;\n"),
        "the header is implied: every fact may be used: " + printed.text());
    assertTrue(printed.text().contains("\nTally( kind == \"reciprocal-measure\", $dismantled : count, $dismantled < $signed )\n"),
        printed.text());
  }

  @Test
  void text_in_quotes_holds_no_escape_but_a_quote_and_a_backslash() {
    String rule = """
        package peacepath;
        import org.peacepath.facts.*;
        rule "Escapes"
            @id("escapes") @basis("inferred") @source("A peace process")
        when
            Open( step == "normalization" )
        then
            insert( new Advisory( TEXT ) );
        end
        """;

    assertEquals(List.of(), RuleLanguage.check(new SourceFile("common/e.drl", rule.replace("TEXT", "\"a \\\"b\\\" \\\\ c\""))));
    for (String escape : List.of("\\n", "\\t", "\\045", "\\'", "\\b")) {
      List<Problem> problems = RuleLanguage.check(new SourceFile("common/e.drl", rule.replace("TEXT", "\"a" + escape + "\"")));
      assertEquals(1, problems.size(), escape + ": " + problems);
      assertEquals(7, problems.get(0).line(), problems.toString());
      assertTrue(problems.get(0).message().contains("write the character itself"), problems.toString());
    }
  }

  @Test
  void brackets_nested_past_reading_are_refused_not_thrown() {
    SourceFile file = new SourceFile("common/deep.drl", """
        package peacepath;
        import org.peacepath.facts.*;
        rule "Deep"
            @id("deep") @basis("inferred") @source("A peace process")
        when
            Open( step == "normalization" )
        then
            insert( new Advisory( NESTED ) );
        end
        """.replace("NESTED", "(".repeat(50_000) + "\"x\"" + ")".repeat(50_000)));

    List<Problem> problems = RuleLanguage.check(file);

    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).message().contains("cannot be checked as rules"), problems.toString());
  }
}
