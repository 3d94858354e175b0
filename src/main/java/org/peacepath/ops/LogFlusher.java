package org.peacepath.ops;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts what the decision log has written on disk, in the background, and then drops it from the page
 * cache.
 *
 * <p>The server never reads its decision log back, yet left alone the operating system keeps every line
 * in memory until memory runs short, pushing out what is read (the rules, the jar, other programs' files),
 * and it writes them to disk only after about 30 seconds. So every {@link #INTERVAL}, once at least a
 * little has been written, a thread of its own calls {@code fdatasync} on the file and then
 * {@code posix_fadvise(POSIX_FADV_DONTNEED)} over the whole pages written since. The lines a crash of the
 * machine can lose are then about a second's worth, and the log's memory is used again for the next
 * lines. This costs the threads answering requests nothing: they never wait for it.
 *
 * <p>Linux only, through JNA; elsewhere, or when the native library cannot be loaded, it does nothing and
 * says so once.
 */
final class LogFlusher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LogFlusher.class);
  /** How often the written lines are put on disk and let go of. */
  static final Duration INTERVAL = Duration.ofSeconds(1);
  /** Written past this much, they are put on disk without waiting for the interval. */
  private static final long EAGER_BYTES = 16L << 20;
  private static final long PAGE = 4096;
  private static final int O_RDONLY = 0;
  private static final int O_CLOEXEC = 0x80000;
  private static final int POSIX_FADV_DONTNEED = 4;

  /** The C library's calls, bound once when first needed. */
  private static final class Libc {
    static final boolean AVAILABLE = bind();

    private static boolean bind() {
      if (!Platform.isLinux()) {
        LOG.info("the decision log is left to the operating system's page cache: dropping written pages "
            + "needs Linux");
        return false;
      }
      try {
        Native.register(Libc.class, Platform.C_LIBRARY_NAME);
        return true;
      } catch (Throwable e) { // UnsatisfiedLinkError and friends: the native library could not be loaded
        LOG.warn("the decision log is left to the operating system's page cache: {}", e.toString());
        return false;
      }
    }

    static native int open(String path, int flags);

    static native int close(int fd);

    static native int fdatasync(int fd);

    static native int posix_fadvise(int fd, long offset, long length, int advice);
  }

  /** A file followed, how long it was when followed and how far it has been written since. */
  private record Target(Path path, long start, AtomicLong end) {}

  private final Thread thread;
  private final java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
  private volatile Target target;
  private volatile boolean stopping;
  private int fd = -1;
  private Target following;
  private long released;
  private long releasedAt;

  private final boolean enabled;

  /** A flusher that works where the C library can be had. */
  LogFlusher() {
    this(true);
  }

  /** A flusher that does nothing when not {@code enabled}, as where the C library cannot be had. */
  LogFlusher(boolean enabled) {
    this.enabled = enabled;
    this.thread = new Thread(this::run, "peacepath-decision-log-sync");
    this.thread.setDaemon(true);
  }

  /** Starts following the file at {@code path}, whose first {@code length} bytes were there before. */
  void follow(Path path, long length) {
    target = new Target(path, length, new AtomicLong(length));
    if (!stopping && started.compareAndSet(false, true)) {
      thread.start(); // once: without the C library it has ended at once, and stays ended
    }
  }

  /** The file followed is now {@code end} bytes long. Cheap: called after every write. */
  void written(long end) {
    Target now = target;
    if (now != null) {
      now.end().set(end);
    }
  }

  private void run() {
    if (!enabled || !Libc.AVAILABLE) {
      return;
    }
    try {
      while (!stopping) {
        LockSupport.parkNanos(this, INTERVAL.toNanos() / 10);
        step(false);
      }
      step(true);
    } finally {
      closeFile();
    }
  }

  /** Follows a new file if there is one, and releases what was written since the last time, when it is time. */
  private void step(boolean last) {
    Target now = target;
    if (now == null) {
      return;
    }
    if (now != following) {
      release(); // the old file, to its end
      closeFile();
      following = now;
      fd = Libc.open(now.path().toString(), O_RDONLY | O_CLOEXEC);
      released = now.start() / PAGE * PAGE;
      releasedAt = System.nanoTime();
      if (fd < 0) {
        LOG.debug("cannot open {} to put it on disk; the operating system will", now.path());
      }
      return;
    }
    long end = now.end().get();
    if (end < released) {
      released = end / PAGE * PAGE; // emptied by an outside tool and written again from the start
    }
    boolean due = System.nanoTime() - releasedAt >= INTERVAL.toNanos();
    if (last || end - released >= EAGER_BYTES || (due && end - released >= PAGE)) {
      release();
    }
  }

  /** Puts the file on disk, then drops from the cache the whole pages written since the last release. */
  private void release() {
    if (fd < 0) {
      return;
    }
    long end = following.end().get() / PAGE * PAGE; // the page being filled stays: the next line goes into it
    if (Libc.fdatasync(fd) != 0) {
      releasedAt = System.nanoTime(); // a full disk, say: tried again at the next interval
      return; // the log's own write reports it; nothing is dropped that is not on disk
    }
    if (end > released) {
      Libc.posix_fadvise(fd, released, end - released, POSIX_FADV_DONTNEED);
      released = end;
    }
    releasedAt = System.nanoTime();
  }

  private void closeFile() {
    if (fd >= 0) {
      Libc.close(fd);
      fd = -1;
    }
  }

  /** Puts what is left on disk and stops. */
  @Override
  public void close() {
    stopping = true;
    LockSupport.unpark(thread);
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
