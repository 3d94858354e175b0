package org.peacepath.diff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.peacepath.catalog.Catalog;
import org.peacepath.catalog.Step;

/**
 * The records {@code diff} compares: every record in which each non-repeatable step of the catalog is
 * counted or not, and each repeatable step is counted 0 to {@code bound} times; every record in force, by
 * its step's default parties, so that every record counts. A record is a digit per step (its count), the
 * steps in the order they are walked.
 *
 * <p>The space is walked in a reflected mixed-radix Gray code (Knuth's Algorithm H, TAOCP 7.2.1.1): each
 * record differs from the one before by one record of one step, added or taken away, so that a session
 * kept from record to record has one fact to change. For two threads, the space is cut into chunks by its
 * slowest digits; each chunk is walked the same way.
 */
public final class Space {
  /** The most records a comparison may cover: past it, it would take hours. */
  public static final long MAX_RECORDS = 200_000_000L;

  private final List<String> steps;
  private final int[] radix;
  private final boolean[] repeatable;
  private final int bound;
  private final long size;
  /** The digits walked within a chunk; the rest name the chunk. */
  private final int inner;

  /**
   * @param steps the steps of the space, in the order they are walked (the first changes fastest)
   * @param repeatable for each step, whether it may count more than once
   * @param bound how many times at most a repeatable step counts
   */
  Space(List<String> steps, List<Boolean> repeatable, int bound) {
    this.steps = List.copyOf(steps);
    this.bound = bound;
    this.radix = new int[steps.size()];
    this.repeatable = new boolean[steps.size()];
    long records = 1;
    for (int i = 0; i < radix.length; i++) {
      this.repeatable[i] = repeatable.get(i);
      radix[i] = repeatable.get(i) ? bound + 1 : 2;
      records = records > Long.MAX_VALUE / radix[i] ? Long.MAX_VALUE : records * radix[i];
    }
    this.size = records; // Long.MAX_VALUE for a space past counting
    // Chunks of about a thousandth of the space, so that two threads finish together.
    int digits = radix.length;
    long chunks = 1;
    while (digits > 0 && chunks < 512) {
      digits--;
      chunks *= radix[digits];
    }
    this.inner = digits;
  }

  /**
   * The space of the steps both catalogs have, walked in the order given (the first changes fastest). A step
   * counts more than once only where both catalogs make it repeatable.
   */
  static Space of(Catalog before, Catalog after, int bound, List<String> order) {
    List<String> steps = new ArrayList<>();
    List<Boolean> repeatable = new ArrayList<>();
    for (String id : order) {
      if (before.contains(id) && after.contains(id)) {
        steps.add(id);
        repeatable.add(before.get(id).repeatable() && after.get(id).repeatable());
      }
    }
    return new Space(steps, repeatable, bound);
  }

  /** The space walked from the end of the after catalog to its start. */
  static Space of(Catalog before, Catalog after, int bound) {
    List<String> order = new ArrayList<>(after.steps().stream().map(Step::id).toList());
    java.util.Collections.reverse(order);
    return of(before, after, bound, order);
  }

  /** The steps, in the order they are walked. */
  public List<String> steps() {
    return steps;
  }

  /** How many times at most a repeatable step counts. */
  public int bound() {
    return bound;
  }

  /** How many records there are. */
  public long size() {
    return size;
  }

  /** The steps that may count more than once. */
  public List<String> repeatable() {
    List<String> repeatable = new ArrayList<>();
    for (int i = 0; i < radix.length; i++) {
      if (this.repeatable[i]) {
        repeatable.add(steps.get(i));
      }
    }
    return repeatable;
  }

  int digits() {
    return radix.length;
  }

  int radix(int digit) {
    return radix[digit];
  }

  /** How many chunks the space is cut into. */
  int chunks() {
    long chunks = 1;
    for (int i = inner; i < radix.length; i++) {
      chunks *= radix[i];
    }
    return (int) chunks;
  }

  /** The digits a chunk's walk starts from: its own outer digits, its inner digits all zero. */
  int[] start(int chunk) {
    int[] digits = new int[radix.length];
    int rest = chunk;
    for (int i = inner; i < radix.length; i++) {
      digits[i] = rest % radix[i];
      rest /= radix[i];
    }
    return digits;
  }

  /** A move of the walk: one step counted once more ({@code by} = 1) or once less (-1). */
  interface Moves {
    /** Called after each move with the digit moved; the record is then {@code digits}. */
    void moved(int digit, int by);
  }

  /**
   * Walks the chunk's inner digits in reflected Gray-code order from {@code digits} (which must hold the
   * chunk's start): each move changes {@code digits} in place and is told to {@code moves}. The start is
   * not told; the caller visits it first.
   */
  void walk(int[] digits, Moves moves) {
    int n = inner;
    int[] focus = new int[n + 1];
    int[] direction = new int[n];
    for (int j = 0; j <= n; j++) {
      focus[j] = j;
    }
    Arrays.fill(direction, 1);
    while (true) {
      int j = focus[0];
      focus[0] = 0;
      if (j == n) {
        return;
      }
      digits[j] += direction[j];
      moves.moved(j, direction[j]);
      if (digits[j] == 0 || digits[j] == radix[j] - 1) {
        direction[j] = -direction[j];
        focus[j] = focus[j + 1];
        focus[j + 1] = j + 1;
      }
    }
  }

  /** How many records of each step the record holds, by step id, in walk order; steps it lacks left out. */
  List<String> record(int[] digits, List<String> catalogOrder) {
    List<String> record = new ArrayList<>();
    for (String step : catalogOrder) {
      int digit = steps.indexOf(step);
      for (int i = 0; digit >= 0 && i < digits[digit]; i++) {
        record.add(step);
      }
    }
    return record;
  }
}
