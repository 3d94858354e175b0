package org.peacepath.decide;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.peacepath.catalog.Step;
import org.peacepath.decide.Decision.RecordVerdict;
import org.peacepath.decide.Decision.StepStatus;
import org.peacepath.rules.RuleInfo;
import org.peacepath.rules.RuleSet;

/**
 * Says, once, what every client shows of a decision: each catalog step's one status and why, and each
 * record's verdict and place in date order. A page, a scenario or a briefing reads these; none derives them.
 */
public final class Verdicts {
  /** A record that counts. */
  public static final String COUNTS = "counts";
  /** A record that does not count. */
  public static final String NOT_COUNTED = "not-counted";
  /** A record that counts but was taken while a firm rule blocked it, in the replay in date order. */
  public static final String OUT_OF_ORDER = "out-of-order";
  /** The words of {@link RecordVerdict#verdict()}. */
  public static final List<String> VERDICTS = List.of(COUNTS, NOT_COUNTED, OUT_OF_ORDER);

  private static final String OPEN = "No firm rule blocks it";
  /** What most steps and records say, made once rather than again for every decision. */
  private static final String OPEN_SAID = OPEN + ".";
  private static final String COUNTS_SAID = "It counts.";

  private Verdicts() {}

  /** The decision with its steps and records, for the record it answers. */
  public static Decision attach(RuleSet ruleSet, List<RecordedStep> recorded, Decision decision) {
    return attach(ruleSet, recorded, decision, Replay.datedOrder(recorded));
  }

  /** The same, given the records' places in date order ({@link Replay#datedOrder}, {@code null} unless all are dated). */
  static Decision attach(RuleSet ruleSet, List<RecordedStep> recorded, Decision decision, List<Integer> order) {
    List<StepStatus> steps = steps(ruleSet, recorded, decision);
    return decision.withVerdicts(steps, records(ruleSet, recorded, decision, order), nextMove(decision, steps));
  }

  /**
   * The next move with no goal chosen: of the unlocked steps, the one the most cautions recommend (the
   * first in catalog order among equals), or else the first unlocked step; {@code null} when none is.
   */
  static Decision.NextMove nextMove(Decision decision, List<StepStatus> steps) {
    Map<String, Integer> named = new HashMap<>();
    for (Decision.Unlocked open : decision.unlocked()) {
      countRecommended(open.cautions(), named);
    }
    for (Decision.BlockedStep held : decision.blocked()) {
      countRecommended(held.cautions(), named);
    }
    String first = null;
    String best = null;
    for (StepStatus step : steps) {
      if (!step.status().equals(Decision.UNLOCKED)) {
        continue;
      }
      first = first == null ? step.id() : first;
      if (named.containsKey(step.id()) && (best == null || named.get(step.id()) > named.get(best))) {
        best = step.id();
      }
    }
    if (best != null) {
      int n = named.get(best);
      return new Decision.NextMove(List.of(best), "advice recommends it first for " + n + (n == 1 ? " step" : " steps"));
    }
    return first == null ? null : new Decision.NextMove(List.of(first), "the first step open now");
  }

  private static void countRecommended(List<Decision.Caution> cautions, Map<String, Integer> named) {
    for (Decision.Caution caution : cautions) {
      for (String id : caution.recommends()) {
        named.merge(id, 1, Integer::sum);
      }
    }
  }

  /** Every catalog step's status and why, in catalog order. */
  static List<StepStatus> steps(RuleSet ruleSet, List<RecordedStep> recorded, Decision decision) {
    Map<String, List<Integer>> counted = new HashMap<>();
    java.util.Set<Integer> notCounted = new java.util.HashSet<>();
    decision.notCounted().forEach(n -> notCounted.add(n.index()));
    for (int i = 0; i < recorded.size(); i++) {
      if (!notCounted.contains(i)) {
        counted.computeIfAbsent(recorded.get(i).step(), s -> new ArrayList<>()).add(i);
      }
    }
    Map<String, Decision.Unlocked> unlocked = new HashMap<>();
    decision.unlocked().forEach(u -> unlocked.put(u.id(), u));
    Map<String, Decision.BlockedStep> blocked = new HashMap<>();
    decision.blocked().forEach(b -> blocked.put(b.id(), b));
    List<StepStatus> steps = new ArrayList<>();
    for (Step step : ruleSet.catalog().steps()) {
      String id = step.id();
      List<Integer> records = counted.getOrDefault(id, List.of());
      Integer times = step.repeatable() && !records.isEmpty() ? records.size() : null;
      Decision.Unlocked open = unlocked.get(id);
      Decision.BlockedStep held = blocked.get(id);
      String status = Decision.status(open != null, held != null, !records.isEmpty());
      String taken = records.isEmpty() ? null
          : "Taken " + (records.size() == 1 ? "once" : records.size() + " times") + " (" + places(records) + ")";
      String why = switch (status) {
        case Decision.UNLOCKED -> taken == null && open.cautions().isEmpty() ? OPEN_SAID
            : (taken == null ? OPEN : taken + "; no firm rule blocks taking it again") + cautions(open.cautions());
        case Decision.BLOCKED -> (taken == null ? "Blocked: " : taken + "; blocked: ") + reasons(held.reasons())
            + cautions(held.cautions());
        default -> "Taken, and it counts (" + places(records) + ")";
      };
      steps.add(new StepStatus(id, status, ended(why), times, next(step, recorded)));
    }
    return steps;
  }

