package org.peacepath.decide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.peacepath.Bundled;
import org.peacepath.catalog.Catalog;
import org.peacepath.catalog.Step;
import org.peacepath.facts.Done;
import org.peacepath.facts.Open;
import org.peacepath.facts.Recorded;
import org.peacepath.facts.Tally;
import org.peacepath.rules.RuleSet;

/**
 * A decision leaves out the facts no rule of its rule set can match ({@link RuleSet#read}); given every fact
 * of the record, as it was before, the rules decide exactly the same, over many random records under every
 * bundled rule set.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FactsLeftOutTest {
  static final long SEED = 20131203L;

  @Test
  void a_decision_given_every_fact_of_the_record_is_the_decision_given_only_those_its_rules_can_match() {
    Random random = new Random(SEED);
    int leftOut = 0;
    for (RuleSet ruleSet : Bundled.ruleSets().all()) {
      for (int i = 0; i < 300; i++) {
        List<RecordedStep> state = DecisionInvariantsTest.randomState(ruleSet.catalog(), random);
        Counting counting = Counting.of(ruleSet.catalog(), state);
        List<Object> every = everyFact(ruleSet.catalog(), state, counting);
        leftOut += (int) every.stream().filter(fact -> !read(ruleSet, fact)).count();
        assertEquals(DecisionInvariantsTest.withoutId(Evaluator.assemble(ruleSet, counting, ruleSet.fire(every))),
            DecisionInvariantsTest.withoutId(Evaluator.decide(ruleSet, state)), ruleSet.name() + ": " + state);
      }
    }
    assertTrue(leftOut > 1_000, "the bundled rules leave facts out, so the comparison says something: " + leftOut);
  }

  private static boolean read(RuleSet ruleSet, Object fact) {
    if (fact instanceof Tally tally) {
      return ruleSet.read("Tally").contains(tally.kind());
    }
    if (fact instanceof Done done) {
      return ruleSet.read("Done").contains(done.step());
    }
    if (fact instanceof Open open) {
      return ruleSet.read("Open").contains(open.step());
    }
    Recorded recorded = (Recorded) fact;
    return ruleSet.readsRecorded(recorded.step(), recorded.kind(), recorded.status());
  }

  /** Every fact of the record, as a decision was given them before any was left out. */
  private static List<Object> everyFact(Catalog catalog, List<RecordedStep> recorded, Counting counting) {
    List<Object> facts = new ArrayList<>();
    Map<String, Integer> tallies = new LinkedHashMap<>();
    catalog.kinds().forEach(kind -> tallies.put(kind, 0));
    for (int i = 0; i < recorded.size(); i++) {
      Step step = catalog.get(recorded.get(i).step());
      boolean counts = counting.counted().get(i);
      facts.add(new Recorded(step.id(), step.kind(), recorded.get(i).status().wire(), counts));
      if (counts) {
        facts.add(new Done(step.id(), step.kind()));
        tallies.merge(step.kind(), 1, Integer::sum);
      }
    }
    tallies.forEach((kind, count) -> facts.add(new Tally(kind, count)));
    for (Step step : catalog.steps()) {
      if (step.repeatable() || counting.count(step.id()) == 0) {
        facts.add(new Open(step.id(), step.kind()));
      }
    }
    return facts;
  }
}
