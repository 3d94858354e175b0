package org.peacepath.rules;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * Which facts the rules' printed text lets a session leave out: only those no pattern can match. A pattern
 * of any shape but a step or kind named outright makes its whole kind of fact read.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FactKeysTest {
  private static FactKeys of(String when) {
    return FactKeys.of("rule \"r\"\nwhen\n" + when + "\nthen\ninsert(new Blocked($open.step(), \"Why.\"));\nend\n");
  }

  @Test
  void a_step_named_outright_is_the_only_step_read() {
    FactKeys keys = of("$open : Open( step == \"peace-treaty\" )\nnot( Done( step == \"four-party-talks\" ) )");
    assertTrue(keys.reads("Done", "four-party-talks", "treaty-track"));
    assertFalse(keys.reads("Done", "normalization", "treaty-condition"));
    assertTrue(keys.reads("Open", "peace-treaty", "treaty"));
    assertFalse(keys.reads("Open", "four-party-talks", "treaty-track"));
  }

  @Test
  void a_kind_named_outright_reads_every_step_of_that_kind_and_a_tally_of_it() {
    FactKeys keys = of("$open : Open( kind == \"interim-agreement\" )\n"
        + "Tally( kind == \"interim-agreement\", $signed : count )\n"
        + "Tally( kind == \"reciprocal-measure\", $dismantled : count, $dismantled < $signed )");
    assertTrue(keys.reads("Open", "peace-mechanism", "interim-agreement"));
    assertFalse(keys.reads("Open", "dismantlement", "reciprocal-measure"));
    assertTrue(keys.reads("Tally", null, "reciprocal-measure"));
    assertFalse(keys.reads("Tally", null, "treaty-condition"));
  }

  @Test
  void steps_named_as_alternatives_are_each_read() {
    FactKeys keys = of("$open : Open( (step == \"missile-restraint\" || step == \"satellite-launch-services\") )\n"
        + "$other : Open( (step == \"missile-restraint\" || step == \"satellite-launch-services\"), step != $open.step )");
    assertTrue(keys.reads("Open", "missile-restraint", "confidence-building-measure"));
    assertTrue(keys.reads("Open", "satellite-launch-services", "confidence-building-measure"));
    assertFalse(keys.reads("Open", "open-skies", "confidence-building-measure"));
  }

  @Test
  void a_pattern_of_any_other_shape_reads_its_whole_kind_of_fact() {
    assertTrue(of("$lapsed : Recorded( status != \"in-force\" )\nnot( Done( step == $lapsed.step ) )")
        .reads("Done", "normalization", "treaty-condition"));
    assertTrue(of("Tally( count > 2 )").reads("Tally", null, "treaty"));
    assertTrue(of("$d : Done( $s : step )").reads("Done", "normalization", "treaty-condition"));
    assertTrue(of("Open( step != \"peace-treaty\" )").reads("Open", "normalization", "treaty-condition"));
    // Two alternatives without the brackets the rule language prints: not a shape read here, so all.
    assertTrue(of("Open( step == \"a\" || kind == \"k\" )").reads("Open", "normalization", "treaty-condition"));
    // One pattern of another shape beside keyed ones reads all of its kind.
    FactKeys mixed = of("Done( step == \"a\" )\nDone( kind != \"k\" )");
    assertTrue(mixed.reads("Done", "b", "treaty"));
  }

  @Test
  void a_kind_of_fact_no_rule_names_is_not_read() {
    FactKeys keys = of("$open : Open( step == \"peace-treaty\" )");
    assertFalse(keys.reads("Recorded", "peace-treaty", "treaty"));
    assertFalse(keys.reads("Done", "peace-treaty", "treaty"));
    assertFalse(keys.reads("Tally", null, "treaty"));
  }

  @Test
  void a_record_named_by_its_status_is_read_only_with_that_status() {
    FactKeys lapsed = of("$lapsed : Recorded( status != \"in-force\" )\nnot( Done( step == $lapsed.step ) )");
    assertFalse(lapsed.readsRecorded("peace-declaration", "interim-agreement", "in-force"));
    assertTrue(lapsed.readsRecorded("peace-declaration", "interim-agreement", "suspended"));
    // Asked without a status (as a session asks, step by step), every step's record may be read.
    assertTrue(lapsed.reads("Recorded", "peace-declaration", "interim-agreement"));
    FactKeys suspended = of("Recorded( status == \"suspended\", $s : step )");
    assertTrue(suspended.readsRecorded("normalization", "treaty-condition", "suspended"));
    assertFalse(suspended.readsRecorded("normalization", "treaty-condition", "revoked"));
    FactKeys counted = of("Recorded( counted == false )");
    assertTrue(counted.readsRecorded("normalization", "treaty-condition", "in-force"));
  }
}
