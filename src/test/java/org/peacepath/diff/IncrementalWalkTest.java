package org.peacepath.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.peacepath.Bundled;
import org.peacepath.RulesCopy;
import org.peacepath.catalog.Step;
import org.peacepath.decide.Counting;
import org.peacepath.decide.Decision;
import org.peacepath.decide.Evaluator;
import org.peacepath.decide.RecordedStep;
import org.peacepath.rules.FindingIds;
import org.peacepath.rules.IncrementalRules;
import org.peacepath.rules.IncrementalSession;
import org.peacepath.rules.RuleSet;
import org.peacepath.rules.RuleSetCompiler;

/**
 * A session walked from record to record, one record added or taken away at a time, answers every record
 * exactly as a fresh decision does: the walk's findings, assembled as the engine assembles them, make the
 * same answer as {@link Evaluator#decide}, on records drawn at random; and so does each side of a session
 * that holds two revisions at once.
 */
class IncrementalWalkTest {
  /** A rule that makes, on the same records as treaty-negotiated-by-four and some fewer, exactly its finding. */
  static final String TWIN = """
      package peacepath;

      import org.peacepath.facts.Open;
      import org.peacepath.facts.Done;
      import org.peacepath.facts.Blocked;

      rule "The treaty waits for the talks, said again"
          @id("twin-of-four")
          @basis("stated")
          @source("once it is negotiated by the four")
      when
          $open : Open( step == "peace-treaty" )
          not Done( step == "four-party-talks" )
          not Done( step == "normalization" )
      then
          insert( new Blocked( $open.step(),
              "The treaty is negotiated by the four: the United States, the two Koreas and China must hold their peace talks first.",
              "four-party-talks" ) );
      end
      """;

  @ParameterizedTest
  @ValueSource(strings = {"sigal", "treaty-first", "denuclearization-first"})
  void a_walked_session_decides_every_record_as_a_fresh_decision_does(String name) throws Exception {
    RuleSet ruleSet = Bundled.ruleSets().get(name).orElseThrow();
    try (IncrementalSession session = IncrementalRules.compile(ruleSet).open(new FindingIds())) {
      assertTrue(walk(session, List.of(ruleSet), name.hashCode()) > 1_500);
    }
  }

  @Test
  void each_side_of_a_session_holding_two_revisions_decides_as_its_revision_does(@TempDir Path dir) throws Exception {
    RulesCopy.of(dir);
    // interim-after-mechanism made firm, in its row of the common table; and a rule that says what another says
    Path table = dir.resolve("common/preconditions.rules.csv");
    String row = "interim-after-mechanism,interim-peace-agreement,,advice,,peace-mechanism,";
    assertTrue(Files.readString(table).contains(row));
    Files.writeString(table, Files.readString(table).replace(row,
        "interim-after-mechanism,interim-peace-agreement,,firm,peace-mechanism,,"));
    RulesCopy.write(dir, "sigal/twin.drl", TWIN);
    RuleSet before = Bundled.ruleSets().get("sigal").orElseThrow();
    RuleSet after = RuleSetCompiler.compile(dir, "sigal");

    IncrementalRules paired = IncrementalRules.pair(before, after);
    assertNotNull(paired, "the two revisions share one session");
    try (IncrementalSession session = paired.open(new FindingIds())) {
      assertTrue(walk(session, List.of(before, after), 7) > 1_500);
    }
  }

  /** Walks the session at random, comparing each side's answer with a fresh decision; returns how many were compared. */
  static int walk(IncrementalSession session, List<RuleSet> revisions, long seed) {
    List<Step> steps = revisions.get(0).catalog().steps();
    Random random = new Random(seed);
    List<String> held = new ArrayList<>();
    int compared = 0;
    for (int move = 0; move < 2_500; move++) {
      Step step = steps.get(random.nextInt(steps.size()));
      int count = (int) held.stream().filter(step.id()::equals).count();
      boolean add = count == 0 || (step.repeatable() && count < 4 && random.nextBoolean());
      if (add) {
        session.add(step.id());
        held.add(step.id());
      } else {
        session.remove(step.id());
        held.remove(held.lastIndexOf(step.id()));
      }
      assertEquals(count + (add ? 1 : -1), session.count(step.id()));
      // Fire now and then only, so that several changes are worked out at once too.
      if (random.nextInt(4) == 0 && move < 2_490) {
        continue;
      }
      session.fire();
      List<RecordedStep> record = held.stream().map(RecordedStep::of).toList();
      for (int side = 0; side < revisions.size(); side++) {
        RuleSet ruleSet = revisions.get(side);
        Decision walked = Evaluator.assemble(ruleSet, Counting.of(ruleSet.catalog(), record),
            session.side(side).fired());
        Decision fresh = Evaluator.decide(ruleSet, record);
        assertEquals(Delta.comparable(fresh), Delta.comparable(walked), "revision " + side + " after " + held);
      }
      compared++;
    }
    return compared;
  }
}
