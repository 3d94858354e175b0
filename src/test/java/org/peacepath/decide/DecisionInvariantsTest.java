package org.peacepath.decide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.peacepath.Bundled;
import org.peacepath.catalog.Catalog;
import org.peacepath.catalog.Party;
import org.peacepath.catalog.Step;
import org.peacepath.rules.RuleSet;

/** Properties every decision keeps, checked over many random negotiation states under every rule set. */
class DecisionInvariantsTest {
  static final int STATES = 400;
  static final long SEED = 20130326L;

  @Test
  void every_step_stands_in_exactly_one_place_in_catalog_order_whatever_the_state() {
    Random random = new Random(SEED);
    for (RuleSet ruleSet : Bundled.ruleSets().all()) {
      for (int i = 0; i < STATES; i++) {
        List<RecordedStep> state = randomState(ruleSet.catalog(), random);
        String label = ruleSet.name() + " state #" + i + " (seed " + SEED + "): " + state;
        Decision decision = Evaluator.evaluate(ruleSet, state);
        checkPlaces(ruleSet.catalog(), state, decision, label);
        checkOrder(ruleSet.catalog(), decision, label);
        checkReasons(ruleSet.catalog(), decision, label);
      }
    }
  }

  @Test
  void the_same_state_gives_the_same_json_apart_from_the_decision_id() {
    Random random = new Random(SEED + 1);
    for (RuleSet ruleSet : Bundled.ruleSets().all()) {
      for (int i = 0; i < STATES / 4; i++) {
        List<RecordedStep> state = randomState(ruleSet.catalog(), random);
        List<RecordedStep> shuffled = new ArrayList<>(state);
        Collections.shuffle(shuffled, random);
        String first = withoutId(Evaluator.evaluate(ruleSet, state));
        String again = withoutId(Evaluator.evaluate(ruleSet, state));
        assertEquals(first, again, ruleSet.name() + ": " + state);
        Decision reordered = Evaluator.evaluate(ruleSet, shuffled);
        assertEquals(Evaluator.evaluate(ruleSet, state).unlocked(), reordered.unlocked(),
            "the order steps are recorded in does not change what they unlock: " + state);
        assertEquals(Evaluator.evaluate(ruleSet, state).blocked(), reordered.blocked());
      }
    }
  }

  static String withoutId(Decision decision) {
    return Json.write(decision).replaceFirst("\"decisionId\":\"[^\"]+\"", "");
  }

  /** A state of random steps: each non-repeatable step at most once, repeatable ones up to three times, parties sometimes short. */
  static List<RecordedStep> randomState(Catalog catalog, Random random) {
    List<RecordedStep> state = new ArrayList<>();
    for (Step step : catalog.steps()) {
      int times = step.repeatable() ? random.nextInt(4) : (random.nextInt(3) == 0 ? 1 : 0);
      for (int t = 0; t < times; t++) {
        List<Party> parties = null;
        if (random.nextInt(5) == 0) {
          parties = new ArrayList<>(step.parties());
          if (!parties.isEmpty()) {
            parties.remove(random.nextInt(parties.size()));
          }
        } else if (random.nextInt(4) == 0) {
          parties = new ArrayList<>(step.parties());
        }
        state.add(new RecordedStep(step.id(), parties, null));
      }
    }
    Collections.shuffle(state, random);
    return state;
  }

  static void checkPlaces(Catalog catalog, List<RecordedStep> state, Decision decision, String label) {
    Map<String, Integer> counted = new HashMap<>();
    for (RecordedStep step : state) {
      Set<Party> missing = new HashSet<>(catalog.get(step.step()).parties());
      if (step.parties() != null) {
        missing.removeAll(step.parties());
      } else {
        missing.clear();
      }
      if (missing.isEmpty()) {
        counted.merge(step.step(), 1, Integer::sum);
      }
    }
    assertEquals(state.size() - counted.values().stream().mapToInt(Integer::intValue).sum(),
        decision.notCounted().size(), label);
    for (Step step : catalog.steps()) {
      long inCompleted = decision.completed().stream().filter(step.id()::equals).count();
      boolean unlocked = decision.unlocked().stream().anyMatch(u -> u.id().equals(step.id()));
      boolean blocked = decision.blocked().stream().anyMatch(b -> b.id().equals(step.id()));
      assertEquals(counted.getOrDefault(step.id(), 0).longValue(), inCompleted, step.id() + " in " + label);
      if (step.repeatable()) {
        assertTrue(unlocked ^ blocked, step.id() + " must be unlocked or blocked, once: " + label);
      } else {
        int places = (inCompleted > 0 ? 1 : 0) + (unlocked ? 1 : 0) + (blocked ? 1 : 0);
        assertEquals(1, places, step.id() + " must stand in exactly one place: " + label);
      }
    }
  }

  static void checkOrder(Catalog catalog, Decision decision, String label) {
    assertSorted(catalog, decision.completed(), label);
    assertSorted(catalog, decision.unlocked().stream().map(Decision.Unlocked::id).toList(), label);
    assertSorted(catalog, decision.blocked().stream().map(Decision.BlockedStep::id).toList(), label);
  }

  static void assertSorted(Catalog catalog, List<String> ids, String label) {
    List<String> sorted = new ArrayList<>(ids);
    sorted.sort(catalog.idOrder());
    assertEquals(sorted, ids, "catalog order in " + label);
  }

  static void checkReasons(Catalog catalog, Decision decision, String label) {
    for (Decision.BlockedStep blocked : decision.blocked()) {
      assertFalse(blocked.reasons().isEmpty(), label);
      for (Decision.Reason reason : blocked.reasons()) {
        assertFalse(reason.rule().isBlank(), label);
        assertTrue(reason.reason().endsWith("."), "a reason is a whole sentence: " + reason);
        reason.requires().forEach(id -> assertTrue(catalog.contains(id), id + " in " + label));
      }
    }
  }
}
