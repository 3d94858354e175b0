package org.peacepath.rules;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;
import org.kie.api.runtime.rule.FactHandle;
import org.peacepath.catalog.Catalog;
import org.peacepath.catalog.Step;
import org.peacepath.facts.Done;
import org.peacepath.facts.Open;
import org.peacepath.facts.Recorded;
import org.peacepath.facts.Tally;

/**
 * One long-lived Drools session over a rule set, walked from record to record one counted record at a
 * time, so that Drools works out only what that change changes. This is what makes {@code diff} exhaustive
 * over a million records in seconds: a fresh session per record costs tens of microseconds, a step of the
 * walk a few.
 *
 * <p>The records it holds are those of the space {@code diff} walks: every record in force, taken by the
 * step's default parties, naming no facility, so that every record counts. Its facts are those
 * {@link RuleSet#fire} is given for such a record ({@link Recorded} and {@link Done} per record, a
 * {@link Tally} per kind, {@link Open} per step still to decide), kept up to date as records are added and
 * taken away.
 *
 * <p>In a session that lives on, a finding must go when the match that made it goes. So the session runs a
 * copy of the rules compiled from the very DRL that the revision was compiled from, with each consequence's
 * {@code insert( FINDING )} made {@code insertLogical( new LogicalFinding( RULE, FINDING ) )}: Drools' truth
 * maintenance then takes a finding back once no match of its rule justifies it, and the session follows
 * what is inserted and deleted. The engine's own rule set is not touched.
 *
 * <p>A session may hold two revisions of one rule set at once ({@link IncrementalRules#pair}): the rules the two have
 * word for word in common are compiled once, the others once for each revision under names of their own, so
 * that the facts of a record are changed and matched once for both. Each revision's findings are read
 * through its {@link SessionSide}. The rules it runs are compiled by {@link IncrementalRules}.
 *
 * <p>A pooled session ({@link IncrementalRules#openPooled}) serves a server's decisions, dated records' replays
 * and packages' trials: its records may not count (a party left out, a facility dismantled before), its facts
 * change lazily ({@link ReplayFacts}), and it is kept from one request to the next, taken back to the empty
 * record.
 */
public final class IncrementalSession implements AutoCloseable {
  private final IncrementalRules rules;
  private final boolean pooled;
  /** Records added that do not count, which only a pooled session adds: taken away when it is taken back. */
  private final List<FactHandle> uncounted = new ArrayList<>();
  /** Whether a firing reached a limit, failed or was abandoned: the session is then not used again. */
  private boolean spent;
  /** The firings and matches of every firing since the session was made ({@link #withinFreshLimits}). */
  private long firedInLife;
  private long matchedInLife;
  /** The steps whose {@link Recorded}, {@link Done} and {@link Open} some rule can match, and the kinds whose {@link Tally}. */
  private final Set<String> readsRecorded;
  private final Set<String> readsDone;
  private final Set<String> readsOpen;
  private final Set<String> readsTally;
  /** The same, together. */
  private final StepReads reads;
  private final RuleSet[] ruleSets;
  private final boolean paired;
  private final Catalog catalog;
  private final KieSession session;
  private final Map<String, Deque<FactHandle[]>> records = new HashMap<>();
  private final Map<String, FactHandle> open = new HashMap<>();
  private final Map<String, FactHandle> tallies = new HashMap<>();
  private final Map<String, Integer> tallyCounts = new HashMap<>();
  private final Map<String, Integer> counts = new HashMap<>();
  private final SessionSide[] sides;
  private final SessionListener listener;
  /** A pooled session's facts, changed lazily; {@code null} in another. */
  private final ReplayFacts lazy;
  /** What keeps each {@link #fireAsDecision} within a decision's limits: made at the first, started afresh at each. */
  private Findings limits;
  private RuleSet failedIn;

