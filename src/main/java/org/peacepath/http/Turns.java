package org.peacepath.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Decisions and comparisons may take turns at the cores: when the system property {@code peacepath.turns}
 * names a number N of turns, at most N are worked out at a time and the others wait until one ends; by
 * default there are none, and every decision is worked out at once on its request's thread. A decision is
 * work for a core from its first step to its last; when more run at once than there are cores, the
 * operating system shares the cores among them slice by slice, and a decision that loses its core midway
 * waits for every other's slice before it goes on. Turns were the default while the 2-core machine the
 * benchmarks ran on was shared with other work (load average near 30), where one turn a core cut the
 * slowest answers (p99) by a third to a half; with the machine to itself, in one side-by-side run each way
 * round with ten threads, one turn a core cost a decision 7-15 % more CPU and its p99 2-22 % more (see
 * docs/benchmarks.md, the eleventh pass). An operator whose server shares its cores with other busy work
 * may still ask for them. The price of turns: a decision that takes long (rules that work up to the
 * answer's budget of two seconds) holds its turn as long, and N of them at once make every other decision
 * wait, where without turns they would share the cores.
 *
 * <p>A turn given back goes to whoever asks next, a thread that has just given one back included, rather
 * than to the one that has waited longest: handing a turn to a waiting thread wakes it, and on a virtual
 * machine a wake-up costs about what a decision does, so turns handed over in order of arrival answered
 * fewer decisions a second at more CPU each. Those that wait are woken in the order they came.
 *
 * <p>Only the work at the cores takes a turn: the request's body is read before it, so a client slow to
 * send holds no turn, and an answer is sent within it only when the connection's buffers should take it at
 * once ({@link Answer#SENT_IN_TURN}). Should sending stall all the same (a client that sends request after
 * request and reads none of the answers), the turn is given back after {@link #SENDING_NANOS} and the
 * answer goes on being sent without it. Plans and briefings do not take turns: a plan may search for
 * seconds within its budget, and would hold a turn as long.
 */
final class Turns {
  /** How long an answer may take to be sent within its turn before the turn is given back without it. */
  static final long SENDING_NANOS = 50_000_000L;
  /** How often the turns whose answers are being sent are looked at. */
  private static final long LOOK_EVERY_MILLIS = 20;

  /** Work done in a turn: returns its result, or throws what the request's error handler answers. */
  @FunctionalInterface
  interface Work<T> {
    T run(Turn turn) throws Exception;
  }

  /** A turn held, given back once: by its holder when its work ends, or by the watch when its sending stalls. */
  final class Turn {
    private final AtomicBoolean givenBack = new AtomicBoolean();
    private volatile long sendingSince;

    /** The turn's work is sending its answer from now on: past {@link #SENDING_NANOS} the turn is given back. */
    void sending() {
      if (permits != null && !givenBack.get()) {
        sendingSince = System.nanoTime();
        SENDING.add(this);
      }
    }

    /** Whether the turn was given back before its work ended, because its answer took too long to send. */
    boolean givenBack() {
      return givenBack.get();
    }

    private void giveBack() {
      if (permits != null && givenBack.compareAndSet(false, true)) {
        SENDING.remove(this);
        permits.release();
      }
    }
  }

  /** The turns of every {@code Turns} whose answers are being sent, watched by one thread. */
  private static final Set<Turn> SENDING = ConcurrentHashMap.newKeySet();
  private static Thread watch;

  /** {@code null} when there are no turns. */
  private final Semaphore permits;
  private final Turn none = new Turn();

  /** {@code count} turns at once; 0 for none (work is done at once). */
  Turns(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("a number of turns, 0 for none, not " + count);
    }
    this.permits = count == 0 ? null : new Semaphore(count, false);
    if (permits != null) {
      startWatch();
    }
  }

  /** As many turns as the system property {@code peacepath.turns} says, by default none. */
  static Turns configured() {
    return new Turns(Math.max(0, Integer.getInteger("peacepath.turns", 0)));
  }

  /** Waits for a turn, does {@code work} in it, and gives the turn back however the work ends. */
  <T> T take(Work<T> work) throws Exception {
    if (permits == null) {
      return work.run(none);
    }
    permits.acquireUninterruptibly();
    Turn turn = new Turn();
    try {
      return work.run(turn);
    } finally {
      turn.giveBack();
    }
  }

  /** About how many requests wait for a turn now. */
  int waiting() {
    return permits == null ? 0 : permits.getQueueLength();
  }

  private static synchronized void startWatch() {
    if (watch != null) {
      return;
    }
    watch = new Thread(() -> {
      while (true) {
        try {
          Thread.sleep(LOOK_EVERY_MILLIS);
        } catch (InterruptedException e) {
          return;
        }
        long now = System.nanoTime();
        for (Turn turn : SENDING) {
          if (now - turn.sendingSince >= SENDING_NANOS) {
            turn.giveBack();
          }
        }
      }
    }, "peacepath-turns-watch");
    watch.setDaemon(true);
    watch.start();
  }
}
