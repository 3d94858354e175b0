package org.peacepath.decide;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.peacepath.catalog.Catalog;
import org.peacepath.rules.FirmRules;
import org.peacepath.rules.IncrementalRules;
import org.peacepath.rules.RuleSet;
import org.peacepath.rules.RuleSets;

/**
 * A replay keeps what it found with the firm rules ({@link org.peacepath.rules.ReplayAnswers}): a record
 * replayed again, or edited after its first records, is judged in the session only from the first record
 * that differs, and is answered as a decision per record answers it.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReplayAnswersTest {
  static final long SEED = 20131228L;

  @Test
  void a_record_replayed_again_is_answered_from_what_was_kept_and_judged_nowhere_else(@TempDir Path dir)
      throws Exception {
    RuleSet ruleSet = fresh(dir);
    IncrementalRules rules = FirmRules.of(ruleSet);
    Random random = new Random(SEED);
    int kept = 0;
    for (int i = 0; i < 100; i++) {
      List<RecordedStep> record = inDateOrder(ruleSet.catalog(), random, List.of());
      List<Integer> order = Replay.dateOrder(record);
      List<Decision.Irregular> expected = Replay.decisionByDecision(ruleSet, record, order);
      int before = rules.replayAnswers().size();
      assertEquals(expected, Replay.inOneSession(ruleSet, rules, record, order), "first time, record #" + i);
      int grown = rules.replayAnswers().size() - before;
      assertTrue(grown <= record.size(), "at most one place a record: " + grown + " for " + record.size());
      kept += grown;
      assertEquals(expected, Replay.inOneSession(ruleSet, rules, record, order), "again, record #" + i);
      assertEquals(before + grown, rules.replayAnswers().size(), "nothing judged again, record #" + i);
    }
    assertTrue(kept > 100, "the replays kept what they found: " + kept);
  }

  @Test
  void a_record_edited_after_its_first_records_is_judged_from_the_first_that_differs(@TempDir Path dir)
      throws Exception {
    RuleSet ruleSet = fresh(dir);
    IncrementalRules rules = FirmRules.of(ruleSet);
    Random random = new Random(SEED + 1);
    int irregular = 0;
    int sharedRecords = 0;
    for (int i = 0; i < 120; i++) {
      List<RecordedStep> record = inDateOrder(ruleSet.catalog(), random, List.of());
      Replay.inOneSession(ruleSet, rules, record, Replay.dateOrder(record));
      // The same first records, then others: as a timeline sends a record while its later records are edited.
      int same = random.nextInt(record.size() + 1);
      List<RecordedStep> edited = inDateOrder(ruleSet.catalog(), random, record.subList(0, same));
      List<Integer> order = Replay.dateOrder(edited);
      List<Decision.Irregular> expected = Replay.decisionByDecision(ruleSet, edited, order);
      int before = rules.replayAnswers().size();
      List<Decision.Irregular> found = Replay.inOneSession(ruleSet, rules, edited, order);
      assertNotNull(found, "the session reached no limit: " + edited);
      assertEquals(expected, found, "record #" + i + ", the same first " + same + ": " + edited);
      int grown = rules.replayAnswers().size() - before;
      assertTrue(grown >= 0, "the tree was not begun afresh, so what it grew by tells: " + grown);
      assertTrue(grown <= edited.size() - same, "only the records after the first " + same + " judged: " + grown
          + " kept of " + edited.size());
      irregular += expected.size();
      sharedRecords += same;
    }
    assertTrue(irregular > 50, "the edited records break firm rules often enough to tell: " + irregular);
    assertTrue(sharedRecords > 120, "the edits kept first records often enough to tell: " + sharedRecords);
  }

  @Test
  void what_was_kept_is_what_answers_a_record_sent_again(@TempDir Path dir) throws Exception {
    // An answer planted in the tree, which no rule gives, comes back: the replay reads the tree, and does not
    // merely fill it.
    RuleSet ruleSet = fresh(dir);
    IncrementalRules rules = FirmRules.of(ruleSet);
    List<RecordedStep> record = List.of(ReplayTest.at("peace-declaration", "2027-03-01"),
        ReplayTest.at("peace-mechanism", "2027-09-10"));
    List<Integer> order = Replay.dateOrder(record);
    assertEquals(Replay.decisionByDecision(ruleSet, record, order), Replay.inOneSession(ruleSet, rules, record, order));
    rules.replayAnswers().start().remember("peace-declaration", true, List.of("planted"));
    List<Decision.Irregular> found = Replay.inOneSession(ruleSet, rules, record, order);
    assertEquals(List.of(new Decision.Irregular(0, "peace-declaration", record.get(0).date(), List.of("planted"))),
        found.stream().filter(irregular -> irregular.index() == 0).toList(), "the planted answer: " + found);
  }

  @Test
  void a_record_that_counts_and_one_of_the_same_step_that_does_not_are_kept_apart(@TempDir Path dir)
      throws Exception {
    // A peace declaration without one of its parties does not count, and the peace mechanism after it is
    // blocked; with all of them it counts, and the mechanism is not. The two share a step at every place.
    RuleSet ruleSet = fresh(dir);
    IncrementalRules rules = FirmRules.of(ruleSet);
    Catalog catalog = ruleSet.catalog();
    List<org.peacepath.catalog.Party> fewer = new ArrayList<>(catalog.get("peace-declaration").defaultParties());
    fewer.remove(0);
    RecordedStep partial = new RecordedStep("peace-declaration", fewer, null, null,
        RecordDate.parse("2027-03-01").orElseThrow(), org.peacepath.catalog.RecordStatus.IN_FORCE);
    List<RecordedStep> uncounted = List.of(partial, ReplayTest.at("peace-mechanism", "2027-09-10"));
    List<RecordedStep> counted = List.of(ReplayTest.at("peace-declaration", "2027-03-01"),
        ReplayTest.at("peace-mechanism", "2027-09-10"));
    assertEquals(List.of(false, true), Counting.of(catalog, uncounted).counted(), "the partial declaration does not count");
    List<Decision.Irregular> blocked = Replay.decisionByDecision(ruleSet, uncounted, List.of(0, 1));
    List<Decision.Irregular> free = Replay.decisionByDecision(ruleSet, counted, List.of(0, 1));
    assertTrue(!blocked.equals(free), "the two records are judged apart: " + blocked + " and " + free);
    for (int round = 0; round < 2; round++) {
      assertEquals(blocked, Replay.inOneSession(ruleSet, rules, uncounted, List.of(0, 1)), "round " + round);
      assertEquals(free, Replay.inOneSession(ruleSet, rules, counted, List.of(0, 1)), "round " + round);
    }
  }

  @Test
  void a_revision_begins_with_nothing_kept(@TempDir Path dir) throws Exception {
    RuleSet first = fresh(dir.resolve("a"));
    List<RecordedStep> record = inDateOrder(first.catalog(), new Random(SEED + 2), List.of());
    Replay.inOneSession(first, FirmRules.of(first), record, Replay.dateOrder(record));
    assertTrue(FirmRules.of(first).replayAnswers().size() > 0, "the first revision kept its answers");
    RuleSet second = fresh(dir.resolve("b"));
    assertEquals(0, FirmRules.of(second).replayAnswers().size(), "another revision keeps its own");
  }

  /** The bundled sigal rules, compiled anew: a revision whose firm rules have kept nothing yet. */
  private static RuleSet fresh(Path dir) throws Exception {
    RulesCopy.of(dir);
    return RuleSets.loadOne(dir, "sigal").get("sigal").orElseThrow();
  }

  /**
   * {@code first}, then a random record ({@link ReplayTest#dated}'s records), all in date order, a day
   * apart; records in force more often than not, so that most count and the firm rules have much to judge.
   */
  private static List<RecordedStep> inDateOrder(Catalog catalog, Random random, List<RecordedStep> first) {
    List<RecordedStep> record = new ArrayList<>(first);
    for (RecordedStep r : ReplayTest.dated(catalog, random)) {
      int day = record.size();
      record.add(new RecordedStep(r.step(), r.parties(), r.note(), r.facility(),
          new RecordDate(2027 + day / 336, 1 + day / 28 % 12, 1 + day % 28), r.status()));
    }
    return record;
  }
}