  /**
   * What to do with the step next: a step that may be in force once is mended when a record of it is in
   * force (taking it again would be refused as repeated_step), taken again when its records are all
   * suspended or revoked, and taken when it has none; a repeatable step is always taken.
   */
  static Decision.Next next(Step step, List<RecordedStep> recorded) {
    boolean seen = false;
    for (int i = 0; i < recorded.size() && !step.repeatable(); i++) {
      RecordedStep record = recorded.get(i);
      if (record.step().equals(step.id())) {
        if (record.status() == org.peacepath.catalog.RecordStatus.IN_FORCE) {
          return new Decision.Next(Decision.Next.MEND, i);
        }
        seen = true;
      }
    }
    return new Decision.Next(seen ? Decision.Next.TAKE_AGAIN : Decision.Next.TAKE, null);
  }

  /** Every record's verdict, why, and place in date order (when every record has a date), in the request's order. */
  static List<RecordVerdict> records(RuleSet ruleSet, List<RecordedStep> recorded, Decision decision,
      List<Integer> order) {
    Map<Integer, String> notCounted = new HashMap<>();
    decision.notCounted().forEach(n -> notCounted.put(n.index(), n.reason()));
    Map<Integer, List<String>> irregular = new HashMap<>();
    if (decision.irregular() != null) {
      decision.irregular().forEach(r -> irregular.put(r.index(), r.ruleIds()));
    }
    Integer[] places = new Integer[recorded.size()];
    for (int place = 0; order != null && place < order.size(); place++) {
      places[order.get(place)] = place;
    }
    List<RecordVerdict> verdicts = new ArrayList<>();
    for (int i = 0; i < recorded.size(); i++) {
      List<String> ruleIds = irregular.getOrDefault(i, List.of());
      String held = ruleIds.isEmpty() ? "" : "taken while a firm rule blocked it: " + String.join("; ",
          ruleIds.stream().map(id -> ruleSet.ruleById(id).map(RuleInfo::name).orElse(id)).toList());
      String verdict;
      String why;
      if (notCounted.containsKey(i)) {
        verdict = NOT_COUNTED;
        why = sentence("It does not count: " + notCounted.get(i) + (held.isEmpty() ? "" : "; it was also " + held));
      } else if (!ruleIds.isEmpty()) {
        verdict = OUT_OF_ORDER;
        why = sentence("It counts, but it was " + held);
      } else {
        verdict = COUNTS;
        why = COUNTS_SAID;
      }
      verdicts.add(new RecordVerdict(i, recorded.get(i).step(), verdict, why, ruleIds, places[i]));
    }
    return verdicts;
  }

  private static String reasons(List<Decision.Reason> reasons) {
    if (reasons.size() == 1) {
      return reasons.get(0).reason();
    }
    StringBuilder said = new StringBuilder();
    for (Decision.Reason reason : reasons) {
      said.append(said.length() == 0 ? "" : " ").append(reason.reason());
    }
    return said.toString();
  }

  private static String cautions(List<Decision.Caution> cautions) {
    if (cautions.isEmpty()) {
      return "";
    }
    StringBuilder said = new StringBuilder("; advice:");
    for (Decision.Caution caution : cautions) {
      said.append(' ').append(caution.reason());
    }
    return said.toString();
  }

  /** "completed[0]", "completed[0] and completed[3]". */
  private static String places(List<Integer> records) {
    StringBuilder said = new StringBuilder();
    for (int i = 0; i < records.size(); i++) {
      said.append(i == 0 ? "" : i == records.size() - 1 ? " and " : ", ").append("completed[").append(records.get(i))
          .append(']');
    }
    return said.toString();
  }

  /** The sentence with its full stop, unless it has one. */
  private static String ended(String text) {
    char last = text.charAt(text.length() - 1);
    return last == '.' || last == '?' || last == '!' ? text : text + ".";
  }

  /** The text with a capital first letter and a full stop at the end. */
  private static String sentence(String text) {
    String trimmed = text.strip();
    String capital = Character.toUpperCase(trimmed.charAt(0)) + trimmed.substring(1);
    return capital.endsWith(".") || capital.endsWith("?") || capital.endsWith("!") ? capital : capital + ".";
  }
}
