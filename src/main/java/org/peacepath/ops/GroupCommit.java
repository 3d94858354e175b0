package org.peacepath.ops;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit without a thread of its own: the thread answering a request puts its line in the queue
 * and, when no other thread is writing, writes every line waiting, its own and those of others, in one
 * append to the {@link LogFile}; a thread that finds another writing waits until that one has written
 * its line, or is woken to write what came meanwhile. A line that cannot be written within {@link #WAIT}
 * is refused, and so is its answer.
 */
final class GroupCommit {
  private static final Logger LOG = LoggerFactory.getLogger(DecisionLog.class);
  /** The most lines waiting at once; past it answers are refused rather than queued without bound. */
  static final int QUEUE = 8_192;
  /** The most lines one write takes. */
  private static final int BATCH = 1_024;
  /** The most bytes one write takes, but always at least one line. */
  private static final long BATCH_BYTES = 8L << 20;
  /** The longest an answer waits for its line to be written. */
  static final Duration WAIT = Duration.ofSeconds(5);
  /** How many times a thread waiting for another's write looks again before it sleeps. */
  private static final int SPINS = 256;
  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(LogLine.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final LogFile file;
  private final Queue<LogLine> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  /** Held by the one thread writing; whoever holds it writes for everyone waiting. */
  private final AtomicBoolean writing = new AtomicBoolean();
  private final AtomicLong failures = new AtomicLong();
  private final List<LogLine> batch = new ArrayList<>();
  private volatile boolean closed;
  /** Set once closing has written the last lines: whatever still waits is refused. */
  private volatile boolean shut;

  GroupCommit(LogFile file) {
    this.file = file;
  }

  /**
   * Queues the line and returns once it is with the operating system.
   *
   * @throws DecisionLog.UnavailableException when it could not be written; its answer must not be sent
   */
  void append(LogLine line) {
    if (queued.incrementAndGet() > QUEUE) {
      queued.decrementAndGet();
      throw refused("the decision log is " + QUEUE + " lines behind");
    }
    queue.offer(line);
    long deadline = System.nanoTime() + WAIT.toNanos();
    int spins = 0;
    while (true) {
      switch (line.state) {
        case LogLine.WRITTEN:
          return;
        case LogLine.FAILED:
          throw refused(line.failure);
        default:
          break;
      }
      if (!writing.get() && writing.compareAndSet(false, true)) {
        try {
          writeWaiting();
        } finally {
          writing.set(false);
          wakeNextWriter();
        }
        continue;
      }
      if (shut && STATE.compareAndSet(line, LogLine.WAITING, LogLine.ABANDONED)) {
        throw refused("the server is stopping");
      }
      if (spins++ < SPINS) {
        // A write takes microseconds: waiting for it on the spot costs less than sleeping and being woken.
        Thread.onSpinWait();
        continue;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        // Given up while waiting, it is never written; being written, it may be: so a line may stand for
        // an answer never sent, but never the other way round.
        STATE.compareAndSet(line, LogLine.WAITING, LogLine.ABANDONED);
        wakeNextWriter(); // had this thread been woken to write, the lines behind it are not left waiting
        throw refused("the decision log took longer than " + WAIT.toSeconds() + " s to write");
      }
      LockSupport.parkNanos(this, left);
      if (Thread.currentThread().isInterrupted() && line.state < LogLine.WRITTEN) {
        STATE.compareAndSet(line, LogLine.WAITING, LogLine.ABANDONED);
        wakeNextWriter();
        throw refused("interrupted");
      }
    }
  }

  /**
   * Wakes the thread of the first line still waiting, so that it writes: lines that came while this
   * thread was writing would otherwise wait for a writer that is not coming.
   */
  private void wakeNextWriter() {
    LogLine next;
    while ((next = queue.peek()) != null && next.state == LogLine.ABANDONED) {
      if (queue.remove(next)) {
        queued.decrementAndGet();
      }
    }
    if (next != null && next.owner != Thread.currentThread()) {
      LockSupport.unpark(next.owner);
    }
  }

  /** Takes up to a batch of the lines waiting and writes them; called only by the thread holding {@link #writing}. */
  private void writeWaiting() {
    batch.clear();
    LogLine line;
    long bytes = 0;
    while (batch.size() < BATCH && bytes < BATCH_BYTES && (line = queue.poll()) != null) {
      queued.decrementAndGet();
      if (STATE.compareAndSet(line, LogLine.WAITING, LogLine.TAKEN)) {
        batch.add(line);
        bytes += line.length();
      }
    }
    if (batch.isEmpty()) {
      return;
    }
    String why = file.write(batch);
    Thread self = Thread.currentThread();
    for (LogLine written : batch) {
      if (why == null) {
        written.state = LogLine.WRITTEN;
      } else {
        written.failure = why;
        written.state = LogLine.FAILED;
      }
      if (written.owner != self) {
        LockSupport.unpark(written.owner);
      }
    }
    batch.clear();
  }

  private DecisionLog.UnavailableException refused(String why) {
    failures.incrementAndGet();
    return new DecisionLog.UnavailableException("the decision could not be logged (" + why + "), so it is not sent; "
        + "send it again once the decision log can be written");
  }

  /** Refuses an answer before its line is made, when the log is closing. */
  void refuseIfClosed() {
    if (closed) {
      throw refused("the server is stopping");
    }
  }

  /** How many answers have been refused because their line could not be written. */
  long failures() {
    return failures.get();
  }

  /** Writes the lines waiting, then closes the file; answers after this are refused. */
  void close() {
    closed = true;
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!writing.compareAndSet(false, true)) {
      if (System.nanoTime() > deadline) {
        LOG.warn("closing the decision log {}: a write did not finish within {} s", file.path(), WAIT.toSeconds());
        return;
      }
      LockSupport.parkNanos(1_000_000);
    }
    try {
      while (!queue.isEmpty()) {
        writeWaiting();
      }
      shut = true;
      for (LogLine late : queue) {
        LockSupport.unpark(late.owner); // came after the last write: refused now rather than in 5 s
      }
      file.close();
    } catch (IOException e) {
      LOG.warn("closing the decision log {}: {}", file.path(), LogTrouble.reason(e));
    }
  }
}
