package org.peacepath.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.peacepath.facts.Advisory;
import org.peacepath.facts.Blocked;
import org.peacepath.facts.Caution;
import org.peacepath.rules.Fired.Found;

/**
 * Listens to one evaluation: collects each {@link Blocked}, {@link Caution} and {@link Advisory} a rule inserts, with the
 * rule's name, and halts the session when a rule keeps firing past the limits.
 */
final class Findings extends DefaultAgendaEventListener implements RuleRuntimeEventListener {
  private final KieSession session;
  private final int maxFirings;
  private final long deadline;
  private final List<Found<Blocked>> blocks = new ArrayList<>();
  private final List<Found<Caution>> cautions = new ArrayList<>();
  private final List<Found<Advisory>> advisories = new ArrayList<>();
  private final Map<String, Integer> firings = new HashMap<>();
  private int total;
  private String runaway;
  private String firing;

  Findings(KieSession session, int maxFirings, long maxNanos) {
    this.session = session;
    this.maxFirings = maxFirings;
    this.deadline = System.nanoTime() + maxNanos;
  }

  @Override
  public void objectInserted(ObjectInsertedEvent event) {
    if (event.getRule() == null) {
      return;
    }
    Object fact = event.getObject();
    if (fact instanceof Blocked blocked) {
      blocks.add(new Found<>(event.getRule().getName(), blocked));
    } else if (fact instanceof Caution caution) {
      cautions.add(new Found<>(event.getRule().getName(), caution));
    } else if (fact instanceof Advisory advisory) {
      advisories.add(new Found<>(event.getRule().getName(), advisory));
    }
  }

  @Override
  public void objectUpdated(ObjectUpdatedEvent event) {}

  @Override
  public void objectDeleted(ObjectDeletedEvent event) {}

  @Override
  public void beforeMatchFired(BeforeMatchFiredEvent event) {
    firing = event.getMatch().getRule().getName();
  }

  @Override
  public void afterMatchFired(AfterMatchFiredEvent event) {
    firing = null;
    String rule = event.getMatch().getRule().getName();
    firings.merge(rule, 1, Integer::sum);
    total++;
    if (runaway == null && (total >= maxFirings || System.nanoTime() > deadline)) {
      runaway = firings.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
      session.halt();
    }
  }

  /** What the rules found. */
  Fired fired() {
    return new Fired(blocks, cautions, advisories);
  }

  /** The rule whose consequence is running and has not finished, or {@code null}. */
  String firing() {
    return firing;
  }

  /** The rule that fired most when the limits were reached, or {@code null} if they were not. */
  String runaway() {
    return runaway;
  }
}
