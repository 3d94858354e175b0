package org.peacepath.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peacepath.Bundled;
import org.peacepath.RulesCopy;

/** What a policy editor's mistakes look like when the rules are compiled. */
class RuleSetCompilerTest {
  @TempDir Path dir;

  @Test
  void the_bundled_rules_compile_with_every_rule_indexed_by_file_and_line() throws Exception {
    RuleSet sigal = RuleSetCompiler.compile(Bundled.RULES, "sigal");

    RuleInfo first = sigal.ruleById("mechanism-after-declaration").orElseThrow();
    assertEquals("common/preconditions.rules.csv", first.file(), "a row of the precondition table");
    assertTrue(first.line() > 1);
    assertEquals("hedged", first.basis(), "the text says \"A first step could be\"");
    assertEquals("a declaration before the mechanism", first.brief(), "firm by the design brief");
    assertEquals("", sigal.ruleById("treaty-negotiated-by-four").orElseThrow().brief());
    assertTrue(first.source().contains("A second step"), first.source());
    assertEquals(first, sigal.rule(first.name()).orElseThrow());
    assertEquals(12, sigal.revision().length());
  }

  @Test
  void a_syntax_error_is_reported_with_its_file_and_line() {
    RulesCopy.of(dir);
    RulesCopy.write(dir, "common/broken.drl", """
        package peacepath;
        import org.peacepath.facts.Open;

        rule "A rule with a missing parenthesis"
        when
            Open( step == "peace-treaty"
        then
        end
        """);

    RuleSetException e = assertThrows(RuleSetException.class, () -> RuleSetCompiler.compile(dir, "sigal"));

    Problem problem = e.problems().get(0);
    assertEquals("unbalanced_parenthesis", problem.code(), "the slip said in plain words");
    assertEquals("common/broken.drl", problem.file());
    assertEquals(6, problem.line(), "where the parenthesis opens, not where the parser gave up: " + problem);
  }

  @Test
  void a_misspelt_step_id_in_a_rule_is_caught_with_the_nearest_known_id() {
    RulesCopy.of(dir);
    RulesCopy.write(dir, "common/typo.drl", """
        package peacepath;
        import org.peacepath.facts.Open;
        import org.peacepath.facts.Done;
        import org.peacepath.facts.Blocked;

        rule "Open skies need the navy hotline"
            @id("skies-need-hotline") @basis("hedged") @source("a navy-to-navy hotline")
        when
            Open( step == "open-skies" )
            not Done( step == "navy-hotlin" )
        then
            insert( new Blocked( "open-skies", "The hotline comes first.", "navy-hotlin" ) );
        end
        """);

    RuleSetException e = assertThrows(RuleSetException.class, () -> RuleSetCompiler.compile(dir, "sigal"));

    assertEquals("common/typo.drl:10: unknown step id \"navy-hotlin\"; did you mean \"navy-hotline\"?",
        e.problems().get(0).toString());
    assertEquals(12, e.problems().get(1).line());
  }

  @Test
  void a_misspelt_one_word_step_id_is_caught_but_a_plain_word_is_not() {
    RulesCopy.of(dir);
    RulesCopy.write(dir, "common/words.drl", """
        package peacepath;
        import org.peacepath.facts.Open;
        import org.peacepath.facts.Done;
        import org.peacepath.facts.Blocked;

        rule "Normalization waits for the dismantlement"
            @id("normalization-after-dismantlement") @basis("inferred") @source("permanent dismantlement")
        when
            Open( step == "normalization" )
            not Done( step == "dismantlment" )
        then
            insert( new Blocked( "normalization", String.format( "%s first.", "one" ), "dismantlement" ) );
        end
        """);

    RuleSetException e = assertThrows(RuleSetException.class, () -> RuleSetCompiler.compile(dir, "sigal"));

    assertEquals(1, e.problems().size(), e.getMessage());
    assertEquals("common/words.drl:10: unknown step id \"dismantlment\"; did you mean \"dismantlement\"?",
        e.problems().get(0).toString());
  }

  @Test
  void a_catalog_that_does_not_parse_is_reported_with_its_line() {
    RulesCopy.of(dir);
    RulesCopy.write(dir, "catalog.yaml", "steps:\n  - id: peace-declaration\n    title: [unclosed\n");

    RuleSetException e = assertThrows(RuleSetException.class, () -> RuleSetCompiler.compile(dir, "sigal"));

    assertEquals("catalog_syntax", e.problems().get(0).code());
    assertEquals("catalog.yaml", e.problems().get(0).file());
    assertTrue(e.problems().get(0).line() >= 3, e.problems().get(0).toString());
  }

