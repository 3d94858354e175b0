package org.peacepath.diff;

import java.util.HashMap;
import java.util.Map;

/**
 * What one thread of a comparison ({@link DiffRun}) found: how many records decide differently, grouped by
 * the rule and by the step that differ, and the comparisons it remembers.
 */
final class DiffCount {
  /** How many records decide differently. */
  long different;
  final Map<String, DiffGroup> byRule = new HashMap<>();
  final Map<String, DiffGroup> byStep = new HashMap<>();
  final Map<DiffRun.Key, Delta> known = new HashMap<>();

  /** Counts a record whose answers differ by {@code delta}. */
  void count(Delta delta, int[] digits, DiffRun run) {
    different++;
    delta.rules().forEach(rule -> byRule.computeIfAbsent(rule, k -> new DiffGroup()).add(digits, run));
    delta.steps().forEach(step -> byStep.computeIfAbsent(step, k -> new DiffGroup()).add(digits, run));
  }

  /** Adds what another thread found. */
  void add(DiffCount other) {
    different += other.different;
    other.byRule.forEach((id, g) -> byRule.merge(id, g, DiffGroup::merge));
    other.byStep.forEach((id, g) -> byStep.merge(id, g, DiffGroup::merge));
  }
}
