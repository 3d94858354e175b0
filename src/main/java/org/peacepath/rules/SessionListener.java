package org.peacepath.rules;

import java.util.HashMap;
import java.util.Map;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;

/**
 * Follows the findings inserted and taken back in an {@link IncrementalSession}, counting each on its
 * revision's {@link SessionSide}, and stops a rule that keeps firing.
 */
final class SessionListener extends DefaultAgendaEventListener implements RuleRuntimeEventListener {
  private final KieSession session;
  private final SessionSide[] sides;
  private final boolean paired;
  private final FindingIds ids;
  /** How many times rules fired since {@link #start}. */
  int firings;
  private long deadline;
  /** The rule firing now, as the session names it, or {@code null}. */
  String firing;
  /** The rule that fired most when the firings ran past their limits, or {@code null}. */
  String runaway;
  private final Map<String, Integer> byRule = new HashMap<>();

  SessionListener(KieSession session, SessionSide[] sides, FindingIds ids) {
    this.session = session;
    this.sides = sides;
    this.paired = sides.length == 2;
    this.ids = ids;
  }

  /** Starts a firing afresh. */
  void start() {
    firings = 0;
    deadline = System.nanoTime() + RuleSet.MAX_NANOS;
    firing = null;
    runaway = null;
    byRule.clear();
  }

  private void found(LogicalFinding finding, int by) {
    if (!paired) {
      sides[0].held(ids.id(finding), by);
    } else if (finding.rule().startsWith(IncrementalRules.BEFORE)) {
      sides[0].held(ids.id(new LogicalFinding(finding.rule().substring(IncrementalRules.BEFORE.length()), finding.fact())), by);
    } else if (finding.rule().startsWith(IncrementalRules.AFTER)) {
      sides[1].held(ids.id(new LogicalFinding(finding.rule().substring(IncrementalRules.AFTER.length()), finding.fact())), by);
    } else {
      int id = ids.id(finding);
      sides[0].held(id, by);
      sides[1].held(id, by);
    }
  }

  @Override
  public void objectInserted(ObjectInsertedEvent event) {
    if (event.getObject() instanceof LogicalFinding finding) {
      found(finding, +1);
    }
  }

  @Override
  public void objectUpdated(ObjectUpdatedEvent event) {}

  @Override
  public void objectDeleted(ObjectDeletedEvent event) {
    if (event.getOldObject() instanceof LogicalFinding finding) {
      found(finding, -1);
    }
  }

  @Override
  public void beforeMatchFired(BeforeMatchFiredEvent event) {
    firing = event.getMatch().getRule().getName();
  }

  @Override
  public void afterMatchFired(AfterMatchFiredEvent event) {
    firing = null;
    firings++;
    byRule.merge(event.getMatch().getRule().getName(), 1, Integer::sum);
    if (runaway == null && (firings >= RuleSet.MAX_FIRINGS || (firings % 64 == 0 && System.nanoTime() > deadline))) {
      // As the engine does: the rule that fired most is the one running away.
      runaway = byRule.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
      session.halt();
    }
  }
}
