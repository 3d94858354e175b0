package org.peacepath.rules;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Numbers the findings that sessions hold, so that two revisions can be compared in a few machine words:
 * equal numbers, equal findings. Shared by every session of one comparison; thread-safe.
 */
public final class FindingIds {
  private final Map<LogicalFinding, Integer> ids = new ConcurrentHashMap<>();
  private volatile LogicalFinding[] findings = new LogicalFinding[256];
  private int size;

  int id(LogicalFinding finding) {
    Integer id = ids.get(finding);
    return id != null ? id : add(finding);
  }

  private synchronized int add(LogicalFinding finding) {
    Integer id = ids.get(finding);
    if (id != null) {
      return id;
    }
    LogicalFinding[] all = findings;
    if (size == all.length) {
      all = Arrays.copyOf(all, size * 2);
    }
    all[size] = finding;
    findings = all;
    ids.put(finding, size);
    return size++;
  }

  LogicalFinding finding(int id) {
    return findings[id];
  }

  /** The finding numbered {@code id}: a {@link org.peacepath.facts.Blocked}, {@link
   * org.peacepath.facts.Caution} or {@link org.peacepath.facts.Advisory}. */
  public Object fact(int id) {
    return findings[id].fact();
  }
}