  IncrementalSession(IncrementalRules rules, FindingIds ids, boolean ownLimits) {
    this.ruleSets = rules.ruleSets;
    this.paired = ruleSets.length == 2;
    this.catalog = ruleSets[ruleSets.length - 1].catalog();
    this.rules = rules;
    this.pooled = !ownLimits;
    this.session = rules.kieBase.newKieSession();
    this.sides = new SessionSide[ruleSets.length];
    for (int i = 0; i < sides.length; i++) {
      sides[i] = new SessionSide(ruleSets[i], ids, pooled ? session : null);
    }
    this.listener = new SessionListener(session, sides, ids);
    if (ownLimits) {
      // A pooled session reads its findings from the session when asked ({@link SessionSide#fired}), rather than
      // hear of every fact it adds, changes or takes away: most of what changes there is the record.
      session.addEventListener((RuleRuntimeEventListener) listener);
      session.addEventListener((org.kie.api.event.rule.AgendaEventListener) listener);
    }
    this.reads = StepReads.of(rules.reads, catalog);
    this.readsRecorded = rules.reads.read("Recorded", catalog);
    this.readsDone = rules.reads.read("Done", catalog);
    this.readsOpen = rules.reads.read("Open", catalog);
    this.readsTally = reads.tally();
    for (String kind : catalog.kinds()) {
      tallies.put(kind, readsTally.contains(kind) ? session.insert(new Tally(kind, 0)) : null);
      tallyCounts.put(kind, 0);
    }
    for (Step step : catalog.steps()) {
      open.put(step.id(), readsOpen.contains(step.id()) ? session.insert(new Open(step.id(), step.kind())) : null);
      records.put(step.id(), new ArrayDeque<>());
    }
    this.lazy = pooled ? new ReplayFacts(session, catalog, reads, tallies, open) : null;
  }

  /** The findings of the revision {@code i} (0, or 0 and 1 in a paired session: before and after the edit). */
  public SessionSide side(int i) {
    return sides[i];
  }

  /** How many counted records of the step the session holds. */
  public int count(String step) {
    if (lazy != null) {
      return lazy.count(step);
    }
    return counts.getOrDefault(step, 0);
  }

  /** Adds a counted record of the step (in force, by its default parties); a step the catalog lacks is ignored. */
  public void add(String step) {
    add(step, true);
  }

  /**
   * Adds a record of the step in force, as {@link RuleSet#fire} is given it: counted, or seen by the rules but
   * not counted (a party left out, a facility dismantled before); a step the catalog lacks is ignored. A record
   * that does not count is never taken away by {@link #remove}.
   */
  public void add(String step, boolean counted) {
    add(step, counted, org.peacepath.catalog.RecordStatus.IN_FORCE.wire());
  }

  /**
   * Adds a record of the step with its status (as the record's {@code status} is written), counted or not,
   * as {@link RuleSet#fire} is given it; a record counts only in force.
   */
  public void add(String step, boolean counted, String status) {
    if (!catalog.contains(step)) {
      return;
    }
    Step s = catalog.get(step);
    if (!counted) {
      if (readsRecorded.contains(step)) {
        uncounted.add(session.insert(new Recorded(s.id(), s.kind(), status, false)));
      }
      return;
    }
    if (lazy != null) {
      lazy.count(s, +1);
      return;
    }
    FactHandle recorded = readsRecorded.contains(step) ? session.insert(new Recorded(s.id(), s.kind(), org.peacepath.catalog.RecordStatus.IN_FORCE.wire(), true)) : null;
    FactHandle done = readsDone.contains(step) ? session.insert(new Done(s.id(), s.kind())) : null;
    records.get(step).push(new FactHandle[] {recorded, done});
    int count = counts.merge(step, 1, Integer::sum);
    tally(s.kind(), +1);
    if (!s.repeatable() && count == 1) {
      delete(open.remove(step));
    }
  }

  /** Takes away the last counted record of the step added; a step the catalog lacks, or with none, is ignored. */
  public void remove(String step) {
    if (!catalog.contains(step) || count(step) == 0) {
      return;
    }
    Step s = catalog.get(step);
    if (lazy != null) {
      lazy.count(s, -1);
      return;
    }
    FactHandle[] handles = records.get(step).pop();
    delete(handles[1]);
    delete(handles[0]);
    int count = counts.merge(step, -1, Integer::sum);
    tally(s.kind(), -1);
    if (!s.repeatable() && count == 0) {
      open.put(step, readsOpen.contains(step) ? session.insert(new Open(s.id(), s.kind())) : null);
    }
  }

