package org.peacepath.rules;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What one answer may spend on the rules, and whether anyone still waits for it: every time the rules
 * fire for the answer (the decision, its replay by date, its packages) counts against one deadline of
 * {@link #MAX_ANSWER_NANOS}, on top of each firing's own limits ({@link RuleSet#MAX_FIRINGS}, {@link
 * RuleSet#MAX_MATCHES}, {@link RuleSet#MAX_NANOS}), and all of it stops as soon as {@code abandoned} says
 * the client has gone. It also keeps, across those firings, the evidence of which rule spent the budget.
 *
 * <p>Opened by the thread that answers, around the work: {@code try (DecisionBudget budget =
 * DecisionBudget.open(watch)) { … }}. Without one, each firing has its own limits and nobody hangs up.
 */
public final class DecisionBudget implements AutoCloseable {
  /** The longest all the firings of one answer may take together: a dated record of 1,000 steps with its packages takes about 1 s. */
  public static final long MAX_ANSWER_NANOS = 10_000_000_000L;

  private static final ThreadLocal<DecisionBudget> CURRENT = new ThreadLocal<>();

  private final long deadline;
  private final BooleanSupplier abandoned;
  private final DecisionBudget previous;
  private final Thread owner;
  /** How long the watchdog saw each rule being matched, in its ticks; and the matches each rule made past the first few hundred. */
  private Map<String, Integer> sampled;
  private Map<String, Integer> matched;
  private boolean gone;

  private DecisionBudget(long deadline, BooleanSupplier abandoned, DecisionBudget previous) {
    this.deadline = deadline;
    this.abandoned = abandoned;
    this.previous = previous;
    this.owner = Thread.currentThread();
  }

  /** Opens a budget for the answer this thread is about to work out; {@code abandoned} says when its client has gone. */
  public static DecisionBudget open(BooleanSupplier abandoned) {
    DecisionBudget budget = new DecisionBudget(System.nanoTime() + MAX_ANSWER_NANOS, abandoned, CURRENT.get());
    CURRENT.set(budget);
    return budget;
  }

  /** The budget this thread works under, or {@code null}. */
  static DecisionBudget current() {
    return CURRENT.get();
  }

  /** When the answer's time is up, by {@link System#nanoTime()}. */
  long deadline() {
    return deadline;
  }

  /**
   * Whether the client has gone. Asked by the thread that answers and by the watchdog, so one at a time:
   * the watch it asks is not made for two threads. Once gone, always gone.
   */
  synchronized boolean abandoned() {
    if (!gone && abandoned.getAsBoolean()) {
      gone = true;
    }
    return gone;
  }

  /** Adds a firing's evidence of which rules spent the time (watchdog samples) and the matches (counted past a threshold). */
  synchronized void evidence(Map<String, Integer> samples, Map<String, Integer> matches) {
    if (sampled == null) {
      sampled = new HashMap<>();
      matched = new HashMap<>();
    }
    samples.forEach((rule, n) -> sampled.merge(rule, n, Integer::sum));
    matches.forEach((rule, n) -> matched.merge(rule, n, Integer::sum));
  }

  /** The rule the evidence blames for the time spent: the one most often seen matching, else the one that matched most; {@code null} if none. */
  synchronized String blamed() {
    if (sampled == null) {
      return null;
    }
    Map<String, Integer> evidence = !sampled.isEmpty() ? sampled : matched;
    return evidence.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()
        .thenComparing(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder()))).map(Map.Entry::getKey).orElse(null);
  }

  @Override
  public void close() {
    if (Thread.currentThread() == owner && CURRENT.get() == this) {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
  }
}
