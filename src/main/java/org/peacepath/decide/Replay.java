package org.peacepath.decide;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.peacepath.catalog.Catalog;
import org.peacepath.facts.Blocked;
import org.peacepath.rules.BackgroundCompile;
import org.peacepath.rules.Fired;
import org.peacepath.rules.FirmRules;
import org.peacepath.rules.IncrementalRules;
import org.peacepath.rules.IncrementalSession;
import org.peacepath.rules.ReplayAnswers;
import org.peacepath.rules.RuleSet;
import org.peacepath.rules.RuleSetException;
import org.peacepath.rules.RuleSets;

/**
 * Replays a dated record in date order to find where history departed from the rules: each record is
 * judged in the record of those before it, each taken as in force when it was made, and is irregular
 * when a firm rule blocked its step then. Records of the same date, or whose dates cannot be told apart
 * (a year and a month of that year), keep the request's order.
 *
 * <p>The replay runs in one Drools session that lives through it, holding each prefix of the record in turn
 * (in date order) with the rules fired over it, and what holds the next record's step back is read as it
 * stands, so that ten records cost about two decisions, not ten. That session runs the rule set's copy for incremental
 * sessions ({@link IncrementalSession}), whose findings go when their match goes. Until that copy is
 * compiled ({@link #prepare}, in the background), and whenever the session reaches a limit or a rule fails
 * in it, each record is judged in a decision of its own as before, which also reports the failure as a
 * decision does; the two give the same answer.
 *
 * <p>A record's answer depends on the records before it alone, so what a replay in one session finds is
 * kept with the firm rules ({@link ReplayAnswers}), and a record sent again, or with its first records as
 * before, is replayed in the session only from the first record that differs.
 */
public final class Replay {
  private Replay() {}

  /**
   * Has each served rule set's copies for incremental sessions compiled in the background, now and after
   * every reload: its firm rules, so that dated records are replayed in one session, and all its rules, so
   * that records are decided in pooled sessions ({@link Evaluator}) and packages tried in one.
   */
  public static void prepare(RuleSets ruleSets) {
    BackgroundCompile.prepareWhenAsked();
    Runnable prepareAll = () -> ruleSets.all().forEach(ruleSet -> {
      BackgroundCompile.prepareFirmRules(ruleSet);
      BackgroundCompile.compiledOrPrepared(ruleSet);
    });
    prepareAll.run();
    ruleSets.onReload(outcomes -> prepareAll.run());
  }

  /**
   * Compiles each served rule set's copies for incremental sessions now, on this thread: what {@link #prepare}
   * has a server compile in the background, for the benchmarks that measure a server's paths without one.
   */
  public static void prepareNow(RuleSets ruleSets) throws RuleSetException {
    for (RuleSet ruleSet : ruleSets.all()) {
      FirmRules.of(ruleSet);
      IncrementalRules.compile(ruleSet);
    }
  }

  /** The irregular records, in the request's order. */
  public static List<Decision.Irregular> irregular(RuleSet ruleSet, List<RecordedStep> recorded) {
    return irregular(ruleSet, recorded, null);
  }

  /**
   * The irregular records, in the request's order, given how the records count in the request's order (or
   * {@code null}): when that is also their date order and every record is in force, it is how the replay
   * counts them too, and is not worked out again.
   */
  public static List<Decision.Irregular> irregular(RuleSet ruleSet, List<RecordedStep> recorded, Counting counting) {
    return irregular(ruleSet, recorded, dateOrder(recorded), counting);
  }

  /** The same, given the records' places in date order ({@link #dateOrder}). */
  static List<Decision.Irregular> irregular(RuleSet ruleSet, List<RecordedStep> recorded, List<Integer> order,
      Counting counting) {
    IncrementalRules rules = FirmRules.ifCompiled(ruleSet);
    if (rules != null) {
      List<Decision.Irregular> found = inOneSession(ruleSet, rules, recorded, order, counting);
      if (found != null) {
        return found;
      }
    }
    return decisionByDecision(ruleSet, recorded, order);
  }

  /**
   * The replay in one session; {@code null} when the session reached a limit or a rule failed in it. The
   * records go in all at once and come out again from the last, the rules fired after each is taken away:
   * so the session holds each prefix of the record in turn, the longest first, and ends holding the empty
   * record, ready for the next replay as it was for this one. The session changes its facts only before a
   * firing, and only those the rules about to fire can match, so a record whose facts no later firing reads
   * costs nothing in Drools. The records whose answers the replays before found ({@link ReplayAnswers}) are
   * not judged again: the walk stops at the first record after them, and what it finds is kept for the next.
   */
  static List<Decision.Irregular> inOneSession(RuleSet ruleSet, IncrementalRules rules,
      List<RecordedStep> recorded, List<Integer> order) {
    return inOneSession(ruleSet, rules, recorded, order, null);
  }