  /**
   * Takes away the record of the step added last, counted or not: a replay, having added a record's records
   * in date order, takes them away again from the last, and so ends holding the empty record.
   */
  public void removeLast(String step, boolean counted) {
    if (counted) {
      remove(step);
    } else if (readsRecorded.contains(step) && !uncounted.isEmpty()) {
      session.delete(uncounted.remove(uncounted.size() - 1));
    }
  }

  private void delete(FactHandle handle) {
    if (handle != null) {
      session.delete(handle);
    }
  }


  private void tally(String kind, int by) {
    int count = tallyCounts.merge(kind, by, Integer::sum);
    if (readsTally.contains(kind)) {
      session.update(tallies.get(kind), new Tally(kind, count));
    }
  }

  /**
   * Fires the rules over what changed since the last firing; throws {@link RuleFailureException} when a rule
   * will not stop firing or fails, as {@link RuleSet#fire} would, naming the revision whose rule it is. The
   * session is of no further use then.
   */
  public void fire() {
    listener.start();
    try {
      session.fireAllRules(RuleSet.MAX_FIRINGS);
    } catch (ConsequenceException e) {
      String rule = e.getMatch() == null ? "?" : e.getMatch().getRule().getName();
      failedIn = ruleSetOf(rule);
      throw RuleFailureException.failed(failedIn.name(), unprefixed(rule), where(rule), e);
    } catch (RuntimeException | StackOverflowError e) {
      String rule = listener.firing;
      if (rule == null) {
        throw e;
      }
      failedIn = ruleSetOf(rule);
      throw RuleFailureException.failed(failedIn.name(), unprefixed(rule), where(rule), e);
    }
    if (listener.runaway != null) {
      String rule = listener.runaway;
      failedIn = ruleSetOf(rule);
      throw RuleFailureException.runaway(failedIn.name(), unprefixed(rule), where(rule),
          RuleSet.MAX_FIRINGS + " firings or " + RuleSet.MAX_NANOS / 1_000_000_000L + " s");
    }
  }

  /**
   * Fires the rules over what changed since the last firing within the limits {@link RuleSet#fire} keeps to a
   * decision ({@link RuleSet#MAX_FIRINGS} firings, {@link RuleSet#MAX_MATCHES} matches, {@link RuleSet#MAX_NANOS}
   * and what is left of the answer's {@link DecisionBudget}), watched as it watches one. False when a limit
   * was reached or a rule failed, and the session is then of no further use: the caller decides afresh, where
   * the failure is reported as a decision reports it. Throws {@link DecisionAbandonedException} once the
   * client has gone.
   */
  public boolean fireAsDecision() {
    agree(null);
    return fireWithinLimits();
  }

  /**
   * Brings a pooled session's facts that {@code reads} names (all of them for {@code null}) into line with the
   * record it holds, before a firing; nothing in another session. Facts left half brought into line, by a
   * failure part of the way, leave the session spent.
   */
  private void agree(StepReads reads) {
    if (lazy != null) {
      spent = true;
      lazy.agree(reads);
      spent = false;
    }
  }

  /**
   * Whether a fresh session given the record this one holds would surely stay within {@link RuleSet#MAX_FIRINGS}
   * firings and {@link RuleSet#MAX_MATCHES} matches, as a decision must: each match the record has now was made,
   * and fired once, by some firing of this session, so this session's firings and matches since it was made
   * bound a fresh session's. Once they pass a limit this cannot be told, and the session is no longer kept:
   * its successor starts from nothing.
   */
  public boolean withinFreshLimits() {
    if (firedInLife <= RuleSet.MAX_FIRINGS && matchedInLife <= RuleSet.MAX_MATCHES) {
      return true;
    }
    spent = true;
    return false;
  }

