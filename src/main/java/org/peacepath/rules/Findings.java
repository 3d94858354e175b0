package org.peacepath.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.MatchCreatedEvent;
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
 * Listens to one firing of the rules: collects each {@link Blocked}, {@link Caution} and {@link Advisory} a
 * rule inserts, with the rule's name, and keeps the firing within its budget. It counts the matches Drools
 * creates (each a combination of facts a rule accepted, held in memory until it fires) and the firings,
 * and halts the session past {@code maxMatches} or {@code maxFirings}, past the deadline, or when the
 * client has gone; the {@link Watchdog} halts it too when no match comes to say so.
 *
 * <p>The counting costs next to nothing while a firing is small: an increment and a comparison per match
 * and per firing, the clock and the client looked at every {@link #LOOK_EVERY} of them, and counts by
 * rule kept only past {@link #BY_RULE_AFTER}, where a rule that runs away has long been the one that
 * dominates.
 */
final class Findings extends DefaultAgendaEventListener implements RuleRuntimeEventListener {
  /** Matches or firings between two looks at the clock and the client (a power of two). */
  static final int LOOK_EVERY = 64;
  /** Matches or firings after which they are counted rule by rule, to name the rule that spends the budget. */
  static final int BY_RULE_AFTER = 256;

  /** Which limit a firing reached. */
  enum Limit { FIRINGS, MATCHES, TIME, ABANDONED }

  private final KieSession session;
  private final int maxFirings;
  private final int maxMatches;
  private long deadline;
  private DecisionBudget budget;
  private final List<Found<Blocked>> blocks = new ArrayList<>();
  private final List<Found<Caution>> cautions = new ArrayList<>();
  private final List<Found<Advisory>> advisories = new ArrayList<>();
  private Map<String, Integer> firingsByRule;
  private Map<String, Integer> matchesByRule;
  private int firings;
  private int matches;
  private Limit reached;
  private String firing;

  Findings(KieSession session, int maxFirings, int maxMatches, long deadline, DecisionBudget budget) {
    this.session = session;
    this.maxFirings = maxFirings;
    this.maxMatches = maxMatches;
    this.deadline = deadline;
    this.budget = budget;
  }

  /**
   * Starts counting afresh for another firing of the same session, within a new deadline and budget: a
   * session fired again and again (a replay's) keeps one listener rather than adding one for each firing.
   */
  void restart(long deadline, DecisionBudget budget) {
    this.deadline = deadline;
    this.budget = budget;
    firings = 0;
    matches = 0;
    reached = null;
    firing = null;
    firingsByRule = null;
    matchesByRule = null;
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
  public void matchCreated(MatchCreatedEvent event) {
    int n = ++matches;
    if (n > BY_RULE_AFTER) {
      if (matchesByRule == null) {
        matchesByRule = new HashMap<>();
      }
      matchesByRule.merge(event.getMatch().getRule().getName(), 1, Integer::sum);
    }
    if (n >= maxMatches) {
      halt(Limit.MATCHES);
    } else if ((n & (LOOK_EVERY - 1)) == 0) {
      look();
    }
  }

  @Override
  public void afterMatchFired(AfterMatchFiredEvent event) {
    firing = null;
    int n = ++firings;
    if (n > BY_RULE_AFTER) {
      if (firingsByRule == null) {
        firingsByRule = new HashMap<>();
      }
      firingsByRule.merge(event.getMatch().getRule().getName(), 1, Integer::sum);
    }
    if (n >= maxFirings) {
      halt(Limit.FIRINGS);
    } else if ((n & (LOOK_EVERY - 1)) == 0) {
      look();
    }
  }

  /** Looks at the clock and the client, and halts if either says so. */
  private void look() {
    if (System.nanoTime() - deadline > 0) {
      halt(Limit.TIME);
    } else if (budget != null && budget.abandoned()) {
      halt(Limit.ABANDONED);
    }
  }

  private void halt(Limit limit) {
    if (reached == null) {
      reached = limit;
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

  /** The limit this firing reached, or {@code null}. */
  Limit reached() {
    return reached;
  }

  /**
   * Lets go of the budget of the firing last counted, so that a session kept for another request holds nothing
   * of this one's.
   */
  void release() {
    budget = null;
  }

  /** How many matches Drools created. */
  int matches() {
    return matches;
  }

  /** How many times rules fired. */
  int firings() {
    return firings;
  }

  /** The matches of each rule, counted once there were more than {@link #BY_RULE_AFTER}; empty before. */
  Map<String, Integer> matchesByRule() {
    return matchesByRule == null ? Map.of() : matchesByRule;
  }

  /** The rule that fired most once the firings were counted by rule, or {@code null}. */
  String firedMost() {
    return most(firingsByRule);
  }

  /** The rule that made most matches once they were counted by rule, or {@code null}. */
  String matchedMost() {
    return most(matchesByRule);
  }

  private static String most(Map<String, Integer> counts) {
    if (counts == null) {
      return null;
    }
    return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
  }
}
