package org.peacepath.decide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peacepath.RulesCopy;
import org.peacepath.Bundled;
import org.peacepath.catalog.Catalog;
import org.peacepath.rules.FirmRules;
import org.peacepath.rules.IncrementalRules;
import org.peacepath.rules.RuleSet;
import org.peacepath.rules.RuleSets;

/**
 * The replay of a dated record in one incremental session finds exactly what judging each record in a
 * decision of its own finds, over many generated dated records under every bundled rule set.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReplayTest {
  static final int RECORDS = 300;
  static final long SEED = 20131227L;

  @Test
  void one_session_finds_the_irregular_records_that_a_decision_per_record_finds() throws Exception {
    Random random = new Random(SEED);
    int irregular = 0;
    for (RuleSet ruleSet : Bundled.ruleSets().all()) {
      IncrementalRules rules = FirmRules.of(ruleSet);
      for (int i = 0; i < RECORDS; i++) {
        List<RecordedStep> record = dated(ruleSet.catalog(), random);
        List<Integer> order = Replay.dateOrder(record);
        List<Decision.Irregular> expected = Replay.decisionByDecision(ruleSet, record, order);
        List<Decision.Irregular> found = Replay.inOneSession(ruleSet, rules, record, order);
        assertNotNull(found, "the session reached no limit: " + record);
        assertEquals(expected, found, ruleSet.name() + " record #" + i + " (seed " + SEED + "): " + record);
        irregular += expected.size();
      }
    }
    assertTrue(irregular > RECORDS, "the generated records break firm rules often enough to tell: " + irregular);
  }

  @Test
  void a_decision_of_a_dated_record_is_the_same_json_whichever_way_it_is_replayed() throws Exception {
    Random random = new Random(SEED + 1);
    for (RuleSet ruleSet : Bundled.ruleSets().all()) {
      for (int i = 0; i < RECORDS / 10; i++) {
        List<RecordedStep> record = dated(ruleSet.catalog(), random);
        Decision expected = Verdicts.attach(ruleSet, record, Evaluator.decide(ruleSet, record)
            .withIrregular(Replay.decisionByDecision(ruleSet, record, Replay.dateOrder(record))));
        FirmRules.of(ruleSet);
        assertNotNull(FirmRules.ifCompiled(ruleSet));
        assertEquals(DecisionInvariantsTest.withoutId(expected),
            DecisionInvariantsTest.withoutId(Evaluator.evaluate(ruleSet, record, false)), ruleSet.name() + ": " + record);
      }
    }
  }

  @Test
  void a_record_listed_in_date_order_and_all_in_force_is_replayed_with_the_counting_of_the_decision() throws Exception {
    // The decision's counting, in the request's order, is then the replay's too and is not worked out again;
    // records in date order but not all in force, or in force but not in date order, are counted anew.
    Random random = new Random(SEED + 3);
    int reused = 0;
    for (RuleSet ruleSet : Bundled.ruleSets().all()) {
      FirmRules.of(ruleSet);
      for (int i = 0; i < RECORDS; i++) {
        List<RecordedStep> shuffled = dated(ruleSet.catalog(), random);
        List<RecordedStep> record = new ArrayList<>();
        Replay.dateOrder(shuffled).forEach(index -> record.add(random.nextInt(3) == 0 ? shuffled.get(index)
            : shuffled.get(index).inForce()));
        List<RecordedStep> asListed = random.nextInt(4) == 0 ? shuffled : record;
        Counting counting = Counting.of(ruleSet.catalog(), asListed);
        List<Decision.Irregular> expected = Replay.decisionByDecision(ruleSet, asListed, Replay.dateOrder(asListed));
        assertEquals(expected, Replay.irregular(ruleSet, asListed, counting), ruleSet.name() + " record #" + i + ": "
            + asListed);
        reused += asListed.stream().allMatch(r -> r.status() == org.peacepath.catalog.RecordStatus.IN_FORCE)
            && Replay.dateOrder(asListed).equals(java.util.stream.IntStream.range(0, asListed.size()).boxed().toList()) ? 1 : 0;
      }
    }
    assertTrue(reused > RECORDS / 2, "records whose counting was the decision's: " + reused);
  }

  @Test
  void a_firm_rule_that_blocks_a_step_named_outright_is_evaluated_at_every_step_of_the_replay(@TempDir Path dir)
      throws Exception {
    // Most firm rules block the step of their first pattern, and a replay evaluates them only when it asks
    // about one of those steps; this one blocks a step named outright, which the replay cannot tell from its
    // first pattern, so it must be evaluated whatever step is asked about, even one (border rectification)
    // that no other firm rule of sigal blocks.
    RulesCopy.of(dir);
    RulesCopy.write(dir, "sigal/named-outright.drl", """
        rule "The borders wait while the four-party talks have not begun, said of the borders by name"
            @id("borders-named-outright")
            @basis("inferred")
            @source("Who would participate in peace talks?")
        when
            Open( step == "four-party-talks" )
        then
            insert( new Blocked( "border-rectification", "The four-party talks come before the borders.", "four-party-talks" ) );
        end
        """);
    RuleSet ruleSet = RuleSets.loadOne(dir, "sigal").get("sigal").orElseThrow();
    IncrementalRules rules = FirmRules.of(ruleSet);
    Random random = new Random(SEED + 2);
    int byTheNewRule = 0;
    for (int i = 0; i < RECORDS; i++) {
      List<RecordedStep> record = dated(ruleSet.catalog(), random);
      List<Integer> order = Replay.dateOrder(record);
      List<Decision.Irregular> expected = Replay.decisionByDecision(ruleSet, record, order);
      assertEquals(expected, Replay.inOneSession(ruleSet, rules, record, order), "record #" + i + ": " + record);
      byTheNewRule += (int) expected.stream().filter(found -> found.ruleIds().contains("borders-named-outright")).count();
    }
    assertTrue(byTheNewRule > 0, "the rule named outright made some records irregular: " + byTheNewRule);
  }

  @Test
  void records_of_one_date_or_of_dates_that_cannot_be_told_apart_keep_the_request_order() {
    List<RecordedStep> record = List.of(at("peace-mechanism", "2027"), at("peace-declaration", "2027-05"),
        at("dismantlement", "2026-12-31"), at("four-party-talks", "2027-05"));
    assertEquals(List.of(2, 0, 1, 3), Replay.dateOrder(record));
  }

  @Test
  void an_empty_record_has_nothing_irregular() throws Exception {
    RuleSet sigal = Bundled.ruleSets().get("sigal").orElseThrow();
    List<Decision.Irregular> found = Replay.inOneSession(sigal, FirmRules.of(sigal), List.of(), List.of());
    assertNotNull(found);
    assertFalse(found.iterator().hasNext());
  }

  static RecordedStep at(String step, String date) {
    return new RecordedStep(step, null, null, null, RecordDate.parse(date).orElseThrow(), org.peacepath.catalog.RecordStatus.IN_FORCE);
  }

  /**
   * A random record (as {@link DecisionInvariantsTest#randomState} makes them, sometimes twice over) with a
   * date on every record: years, months and days, often the same or not to be told apart.
   */
  static List<RecordedStep> dated(Catalog catalog, Random random) {
    List<RecordedStep> state = new ArrayList<>(DecisionInvariantsTest.randomState(catalog, random));
    if (random.nextInt(4) == 0) {
      state.addAll(DecisionInvariantsTest.randomState(catalog, random));
    }
    List<RecordedStep> dated = new ArrayList<>();
    for (RecordedStep r : state) {
      int year = 2027 + random.nextInt(4);
      int month = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(3);
      int day = month == 0 || random.nextBoolean() ? 0 : 1 + random.nextInt(3);
      dated.add(new RecordedStep(r.step(), r.parties(), r.note(), r.facility(), new RecordDate(year, month, day),
          r.status()));
    }
    return dated;
  }
}
