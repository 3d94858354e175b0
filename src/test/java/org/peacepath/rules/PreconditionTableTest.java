package org.peacepath.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.peacepath.Bundled;
import org.peacepath.catalog.Catalog;

/** A precondition table: checked row by row and column by column, then compiled through the rule template. */
class PreconditionTableTest {
  private static final Catalog CATALOG = Bundled.ruleSets().get("sigal").orElseThrow().catalog();
  private static final String HEADER = "id,step,strength,needs,recommends,basis,brief,source,rule,reason\n";

  private static PreconditionTable.Compiled compile(String csv) {
    return PreconditionTable.compile("common/extra.rules.csv", csv.getBytes(StandardCharsets.UTF_8), CATALOG);
  }

  private static List<String> problems(String csv) {
    return compile(csv).problems().stream().map(p -> p.file() + ":" + p.line() + ": " + p.message()).toList();
  }

  @Test
  void a_firm_row_becomes_a_rule_that_blocks_the_step_until_what_it_needs_counts() {
    PreconditionTable.Compiled table = compile(HEADER
        + "talks-after-normalization,four-party-talks,firm,\"normalization, border-rectification\",,inferred,,"
        + "\"To be politically meaningful, it would require rectification of land and sea borders\","
        + "The talks wait for normal relations,\"The talks need {missing} first.\"\n");

    assertEquals(List.of(), table.problems());
    String drl = table.drl().text();
    assertTrue(drl.contains("rule \"The talks wait for normal relations\""), drl);
    assertTrue(drl.contains("@id(\"talks-after-normalization\")"), drl);
    assertTrue(drl.contains("$open : Open( step == \"four-party-talks\" )"), drl);
    assertTrue(drl.contains("exists( Open( step in ( \"normalization\", \"border-rectification\" ) ) )"), drl);
    assertTrue(drl.contains("insert( new Blocked( $open.step(), \"The talks need {missing} first.\", \"normalization\","
        + " \"border-rectification\" ) );"), drl);
    assertEquals(1, table.origins().size());
    assertEquals(2, table.origins().get(0).row());
    assertTrue(RuleLanguage.check(table.drl()).isEmpty(), RuleLanguage.check(table.drl()).toString());
  }

  @Test
  void advice_and_a_trade_take_their_own_shapes() {
    PreconditionTable.Compiled table = compile(HEADER
        + "a-advice,normalization,advice,,peace-mechanism,hedged,,src,Normal relations are best sought later,Later.\n"
        + "a-trade,\"missile-restraint; satellite-launch-services\",trade,,,inferred,,src,Traded,Together.\n");

    assertEquals(List.of(), table.problems());
    String drl = table.drl().text();
    assertTrue(drl.contains("insert( new Caution( $open.step(), \"Later.\", \"peace-mechanism\" ) );"), drl);
    assertTrue(drl.contains("$other : Open( step in ( \"missile-restraint\", \"satellite-launch-services\" ), step != $open.step )"),
        drl);
    assertTrue(drl.contains("insert( new Blocked( $open.step(), \"Together.\", $other.step() ) );"), drl);
    assertEquals(List.of(2, 3), table.origins().stream().map(PreconditionTable.Origin::row).toList());
  }

  @Test
  void each_mistake_is_said_at_its_row_and_column_in_the_words_of_the_person_who_made_it() {
    List<String> problems = problems(HEADER
        + "fine,peace-mechanism,firm,peace-declaration,,stated,,src,A,B.\n"
        + "x,peace-mechanism,firm,peace-declartion,,stated,,src,C,D.\n"
        + "y,peace-mechanism,firmly,peace-declaration,,stated,,src,E,F.\n"
        + "z,peace-mechanism,firm,peace-declaration,,hedged,,src,G,H.\n"
        + "w,peace-mechanism,advice,peace-declaration,,stated,,src,I,J.\n"
        + "fine,peace-mechanism,firm,peace-declaration,,stated,,src,K,L.\n"
        + "v,peace-mechanism,firm,peace-declaration,,stated,,src @{x},M,N.\n");

    assertEquals(List.of(
        "common/extra.rules.csv:3: row 3, column needs: 'peace-declartion' is not a step; did you mean \"peace-declaration\"?",
        "common/extra.rules.csv:4: row 4, column strength: \"firmly\" is not a strength; say firm (the step is blocked until"
            + " the steps it needs count), advice (a caution while the steps it recommends do not count) or trade (the steps"
            + " are taken together or not at all); did you mean \"firm\"?",
        "common/extra.rules.csv:5: row 5, column strength: a firm rule on a hedged basis: where the source proposes a step"
            + " with could, might or perhaps, make the row advice (strength advice, the steps under recommends); a firm rule"
            + " may rest on a hedged sentence only when the design brief makes it firm, and then the column brief gives the"
            + " brief's words",
        "common/extra.rules.csv:6: row 6, column needs: advice recommends steps; write them under recommends, or make the row firm",
        "common/extra.rules.csv:7: row 7, column id: \"fine\" is the id of row 2 too; give each rule its own id",
        "common/extra.rules.csv:8: row 8, column source: the character @ is not allowed in a table; write \"at\""),
        problems);
  }

  @Test
  void a_header_that_misses_or_misspells_a_column_is_said_at_row_one() {
    List<String> problems = problems("id,step,strenght,needs,basis,source,rule,reason\n"
        + "a,peace-mechanism,firm,peace-declaration,stated,src,A,B.\n");

    assertTrue(problems.get(0).startsWith("common/extra.rules.csv:1: row 1, column C: \"strenght\" is not a column of a"
        + " rules table"), problems.toString());
    assertTrue(problems.get(0).endsWith("did you mean \"strength\"?"), problems.toString());
  }

  @Test
  void a_problem_the_rule_language_finds_in_the_generated_rules_is_said_of_the_row_that_made_it() {
    PreconditionTable.Compiled table = compile(HEADER
        + "a,peace-mechanism,firm,peace-declaration,,stated,,src,A,B.\n"
        + "b,peace-treaty,firm,four-party-talks,,stated,,src,C,D.\n");
    int line = table.origins().get(1).drlLine() + 3;

    Problem problem = table.atRow(new Problem("x", "common/extra.rules.csv", line, "something"));

    assertEquals(3, problem.line());
    assertEquals("row 3 (rule \"b\"): something", problem.message());
  }
}
