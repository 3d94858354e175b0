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
        records.add(List.of());
      }
      int kept = rules.idle();
      for (List<RecordedStep> state : records) {
        Counting counting = Counting.of(ruleSet.catalog(), state);
        Fired pooled = Evaluator.inPooledSession(rules, state, counting);
        assertNotNull(pooled, ruleSet.name() + ": the pooled session reached no limit on " + state);
        assertEquals(DecisionInvariantsTest.withoutId(Evaluator.assemble(ruleSet, counting,
                Evaluator.freshFindings(ruleSet, state, counting))),
            DecisionInvariantsTest.withoutId(Evaluator.assemble(ruleSet, counting, pooled)),
            ruleSet.name() + ": " + state);
      }
      // one thread deciding one record after another is given the one session kept, each time
      assertEquals(Math.max(kept, 1), rules.idle(), ruleSet.name());
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
  void a_pooled_session_a_rule_runs_away_in_gives_no_findings_and_is_not_kept() throws Exception {
    RulesCopy.of(dir);
    RulesCopy.write(dir, "common/runaway.drl", BrokenRules.RUNAWAY);
    RuleSet ruleSet = RuleSets.load(dir).get("sigal").orElseThrow();
    IncrementalRules rules = IncrementalRules.compile(ruleSet);
    List<RecordedStep> longRecord = Collections.nCopies(BrokenRules.LONG,
        new RecordedStep("dismantlement", null, null, null, null, RecordStatus.IN_FORCE));
    int kept = rules.idle();

    assertNull(Evaluator.inPooledSession(rules, longRecord, Counting.of(ruleSet.catalog(), longRecord)));
    assertEquals(kept, rules.idle(), "the spent session was not kept");
    // and the decision then comes from a fresh session, which names the rule as a decision does
    RuleFailureException failure = assertThrows(RuleFailureException.class, () -> Evaluator.decide(ruleSet, longRecord));
    assertEquals(RuleFailureException.Kind.RUNAWAY, failure.kind(), failure.getMessage());
  }
}