  @Test
  void an_unknown_party_in_the_catalog_names_the_step() {
    RulesCopy.of(dir);
    RulesCopy.write(dir, "catalog.yaml", "kinds: [interim-agreement, reciprocal-measure]\nfacilityKind: reciprocal-measure\n"
        + "steps:\n  - id: peace-declaration\n    title: Peace declaration\n"
        + "    kind: interim-agreement\n    parties: [US, NK]\n");

    RuleSetException e = assertThrows(RuleSetException.class, () -> RuleSetCompiler.compile(dir, "sigal"));

    assertEquals("catalog.yaml:4: step peace-declaration: parties: unknown party \"NK\"; the parties are "
        + "US, DPRK, ROK, PRC, JAPAN, RUSSIA", e.problems().get(0).toString());
  }

  @Test
  void a_rule_file_needs_no_package_or_import_lines_for_the_header_is_implied() throws Exception {
    RulesCopy.of(dir);
    String advisories = java.nio.file.Files.readString(dir.resolve("common/advisories.drl"));
    RulesCopy.write(dir, "common/advisories.drl", advisories.replaceAll("(?m)^(package|import) .*;\\n", ""));

    RuleSet sigal = RuleSetCompiler.compile(dir, "sigal");

    assertTrue(sigal.ruleById("foe-demands-withdrawal").isPresent());
    assertEquals(List.of("foe-demands-withdrawal"), org.peacepath.decide.Evaluator.decide(sigal, List.of())
        .advisories().stream().map(org.peacepath.decide.Decision.AdvisoryNote::ruleId).toList());
  }

  @Test
  void any_change_to_a_rule_file_changes_the_revision() throws Exception {
    RulesCopy.of(dir);
    String before = RuleSetCompiler.compile(dir, "sigal").revision();
    RulesCopy.write(dir, "common/advisories.drl",
        java.nio.file.Files.readString(dir.resolve("common/advisories.drl")) + "\n// an editor's note\n");

    assertNotEquals(before, RuleSetCompiler.compile(dir, "sigal").revision());
    assertEquals(before, RuleSetCompiler.compile(Bundled.RULES, "sigal").revision());
  }

  @Test
  void a_compile_error_in_the_printed_drl_names_the_authors_file_and_line() {
    RulesCopy.of(dir);
    // The second rule starts on the line the first ends on, so the printed file, which gives "end" a line
    // of its own, runs a line behind the author's from there; the map back keeps the lines right.
    RulesCopy.write(dir, "common/wrong.drl", """
        package peacepath;
        import org.peacepath.facts.*;

        rule "Normalization is advised against"
            @id("normalization-advice") @basis("inferred") @source("normalization of diplomatic, social, and economic relations")
        when
            Open( step == "normalization" )
        then
            insert( new Advisory( "Not yet." ) ); end rule "Normalization is blocked without reasons"
            @id("normalization-blocked") @basis("inferred") @source("normalization of diplomatic, social, and economic relations")
        when
            $open : Open( step == "normalization" )
            Recorded( counted > 5 )
        then
            insert( new Blocked( $open.step(), 5 ) );
        end
        """);

    RuleSetException e = assertThrows(RuleSetException.class, () -> RuleSetCompiler.compile(dir, "sigal"));

    assertEquals(java.util.Set.of(
        "common/wrong.drl:9: Rule Compilation error The constructor Blocked(String, int) is undefined",
        "common/wrong.drl:13: Unable to Analyse Expression counted > 5:"),
        java.util.Set.copyOf(e.problems().stream()
            .map(p -> p.toString().replaceFirst("(Expression counted > 5:).*", "$1")).toList()),
        e.getMessage());
  }

  @Test
  void a_rule_named_with_quotes_and_a_backslash_is_named_alike_by_drools_and_by_its_metadata() throws Exception {
    RulesCopy.of(dir);
    RulesCopy.write(dir, "common/named.drl", """
        package peacepath;
        import org.peacepath.facts.*;

        rule "The \\"hotline\\" \\\\ comes first"
            @id("hotline-first") @basis("inferred") @source("a navy-to-navy \\"hotline\\"")
        when
            $open : Open( step == "open-skies" )
            not Done( step == "navy-hotline" )
        then
            insert( new Blocked( $open.step(), "The hotline comes first: \\"now\\" \\\\ then.", "navy-hotline" ) );
        end
        """);

    RuleSet sigal = RuleSetCompiler.compile(dir, "sigal");

    RuleInfo rule = sigal.ruleById("hotline-first").orElseThrow();
    assertEquals("The \"hotline\" \\ comes first", rule.name());
    assertEquals("a navy-to-navy \"hotline\"", rule.source());
    org.peacepath.decide.Decision decision = org.peacepath.decide.Evaluator.decide(sigal, java.util.List.of());
    org.peacepath.decide.Decision.Reason reason = decision.blocked().stream()
        .filter(b -> b.id().equals("open-skies")).findFirst().orElseThrow()
        .reasons().stream().filter(r -> r.ruleId().equals("hotline-first")).findFirst().orElseThrow();
    assertEquals("The \"hotline\" \\ comes first", reason.rule());
    assertEquals("The hotline comes first: \"now\" \\ then.", reason.reason());
  }
}
