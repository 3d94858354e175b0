package org.peacepath.decide;

import java.util.ArrayList;
import java.util.List;
import org.peacepath.rules.RuleSet;

/**
 * Replays a dated record in date order to find where history departed from the rules: each record is
 * judged in the record of those before it, each taken as in force when it was made, and is irregular
 * when a firm rule blocked its step then. Records of the same date, or whose dates cannot be told apart
 * (a year and a month of that year), keep the request's order.
 */
public final class Replay {
  private Replay() {}

  /** The irregular records, in the request's order. */
  public static List<Decision.Irregular> irregular(RuleSet ruleSet, List<RecordedStep> recorded) {
    List<Integer> order = dateOrder(recorded);
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
