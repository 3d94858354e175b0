package org.peacepath.http;

import java.util.concurrent.Semaphore;

/**
 * Decisions and comparisons may take turns at the cores: with the system property {@code peacepath.turns}
 * set to N, at most N are worked out at a time, and the others wait, in the order they came, until one
 * ends. A decision is work for a core from its first step to its last; when more run at once than there
 * are cores, the operating system shares the cores among them slice by slice, and a decision that loses
 * its core midway waits for every other's slice before it goes on. Taking turns, an answer waits only for
 * those that came before it: on two cores under 32 connections, two turns cut the slowest answers (p99) by
 * about a third, but each turn handed over wakes a waiting thread, and the server answered fewer
 * decisions a second at more CPU each (see docs/benchmarks.md). So there are no turns unless asked for
 * ({@code -Dpeacepath.turns=2} on two cores): an operator who needs a short tail more than throughput sets it.
 *
 * <p>Only the work at the cores takes a turn: the request's body is read before it, so a client slow to
 * send holds no turn, and an answer is sent within it only when the connection's buffers take it at once
 * ({@link Answer#SENT_IN_TURN}). Plans and briefings do not take turns: a plan may search for seconds
 * within its budget, and would hold a turn as long.
 */
final class Turns {
  /** Work done in a turn: returns its result, or throws what the request's error handler answers. */
  @FunctionalInterface
  interface Work<T> {
    T run() throws Exception;
  }

  /** {@code null} when there are no turns. */
  private final Semaphore turns;

  /** {@code count} turns at once, given in the order asked for; 0 for none (work is done at once). */
  Turns(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("a number of turns, 0 for none, not " + count);
    }
    this.turns = count == 0 ? null : new Semaphore(count, true);
  }

  /** As many turns as the system property {@code peacepath.turns} says, by default none. */
  static Turns configured() {
    return new Turns(Math.max(0, Integer.getInteger("peacepath.turns", 0)));
  }

  /** Waits for a turn, does {@code work} in it, and gives the turn back however the work ends. */
  <T> T take(Work<T> work) throws Exception {
    if (turns == null) {
      return work.run();
    }
    turns.acquireUninterruptibly();
    try {
      return work.run();
    } finally {
      turns.release();
    }
  }

  /** About how many requests wait for a turn now. */
  int waiting() {
    return turns == null ? 0 : turns.getQueueLength();
  }
}
