package org.peacepath.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peacepath.RulesCopy;

/** A candidate revision that does not finish within the deadline is refused, and reloading goes on. */
class ReloadDeadlineTest {
  @TempDir Path dir;

  @Test
  void a_candidate_that_does_not_finish_in_time_is_refused_and_the_next_reload_works() throws Exception {
    RulesCopy.of(dir);
    AtomicBoolean stuck = new AtomicBoolean(false);
    ServingGate check = ruleSet -> {
      while (stuck.get()) {
        Thread.onSpinWait(); // a candidate that will not finish, and ignores interruption
      }
      return List.of();
    };
    RuleSets ruleSets = RuleSets.load(dir, check, Duration.ofSeconds(10)); // a cold compile on a busy machine
    String before = ruleSets.get("sigal").orElseThrow().revision();

    stuck.set(true);
    Path sequence = dir.resolve("sigal/reciprocity.drl"); // sigal's own: the only rule set to change
    Files.writeString(sequence, Files.readString(sequence) + "\n// an edit\n");
    long start = System.nanoTime();
    ReloadOutcome outcome = ruleSets.reload().get("sigal");
    long took = (System.nanoTime() - start) / 1_000_000;

    assertEquals(ReloadOutcome.Result.REFUSED, outcome.result());
    assertEquals("reload_timeout", outcome.errors().get(0).code());
    assertEquals(before, ruleSets.get("sigal").orElseThrow().revision(), "the last good revision keeps serving");
    assertTrue(took < 30_000, "the reload gave up at its deadline, not never: " + took + " ms");

    stuck.set(false);
    Files.writeString(sequence, Files.readString(sequence) + "\n// another edit\n");
    assertEquals(ReloadOutcome.Result.LOADED, ruleSets.reload().get("sigal").result());
  }
}