  private static List<Decision.Irregular> inOneSession(RuleSet ruleSet, IncrementalRules rules,
      List<RecordedStep> recorded, List<Integer> order, Counting asRequested) {
    Catalog catalog = ruleSet.catalog();
    int n = order.size();
    String[] steps = new String[n];
    boolean asDated = asRequested != null;
    for (int k = 0; k < n; k++) {
      RecordedStep record = recorded.get(order.get(k));
      asDated &= order.get(k) == k && record.status() == org.peacepath.catalog.RecordStatus.IN_FORCE;
      steps[k] = record.step();
    }
    // Whether a record counts depends only on the records before it, so one counting serves every prefix.
    List<Boolean> counts = (asDated ? asRequested
        : Counting.of(catalog, order.stream().map(index -> recorded.get(index).inForce()).toList())).counted();
    // What the replays before this one found for the same first records is known already: only the records
    // from the first that differs are judged in the session, and a record found whole is not judged at all.
    ReplayAnswers.Place place = rules.replayAnswers().start();
    List<String>[] blockedBy = blockedBy(n);
    int known = 0;
    for (ReplayAnswers.Place next; known < n; known++, place = next) {
      next = place.after(steps[known], counts.get(known));
      if (next == null || next.blockedBy() == null) {
        break;
      }
      blockedBy[known] = next.blockedBy();
    }
    if (known < n) {
      // Whether the record's step is asked about: some firm rule may block it, and it is not counted before or
      // may be taken again (as a decision tells it: a step counted already and not repeatable is not blocked,
      // whatever is found on it). A record is judged against the records before it, so the records after the
      // last one asked about are never added.
      boolean[] asked = new boolean[n];
      int last = -1;
      Map<String, Integer> counted = new HashMap<>();
      for (int k = 0; k < n; k++) {
        String step = steps[k];
        asked[k] = (catalog.get(step).repeatable() || !counted.containsKey(step)) && rules.mayBlock(step);
        last = asked[k] ? k : last;
        if (counts.get(k)) {
          counted.merge(step, 1, Integer::sum);
        }
      }
      java.util.Arrays.fill(blockedBy, known, n, List.of());
      if (known <= last) {
        try (IncrementalSession session = rules.openPooled()) {
          for (int k = 0; k < last; k++) {
            session.add(steps[k], counts.get(k));
          }
          for (int k = last; k >= known; k--) {
            String step = steps[k];
            if (k < last) {
              session.removeLast(step, counts.get(k));
            }
            if (asked[k]) {
              if (!session.fireAsDecisionFor(step)) {
                return null;
              }
              blockedBy[k] = blockingRules(ruleSet, session.side(0).fired(Set.of(step)));
            }
          }
        }
      }
      // The records after the last asked about are kept too, blocked by nothing, so that a record sent with them
      // and more after them is found kept up to those.
      for (int k = known; k < n; k++) {
        place = place.remember(steps[k], counts.get(k), blockedBy[k]);
      }
    }
    List<Decision.Irregular> found = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      if (!blockedBy[k].isEmpty()) {
        int index = order.get(k);
        found.add(new Decision.Irregular(index, steps[k], recorded.get(index).date(), blockedBy[k]));
      }
    }
    found.sort(Comparator.comparingInt(Decision.Irregular::index));
    return List.copyOf(found);
  }

  @SuppressWarnings("unchecked")
  private static List<String>[] blockedBy(int n) {
    return (List<String>[]) new List<?>[n];
  }

  /**
   * The ids of the rules whose findings block the step, in the order a decision lists its reasons: by rule
   * as the files list them, a rule's several reasons by their text (which, ids being kept once, leaves the
   * rules' order).
   */
  private static List<String> blockingRules(RuleSet ruleSet, Fired findings) {
    if (findings.blocks().isEmpty()) {
      return List.of(); // as for most records: no stream nor sort made for nothing
    }
    List<Fired.Found<Blocked>> blocks = new ArrayList<>(findings.blocks());
    Comparator<String> byRule = ruleSet.ruleOrder();
    blocks.sort((a, b) -> {
      int rule = byRule.compare(a.rule(), b.rule());
      return rule != 0 ? rule : a.fact().reason().compareTo(b.fact().reason());
    });
    Set<String> ids = new java.util.LinkedHashSet<>();
    for (Fired.Found<Blocked> found : blocks) {
      ids.add(Evaluator.info(ruleSet, found.rule()).id());
    }
    return List.copyOf(ids);
  }

  /** The replay with a decision of its own for each record: what the record before it decides. */
  static List<Decision.Irregular> decisionByDecision(RuleSet ruleSet, List<RecordedStep> recorded,
      List<Integer> order) {
    List<Decision.Irregular> found = new ArrayList<>();
    List<RecordedStep> before = new ArrayList<>();
    for (int index : order) {
      RecordedStep record = recorded.get(index);
      Decision decision = Evaluator.decide(ruleSet, before);
      decision.blocked().stream().filter(b -> b.id().equals(record.step())).findFirst().ifPresent(blocked ->
          found.add(new Decision.Irregular(index, record.step(), record.date(),
              blocked.reasons().stream().map(Decision.Reason::ruleId).distinct().toList())));
      before.add(record.inForce());
    }
    found.sort((a, b) -> Integer.compare(a.index(), b.index()));
    return List.copyOf(found);
  }

  /** {@link #dateOrder} when every record has a date and there is one at least; else {@code null}, and no replay. */
  static List<Integer> datedOrder(List<RecordedStep> recorded) {
    for (RecordedStep record : recorded) {
      if (record.date() == null) {
        return null;
      }
    }
    return recorded.isEmpty() ? null : dateOrder(recorded);
  }

  /**
   * The records' places in date order: each record goes after every earlier-listed record that is not
   * surely later than it, so equal and coarser dates keep the request's order.
   */
  static List<Integer> dateOrder(List<RecordedStep> recorded) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < recorded.size(); i++) {
      RecordDate date = recorded.get(i).date();
      int at = order.size();
      while (at > 0 && date.before(recorded.get(order.get(at - 1)).date())) {
        at--;
      }
      order.add(at, i);
    }
    return order;
  }
}
