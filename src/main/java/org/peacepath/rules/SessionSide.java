package org.peacepath.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.kie.api.runtime.KieSession;
import org.peacepath.facts.Advisory;
import org.peacepath.facts.Blocked;
import org.peacepath.facts.Caution;

/**
 * The findings one revision holds in an {@link IncrementalSession}, kept as a set of numbers as the session
 * hears of them; a pooled session, which hears of nothing, reads them from the session ({@link #fired} only).
 */
public final class SessionSide {
  /** Only the findings, from what a session holds: Drools keeps each class's facts apart, so it walks those alone. */
  private static final org.kie.api.runtime.ClassObjectFilter FINDINGS =
      new org.kie.api.runtime.ClassObjectFilter(LogicalFinding.class);

  private final RuleSet ruleSet;
  private final FindingIds ids;
  /** A pooled session, whose findings are read from it when asked; {@code null} for a session that hears of them. */
  private final KieSession replay;
  private int[] held = new int[64];
  private long[] bits = new long[1];

  SessionSide(RuleSet ruleSet, FindingIds ids, KieSession replay) {
    this.ruleSet = ruleSet;
    this.ids = ids;
    this.replay = replay;
  }

  /** The revision. */
  public RuleSet ruleSet() {
    return ruleSet;
  }

  /** Counts the finding numbered {@code id} held {@code by} more times (or fewer). */
  void held(int id, int by) {
    if (id >= held.length) {
      held = Arrays.copyOf(held, Math.max(held.length * 2, id + 1));
    }
    if (id / 64 >= bits.length) {
      bits = Arrays.copyOf(bits, Math.max(bits.length * 2, id / 64 + 1));
    }
    held[id] += by;
    if (held[id] > 0) {
      bits[id / 64] |= 1L << (id % 64);
    } else {
      bits[id / 64] &= ~(1L << (id % 64));
    }
  }

  /** Whether this side holds exactly the findings {@code other} holds (both numbered by the same ids). */
  public boolean sameFindings(SessionSide other) {
    long[] a = bits;
    long[] b = other.bits;
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      if ((i < a.length ? a[i] : 0) != (i < b.length ? b[i] : 0)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The steps on which the two sides' findings differ, or on which one holds a finding of a rule in
   * {@code reread}; {@code ""} among them stands for the advisories, which are on no step. Where every
   * finding on a step is held by both sides (and made by rules that read the same in both), the two
   * answers agree on that step.
   */
  public Set<String> stepsDiffering(SessionSide other, Set<String> reread) {
    Set<String> steps = new HashSet<>();
    long[] a = bits;
    long[] b = other.bits;
    for (int word = 0; word < Math.max(a.length, b.length); word++) {
      long x = word < a.length ? a[word] : 0;
      long y = word < b.length ? b[word] : 0;
      long differing = x ^ y;
      if (!reread.isEmpty()) {
        for (long w = (x | y) & ~differing; w != 0; w &= w - 1) {
          if (reread.contains(ids.finding(word * 64 + Long.numberOfTrailingZeros(w)).rule())) {
            differing |= Long.lowestOneBit(w);
          }
        }
      }
      for (long w = differing; w != 0; w &= w - 1) {
        steps.add(stepOf(ids.finding(word * 64 + Long.numberOfTrailingZeros(w)).fact()));
      }
    }
    return steps;
  }

  /** The numbers of the findings held on the steps given ({@code ""} for the advisories), ascending. */
  public int[] heldOn(Set<String> steps) {
    int[] on = new int[8];
    int n = 0;
    for (int word = 0; word < bits.length; word++) {
      for (long w = bits[word]; w != 0; w &= w - 1) {
        int id = word * 64 + Long.numberOfTrailingZeros(w);
        if (steps.contains(stepOf(ids.finding(id).fact()))) {
          if (n == on.length) {
            on = Arrays.copyOf(on, n * 2);
          }
          on[n++] = id;
        }
      }
    }
    return Arrays.copyOf(on, n);
  }

  /** What the rules have found in the record the session holds now, each finding once. */
  public Fired fired() {
    return fired(null);
  }

  /**
   * What the rules have found on the steps given ({@code ""} for the advisories), each finding once; all of
   * it when {@code steps} is {@code null}.
   */
  public Fired fired(Set<String> steps) {
    List<Fired.Found<Blocked>> blocks = new ArrayList<>();
    List<Fired.Found<Caution>> cautions = new ArrayList<>();
    List<Fired.Found<Advisory>> advisories = new ArrayList<>();
    if (replay != null) {
      for (Object held : replay.getObjects(FINDINGS)) {
        sort((LogicalFinding) held, steps, blocks, cautions, advisories);
      }
    } else {
      for (int word = 0; word < bits.length; word++) {
        for (long w = bits[word]; w != 0; w &= w - 1) {
          sort(ids.finding(word * 64 + Long.numberOfTrailingZeros(w)), steps, blocks, cautions, advisories);
        }
      }
    }
    return new Fired(blocks, cautions, advisories);
  }

  private static void sort(LogicalFinding found, Set<String> steps, List<Fired.Found<Blocked>> blocks,
      List<Fired.Found<Caution>> cautions, List<Fired.Found<Advisory>> advisories) {
    if (steps != null && !steps.contains(stepOf(found.fact()))) {
      return;
    }
    if (found.fact() instanceof Blocked blocked) {
      blocks.add(new Fired.Found<>(found.rule(), blocked));
    } else if (found.fact() instanceof Caution caution) {
      cautions.add(new Fired.Found<>(found.rule(), caution));
    } else if (found.fact() instanceof Advisory advisory) {
      advisories.add(new Fired.Found<>(found.rule(), advisory));
    }
  }

  /** The step a finding is on; {@code ""} for an advisory, which is on none. */
  public static String stepOf(Object finding) {
    if (finding instanceof Blocked blocked) {
      return blocked.step();
    }
    return finding instanceof Caution caution ? caution.step() : "";
  }
}
