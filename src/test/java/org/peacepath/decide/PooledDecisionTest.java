package org.peacepath.decide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peacepath.BrokenRules;
import org.peacepath.Bundled;
import org.peacepath.RulesCopy;
import org.peacepath.catalog.Party;
import org.peacepath.catalog.RecordStatus;
import org.peacepath.rules.Fired;
import org.peacepath.rules.IncrementalRules;
import org.peacepath.rules.RuleFailureException;
import org.peacepath.rules.RuleSet;
import org.peacepath.rules.RuleSets;

/**
 * A server decides a record in a pooled incremental session that still holds the record it decided last
 * ({@link Evaluator#inPooledSession}); the decision is the one a fresh session makes, whatever that session
 * held before, under every bundled rule set.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PooledDecisionTest {
  @TempDir Path dir;

  @Test
  void a_record_decided_in_the_session_that_held_the_record_before_is_decided_as_in_a_fresh_session() throws Exception {
    Random random = new Random(FactsLeftOutTest.SEED);
    for (RuleSet ruleSet : Bundled.ruleSets().all()) {
      IncrementalRules rules = IncrementalRules.compile(ruleSet);
      List<List<RecordedStep>> records = new ArrayList<>();
      for (int i = 0; i < 150; i++) {
        List<RecordedStep> state = DecisionInvariantsTest.randomState(ruleSet.catalog(), random);
        Collections.shuffle(state, random);
        records.add(state);
        // then the same record one record shorter, and the same again: what differs is one record, or nothing
        if (!state.isEmpty()) {
          records.add(state.subList(0, state.size() - 1));
          records.add(state.subList(0, state.size() - 1));
        }
        if (i % 10 == 9) {
          records.add(List.of()); // and now and then the empty record; otherwise one record follows another
        }
      }
      int kept = rules.idle();
      int renewed = 0;
      for (List<RecordedStep> state : records) {
        Counting counting = Counting.of(ruleSet.catalog(), state);
        Fired pooled = Evaluator.inPooledSession(rules, state, counting);
        if (pooled == null) {
          // the session passed a decision's limits over its life, and was let go: the next one starts anew
          renewed++;
          pooled = Evaluator.inPooledSession(rules, state, counting);
        }
        assertNotNull(pooled, ruleSet.name() + ": a new pooled session reached no limit on " + state);
        assertEquals(DecisionInvariantsTest.withoutId(Evaluator.assemble(ruleSet, counting,
                Evaluator.freshFindings(ruleSet, state, counting))),
            DecisionInvariantsTest.withoutId(Evaluator.assemble(ruleSet, counting, pooled)),
            ruleSet.name() + ": " + state);
      }
      // one thread deciding one record after another is given a session kept, and gives it back, each time;
      // a session let go is not given back, and its successor is
      assertEquals(Math.max(kept - renewed, 1), rules.idle(), ruleSet.name());
      assertTrue(renewed < records.size() / 50, ruleSet.name() + ": a session lives for many decisions: " + renewed);
    }
  }

  @Test
  void a_record_whose_facts_differ_only_in_status_or_parties_is_decided_afresh() throws Exception {
    RuleSet ruleSet = Bundled.ruleSets().get("sigal").orElseThrow();
    IncrementalRules rules = IncrementalRules.compile(ruleSet);
    List<List<RecordedStep>> records = List.of(
        List.of(new RecordedStep("peace-declaration", null, null, null, null, RecordStatus.IN_FORCE)),
        List.of(new RecordedStep("peace-declaration", null, null, null, null, RecordStatus.SUSPENDED)),
        List.of(new RecordedStep("peace-declaration", List.of(Party.US), null, null, null, RecordStatus.IN_FORCE)),
        List.of(new RecordedStep("peace-declaration", null, null, null, null, RecordStatus.IN_FORCE)));
    List<String> decided = new ArrayList<>();
    for (List<RecordedStep> state : records) {
      Counting counting = Counting.of(ruleSet.catalog(), state);
      String pooled = DecisionInvariantsTest.withoutId(
          Evaluator.assemble(ruleSet, counting, Evaluator.inPooledSession(rules, state, counting)));
      assertEquals(DecisionInvariantsTest.withoutId(Evaluator.assemble(ruleSet, counting,
          Evaluator.freshFindings(ruleSet, state, counting))), pooled, state.toString());
      decided.add(pooled);
    }
    assertTrue(!decided.get(0).equals(decided.get(1)) && !decided.get(0).equals(decided.get(2)),
        "the three records decide differently, so the comparison says something");
    assertEquals(decided.get(0), decided.get(3));
  }

  @Test
  void a_record_a_fresh_session_refuses_is_refused_whatever_the_pooled_session_held_before() throws Exception {
    RulesCopy.of(dir);
    RulesCopy.write(dir, "common/runaway.drl", BrokenRules.RUNAWAY);
    RuleSet ruleSet = RuleSets.load(dir).get("sigal").orElseThrow();
    IncrementalRules rules = IncrementalRules.compile(ruleSet);
    assertEquals(0, rules.idle());

    // a decision as served, once the copy is compiled, is made in a pooled session, which is then kept; a plan's
    // are made in fresh sessions
    Evaluator.decide(ruleSet, dismantlements(1));
    assertEquals(0, rules.idle(), "a plan's decision took no pooled session");
    Decision first = Evaluator.decideAsServed(ruleSet, dismantlements(1));
    assertEquals(1, rules.idle(), "the decision was made in a pooled session");
    assertEquals(DecisionInvariantsTest.withoutId(first), DecisionInvariantsTest.withoutId(Evaluator.assemble(ruleSet,
        Counting.of(ruleSet.catalog(), dismantlements(1)), Evaluator.freshFindings(ruleSet, dismantlements(1),
            Counting.of(ruleSet.catalog(), dismantlements(1))))));

    // 400 dismantlements are within a decision's limits; 700 are not (the rule fires 16 times for each), though
    // going from 400 to 700 fires it only 4,800 times more
    List<RecordedStep> within = dismantlements(400);
    assertNotNull(Evaluator.inPooledSession(rules, within, Counting.of(ruleSet.catalog(), within)));
    assertEquals(1, rules.idle());
    List<RecordedStep> past = dismantlements(BrokenRules.LONG);
    assertNull(Evaluator.inPooledSession(rules, past, Counting.of(ruleSet.catalog(), past)));
    assertEquals(0, rules.idle(), "the session that cannot tell was not kept");
    // and straight away, in a session made for it
    assertNull(Evaluator.inPooledSession(rules, past, Counting.of(ruleSet.catalog(), past)));
    assertEquals(0, rules.idle(), "the spent session was not kept");
    // the decision then comes from a fresh session, which names the rule as a decision does
    RuleFailureException failure = assertThrows(RuleFailureException.class,
        () -> Evaluator.decideAsServed(ruleSet, past));
    assertEquals(RuleFailureException.Kind.RUNAWAY, failure.kind(), failure.getMessage());
  }

  private static List<RecordedStep> dismantlements(int n) {
    return Collections.nCopies(n, new RecordedStep("dismantlement", null, null, null, null, RecordStatus.IN_FORCE));
  }
}
