package org.peacepath.decide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.peacepath.Bundled;
import org.peacepath.catalog.Step;
import org.peacepath.rules.IncrementalRules;
import org.peacepath.rules.RuleSet;

/**
 * The trials by which a record's packages are found decide in one incremental session exactly as a decision
 * of each record would on the step each asks about (whether it may be taken, and what holds it back, with
 * advice followed and ignored), over many generated records (statuses, parties and facilities among them)
 * and several trials each, under every bundled rule set.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PackageTrialTest {
  static final long SEED = 20130627L;

  @Test
  void a_trial_in_one_session_decides_as_a_decision_of_the_record_with_the_steps_added() throws Exception {
    Random random = new Random(SEED);
    int trials = 0;
    for (RuleSet ruleSet : Bundled.ruleSets().all()) {
      IncrementalRules rules = IncrementalRules.compile(ruleSet);
      List<String> ids = ruleSet.catalog().steps().stream().map(Step::id).toList();
      for (int i = 0; i < 50; i++) {
        List<RecordedStep> record = DecisionInvariantsTest.randomState(ruleSet.catalog(), random);
        try (Packages.Trial inSession = new Packages.Trial(ruleSet, record, Advice.IGNORE, rules);
            Packages.Trial byDecision = new Packages.Trial(ruleSet, record, Advice.IGNORE, null)) {
          for (int t = 0; t < 6; t++) {
            List<String> added = new ArrayList<>(ids);
            Collections.shuffle(added, random);
            added = added.subList(0, 1 + random.nextInt(3));
            for (String step : ids) {
              Decision expected = byDecision.decide(added, step);
              Decision found = inSession.decide(added, step);
              String where = ruleSet.name() + " record #" + i + " (seed " + SEED + ") " + record + " with " + added
                  + ", on " + step;
              for (Advice advice : Advice.values()) {
                assertEquals(expected.available(advice).contains(step), found.available(advice).contains(step), where);
                assertEquals(expected.holds(advice).stream().filter(h -> h.step().equals(step)).toList(),
                    found.holds(advice).stream().filter(h -> h.step().equals(step)).toList(), where);
              }
            }
            trials++;
          }
        }
      }
    }
    assertTrue(trials >= 900, "trials: " + trials);
  }

  @Test
  void a_records_packages_are_the_same_found_either_way() throws Exception {
    Random random = new Random(SEED + 1);
    int packages = 0;
    for (RuleSet ruleSet : Bundled.ruleSets().all()) {
      for (int i = 0; i < 40; i++) {
        List<RecordedStep> record = DecisionInvariantsTest.randomState(ruleSet.catalog(), random);
        Decision decision = Evaluator.decide(ruleSet, record);
        IncrementalRules.compile(ruleSet);
        List<Decision.Package> found = Packages.find(ruleSet, record, decision, Advice.IGNORE);
        assertEquals(Packages.findByDecisions(ruleSet, record, decision, Advice.IGNORE), found,
            ruleSet.name() + ": " + record);
        packages += found.size();
      }
    }
    assertTrue(packages > 0, "some generated records have packages: " + packages);
  }
}
