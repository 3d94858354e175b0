package org.peacepath.http;

import java.util.concurrent.Semaphore;

/**
 * Decisions and comparisons take turns at the cores: at most one a core is worked out at a time (the
 * system property {@code peacepath.turns} sets another number), and the others wait, in the order they
 * came, until one ends. A decision is work for a core from its first step to its last; when more run at
 * once than there are cores, the operating system shares the cores among them slice by slice, and a
 * decision that loses its core midway waits for every other's slice before it goes on. Under 32
 * connections on two cores that made the slowest answers five to ten times the median; taking turns, an
 * answer waits only for those that came before it (see docs/benchmarks.md).
 *
 * <p>Only the work at the cores takes a turn: the request's body is read before it, so a client slow to
 * send holds no turn, and an answer is sent within it only when the connection's buffers take it at once
 * ({@code ApiServer.SENT_IN_TURN}). Plans and briefings do not take turns: a plan may search for seconds
 * within its budget, and would hold a turn as long.
 */
final class Turns {
  /** Work done in a turn: returns its result, or throws what the request's error handler answers. */
  @FunctionalInterface
  interface Work<T> {
    T run() throws Exception;
  }

  private final Semaphore turns;
  private final int count;

  /** {@code count} turns at once, given in the order asked for. */
  Turns(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("at least one turn, not " + count);
    }
    this.count = count;
    this.turns = new Semaphore(count, true);
  }

  /** As many turns as the system property {@code peacepath.turns} says, by default one a core. */
  static Turns configured() {
    int cores = Runtime.getRuntime().availableProcessors();
    return new Turns(Math.max(1, Integer.getInteger("peacepath.turns", cores)));
  }

  /** Waits for a turn, does {@code work} in it, and gives the turn back however the work ends. */
  <T> T take(Work<T> work) throws Exception {
    turns.acquireUninterruptibly();
    try {
      return work.run();
    } finally {
      turns.release();
    }
  }

  /** How many turns there are. */
  int count() {
    return count;
  }

  /** About how many requests wait for a turn now. */
  int waiting() {
    return turns.getQueueLength();
  }
}
