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
import org.peacepath.wire.Json;

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
        Decision decision = Evaluator.decide(ruleSet, state);
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
        String first = withoutId(Evaluator.decide(ruleSet, state));
        String again = withoutId(Evaluator.decide(ruleSet, state));
        assertEquals(first, again, ruleSet.name() + ": " + state);
        Decision reordered = Evaluator.decide(ruleSet, shuffled);
        assertEquals(Evaluator.decide(ruleSet, state).unlocked(), reordered.unlocked(),
            "the order steps are recorded in does not change what they unlock: " + state);
        assertEquals(Evaluator.decide(ruleSet, state).blocked(), reordered.blocked());
      }
    }
  }

  @Test
  void the_printed_rules_decide_every_state_as_the_files_as_written_did() throws Exception {
    Random random = new Random(SEED + 2);
    for (RuleSet printed : Bundled.ruleSets().all()) {
      RuleSet asWritten = org.peacepath.rules.AsWritten.compile(Bundled.RULES, printed.name());
      for (int i = 0; i < STATES; i++) {
        List<RecordedStep> state = randomState(printed.catalog(), random);
        assertEquals(withoutId(Evaluator.decide(asWritten, state)), withoutId(Evaluator.decide(printed, state)),
            printed.name() + " state #" + i + ": " + state);
      }
    }
  }

  static String withoutId(Decision decision) {
    return Json.write(decision).replaceFirst("\"decisionId\":\"[^\"]+\"", "");
  }

  private static final List<String> FACILITIES = List.of("Yongbyon 5 MW reactor", "yongbyon  5 MW REACTOR",
      "Sohae launch site", "Kangson enrichment hall");

  /**
   * A record of random steps: each non-repeatable step at most once in force (and sometimes once more,
   * suspended or revoked), repeatable ones up to three times, parties sometimes short, facilities
   * sometimes the same one spelt differently.
   */
  static List<RecordedStep> randomState(Catalog catalog, Random random) {
    List<RecordedStep> state = new ArrayList<>();
    for (Step step : catalog.steps()) {
      int times = step.repeatable() ? random.nextInt(4) : (random.nextInt(3) == 0 ? 1 : 0) + (random.nextInt(6) == 0 ? 1 : 0);
      for (int t = 0; t < times; t++) {
        List<Party> parties = null;
        if (random.nextInt(5) == 0) {
          parties = new ArrayList<>(step.defaultParties());
          if (!parties.isEmpty()) {
            parties.remove(random.nextInt(parties.size()));
          }
        } else if (random.nextInt(4) == 0) {
          parties = new ArrayList<>(step.parties());
          step.atLeastOneOf().stream().skip(random.nextInt(Math.max(1, step.atLeastOneOf().size()))).findFirst()
              .ifPresent(parties::add);
        }
        org.peacepath.catalog.RecordStatus status = (!step.repeatable() && t > 0) || random.nextInt(6) == 0
            ? (random.nextBoolean() ? org.peacepath.catalog.RecordStatus.SUSPENDED : org.peacepath.catalog.RecordStatus.REVOKED)
            : org.peacepath.catalog.RecordStatus.IN_FORCE;
        String facility = catalog.namesFacility(step) && random.nextInt(3) > 0 ? FACILITIES.get(random.nextInt(FACILITIES.size())) : null;
        state.add(new RecordedStep(step.id(), parties, null, facility, null, status));
      }
    }
    Collections.shuffle(state, random);
    return state;
  }

  /** Whether each record counts, worked out here again, independently of the engine. */
  static List<Boolean> counts(Catalog catalog, List<RecordedStep> state) {
    Set<String> facilities = new HashSet<>();
    List<Boolean> counts = new ArrayList<>();
    for (RecordedStep record : state) {
      Step step = catalog.get(record.step());
      List<Party> took = record.parties() != null ? record.parties() : step.defaultParties();
      boolean count = record.status() == org.peacepath.catalog.RecordStatus.IN_FORCE && took.containsAll(step.parties())
          && (step.atLeastOneOf().isEmpty() || step.atLeastOneOf().stream().anyMatch(took::contains));
      if (count && record.facility() != null) {
        count = facilities.add(record.facility().replaceAll("\\s+", " ").toLowerCase(java.util.Locale.ROOT));
      }
      counts.add(count);
    }
    return counts;
  }

  static void checkPlaces(Catalog catalog, List<RecordedStep> state, Decision decision, String label) {
    Map<String, Integer> counted = new HashMap<>();
    List<Boolean> counts = counts(catalog, state);
    for (int i = 0; i < state.size(); i++) {
      if (counts.get(i)) {
        counted.merge(state.get(i).step(), 1, Integer::sum);
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
        assertFalse(reason.ruleId().isBlank(), label);
        assertTrue(List.of("stated", "hedged", "inferred").contains(reason.basis()), label);
        assertTrue(reason.reason().endsWith("."), "a reason is a whole sentence: " + reason);
        reason.requires().forEach(id -> assertTrue(catalog.contains(id), id + " in " + label));
      }
    }
  }
}
