package org.peacepath.decide;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.peacepath.catalog.Catalog;
import org.peacepath.catalog.Party;
import org.peacepath.catalog.Step;

/**
 * Which records of a negotiation count. A record counts when it is in force, every party the step
 * needs took part, at least one of its "at least one of" parties took part, and, for a dismantlement,
 * its facility was not counted before. The rules treat a record that does not count as not done.
 *
 * @param counts how many counted records each step has, by id, in catalog order
 * @param counted for each record, whether it counts
 * @param notCounted the records that do not count, with the reason in words
 */
public record Counting(Map<String, Integer> counts, List<Boolean> counted, List<Decision.NotCounted> notCounted) {

  /** Counts the records against the catalog. */
  public static Counting of(Catalog catalog, List<RecordedStep> records) {
    Map<String, Integer> counts = new HashMap<>();
    List<Boolean> counted = new ArrayList<>(records.size());
    List<Decision.NotCounted> notCounted = new ArrayList<>();
    Map<String, Integer> facilities = new HashMap<>();
    Map<String, Integer> onceOnly = new HashMap<>();
    for (int i = 0; i < records.size(); i++) {
      RecordedStep record = records.get(i);
      Step step = catalog.get(record.step());
      String reason = reason(catalog, step, record, i, records, facilities, onceOnly);
      counted.add(reason == null);
      if (reason == null) {
        counts.merge(step.id(), 1, Integer::sum);
      } else {
        notCounted.add(new Decision.NotCounted(step.id(), i, reason));
      }
    }
    Map<String, Integer> ordered = new LinkedHashMap<>();
    for (Step step : catalog.steps()) {
      if (counts.containsKey(step.id())) {
        ordered.put(step.id(), counts.get(step.id()));
      }
    }
    return new Counting(ordered, counted, notCounted);
  }

  /** How many counted records the step has. */
  public int count(String step) {
    return counts.getOrDefault(step, 0);
  }

  /** Why the record does not count, or {@code null} when it does; notes the facility or step it counts for. */
  private static String reason(Catalog catalog, Step step, RecordedStep record, int index, List<RecordedStep> records,
      Map<String, Integer> facilities, Map<String, Integer> onceOnly) {
    if (record.status() != org.peacepath.catalog.RecordStatus.IN_FORCE) {
      return record.status().wire();
    }
    List<Party> took = record.parties() == null ? step.defaultParties() : record.parties();
    List<Party> missing = took.containsAll(step.parties()) ? List.of()
        : step.parties().stream().filter(p -> !took.contains(p)).toList();
    if (!missing.isEmpty()) {
      return names(missing, " and ") + " did not take part";
    }
    if (!step.atLeastOneOf().isEmpty() && step.atLeastOneOf().stream().noneMatch(took::contains)) {
      List<Party> any = step.atLeastOneOf();
      return any.size() == 1 ? any.get(0) + " did not take part"
          : (any.size() == 2 ? "neither " + any.get(0) + " nor " + any.get(1) : "none of " + names(any, " or "))
              + " took part";
    }
    if (catalog.namesFacility(step) && record.facility() != null) {
      Integer earlier = facilities.putIfAbsent(facilityKey(record.facility()), index);
      if (earlier != null) {
        return theFacility(records.get(earlier).facility()) + " was already dismantled (completed[" + earlier + "])";
      }
    }
    if (!step.repeatable()) {
      // Only a replay of history, where every record is taken as in force when it was made, meets this.
      Integer earlier = onceOnly.putIfAbsent(step.id(), index);
      if (earlier != null) {
        return step.phrase() + " already counts (completed[" + earlier + "])";
      }
    }
    return null;
  }

  /** A facility's name as compared: case aside, runs of spaces as one. */
  static String facilityKey(String facility) {
    return SPACES.matcher(facility.trim()).replaceAll(" ").toLowerCase(Locale.ROOT);
  }

  private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");

  /** "the Yongbyon 5 MW reactor", not "the the …". */
  private static String theFacility(String facility) {
    String name = SPACES.matcher(facility.trim()).replaceAll(" ");
    return name.toLowerCase(Locale.ROOT).startsWith("the ") ? name : "the " + name;
  }

  /** "ROK", "ROK and US", "US, ROK and PRC". */
  private static String names(List<Party> parties, String last) {
    List<String> codes = parties.stream().map(Party::name).toList();
    return codes.size() == 1 ? codes.get(0)
        : String.join(", ", codes.subList(0, codes.size() - 1)) + last + codes.get(codes.size() - 1);
  }
}