  private boolean fireWithinLimits() {
    DecisionBudget budget = DecisionBudget.current();
    long now = System.nanoTime();
    long deadline = now + RuleSet.MAX_NANOS;
    if (budget != null) {
      if (budget.abandoned()) {
        throw new DecisionAbandonedException(ruleSets[0].name());
      }
      if (budget.deadline() - now <= 0) {
        spent = true;
        return false;
      }
      deadline = budget.deadline() - deadline < 0 ? budget.deadline() : deadline;
    }
    if (limits == null) {
      limits = new Findings(session, RuleSet.MAX_FIRINGS, RuleSet.MAX_MATCHES, deadline, budget);
      session.addEventListener((org.kie.api.event.rule.AgendaEventListener) limits);
    } else {
      limits.restart(deadline, budget);
    }
    Watchdog.Slot slot = Watchdog.watch(session, deadline, budget);
    Watchdog.Seen seen = Watchdog.Seen.NOTHING;
    spent = true; // until the firing ends well
    try {
      session.fireAllRules(RuleSet.MAX_FIRINGS);
    } catch (RuntimeException | StackOverflowError e) {
      return false;
    } finally {
      seen = Watchdog.release(slot);
    }
    if (limits.reached() == Findings.Limit.ABANDONED || seen.abandoned()) {
      throw new DecisionAbandonedException(ruleSets[0].name());
    }
    firedInLife += limits.firings();
    matchedInLife += limits.matches();
    spent = limits.reached() != null || seen.timedOut();
    return !spent;
  }

  /**
   * {@link #fireAsDecision}, for what blocks one step alone: only the rules that can block it are evaluated
   * (and those whose blocked steps cannot be told), so the findings on that step are as a full firing would
   * leave them, and those on other steps may lag until a firing for them. True, without firing, when no
   * rule can block the step.
   */
  public boolean fireAsDecisionFor(String step) {
    Map<String, String[]> groups = rules.groupsByStep;
    if (groups == null) {
      return fireAsDecision();
    }
    if (!rules.mayBlock(step)) {
      return true;
    }
    agree(rules.readsForStep == null ? null : rules.readsForStep.get(step));
    String[] blocking = groups.getOrDefault(step, IncrementalRules.NO_GROUPS);
    for (String group : blocking) {
      session.getAgenda().getAgendaGroup(group).setFocus();
    }
    return fireWithinLimits();
  }

  /** How many times rules fired in the last {@link #fire}. */
  public int firings() {
    return listener.firings;
  }

  /** The revision whose rule failed in the last {@link #fire}, or {@code null}. */
  public RuleSet failedIn() {
    return failedIn;
  }

  /** The revision whose rule {@code rule} (as the session names it) is: before the edit only for its own rules. */
  private RuleSet ruleSetOf(String rule) {
    return paired && rule.startsWith(IncrementalRules.BEFORE) ? ruleSets[0] : ruleSets[ruleSets.length - 1];
  }

  /** The rule's own name, as its revision names it. */
  private static String unprefixed(String rule) {
    String before = IncrementalRules.BEFORE;
    String after = IncrementalRules.AFTER;
    return rule.startsWith(before) ? rule.substring(before.length())
        : rule.startsWith(after) ? rule.substring(after.length()) : rule;
  }

  private String where(String rule) {
    return ruleSetOf(rule).rule(unprefixed(rule)).map(RuleInfo::where).orElse("");
  }

  /**
   * Ends the session. A pooled session ({@link IncrementalRules#openPooled}) whose firings all ended well is
   * taken back to the empty record (its facts brought into line, and its rules fired again, by the next user,
   * on that user's budget) and kept for the next, holding nothing of the request that used it.
   */
  @Override
  public void close() {
    if (pooled && !spent) {
      for (Step step : catalog.steps()) {
        for (int n = count(step.id()); n > 0; n--) {
          remove(step.id());
        }
      }
      uncounted.forEach(session::delete);
      uncounted.clear();
      if (limits != null) {
        limits.release();
      }
      if (rules.keep(this)) {
        return;
      }
    }
    session.dispose();
  }
}
