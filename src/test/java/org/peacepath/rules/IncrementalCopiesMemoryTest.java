package org.peacepath.rules;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.ref.WeakReference;
import org.junit.jupiter.api.Test;
import org.peacepath.Bundled;

/**
 * A server compiles each revision's copies for incremental sessions (its firm rules and all its rules) and
 * keeps sessions of them; once a reload has replaced the revision, nothing of it may stay in memory, or a
 * server whose rules are edited day after day would grow without end.
 */
class IncrementalCopiesMemoryTest {

  @Test
  void a_revision_no_longer_held_is_let_go_with_its_copies_and_their_kept_sessions() throws Exception {
    WeakReference<RuleSet> revision = revisionWithCopiesCompiled();
    for (int i = 0; i < 100 && revision.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertNull(revision.get(), "the revision is still held once nothing but its copies refers to it");
  }

  /** A revision loaded afresh, its two copies compiled and a session of each kept; only a weak reference left. */
  private static WeakReference<RuleSet> revisionWithCopiesCompiled() throws Exception {
    RuleSet ruleSet = RuleSets.load(Bundled.RULES).get("sigal").orElseThrow();
    FirmRules.of(ruleSet).openPooled().close();
    IncrementalRules.compile(ruleSet).openPooled().close();
    if (FirmRules.ifCompiled(ruleSet) == null || IncrementalRules.compiledAlready(ruleSet) == null) {
      throw new AssertionError("the copies were compiled and are found");
    }
    return new WeakReference<>(ruleSet);
  }
}
