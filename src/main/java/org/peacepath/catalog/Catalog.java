package org.peacepath.catalog;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The steps of the peace process in catalog order, the order every answer lists them in, and the
 * vocabulary of kinds they are sorted into: both as {@code catalog.yaml} writes them, and nowhere else.
 */
public final class Catalog {
  private final List<String> kinds;
  private final String facilityKind;
  private final List<Step> steps;
  private final Map<String, Step> byId;
  private final Map<String, Integer> order;

  /**
   * A catalog of these steps.
   *
   * @param kinds the kinds a step may be of, so that a rule can say "an interim agreement" once
   * @param facilityKind the kind whose records name a facility (a dismantlement), one of {@code kinds}
   * @param steps the steps, in catalog order
   */
  public Catalog(List<String> kinds, String facilityKind, List<Step> steps) {
    this.kinds = List.copyOf(kinds);
    if (!this.kinds.contains(facilityKind)) {
      throw new IllegalArgumentException("the facility kind " + facilityKind + " is not one of the kinds");
    }
    this.facilityKind = facilityKind;
    this.steps = List.copyOf(steps);
    Map<String, Step> ids = new LinkedHashMap<>();
    Map<String, Integer> positions = new LinkedHashMap<>();
    for (Step step : this.steps) {
      if (ids.putIfAbsent(step.id(), step) != null) {
        throw new IllegalArgumentException("step id " + step.id() + " is listed twice");
      }
      positions.put(step.id(), positions.size());
    }
    // Hash maps rather than Map.copyOf's: a decision looks steps up a few hundred times, and a hash map's
    // lookup (a mask) is cheaper than the probe of Map.copyOf's table (a division), by a profile under load.
    this.byId = java.util.Collections.unmodifiableMap(new java.util.HashMap<>(ids));
    this.order = java.util.Collections.unmodifiableMap(new java.util.HashMap<>(positions));
  }

  /** The kinds a step may be of, as the catalog lists them. */
  public List<String> kinds() {
    return kinds;
  }

  /** The kind whose records name a facility: the dismantlement of a nuclear or missile facility. */
  public String facilityKind() {
    return facilityKind;
  }

  /** Whether records of this step name a facility, and count once per facility. */
  public boolean namesFacility(Step step) {
    return step.kind().equals(facilityKind);
  }

  /** Every step, in catalog order. */
  public List<Step> steps() {
    return steps;
  }

  /** The step with this id; the caller has checked that it exists. */
  public Step get(String id) {
    Step step = byId.get(id);
    if (step == null) {
      throw new IllegalArgumentException("no step " + id + " in the catalog");
    }
    return step;
  }

  /** The step with this id, or {@code null} when the catalog has none. */
  public Step find(String id) {
    return byId.get(id);
  }

  public boolean contains(String id) {
    return byId.containsKey(id);
  }

  /** The step's position in catalog order. */
  public int position(String id) {
    return order.getOrDefault(id, Integer.MAX_VALUE);
  }

  /** Orders step ids as the catalog lists them. */
  public Comparator<String> idOrder() {
    return Comparator.comparingInt(this::position);
  }

  /** The known id an unknown one is a slip of, if any, for "did you mean" messages. */
  public java.util.Optional<String> suggest(String unknown) {
    return Spelling.suggest(unknown, steps.stream().map(Step::id).toList());
  }
}
