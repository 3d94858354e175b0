package org.peacepath.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the rules folder and reloads the rule sets once an edit is over. It compares the contents of
 * every file peacepath owns at each poll, so an edit is seen however the editor saves it, and it waits
 * until the folder has been quiet for a moment before reloading, so that an editor that empties a file
 * and then writes it is never caught half-way. Editors' leftovers ({@link OwnedFiles}) are not watched.
 */
public final class RulesWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RulesWatcher.class);

  /** How long the folder must stay unchanged before an edit is taken as finished. */
  public static final Duration QUIET = Duration.ofMillis(300);

  private final RuleSets ruleSets;
  private final ScheduledExecutorService timer;
  private final long quietNanos;
  private String lastSeen;
  private String lastLoaded;
  private long changedAt;

  private RulesWatcher(RuleSets ruleSets, Duration quiet) {
    this.ruleSets = ruleSets;
    this.quietNanos = quiet.toNanos();
    this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "peacepath-rules-watcher");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Starts watching; every {@code interval} the folder is read and, once an edit has been quiet for {@link #QUIET}, reloaded. */
  public static RulesWatcher start(RuleSets ruleSets, Duration interval) {
    return start(ruleSets, interval, QUIET);
  }

  /** As {@link #start(RuleSets, Duration)}, with the quiet period given. */
  public static RulesWatcher start(RuleSets ruleSets, Duration interval, Duration quiet) {
    RulesWatcher watcher = new RulesWatcher(ruleSets, quiet);
    watcher.lastSeen = fingerprint(ruleSets.root());
    watcher.lastLoaded = watcher.lastSeen;
    watcher.timer.execute(ruleSets::prepareReloads);
    watcher.timer.scheduleWithFixedDelay(watcher::poll, interval.toMillis(), interval.toMillis(),
        TimeUnit.MILLISECONDS);
    return watcher;
  }

  private void poll() {
    try {
      String now = fingerprint(ruleSets.root());
      long time = System.nanoTime();
      if (!now.equals(lastSeen)) {
        lastSeen = now;
        changedAt = time;
        return; // still being edited, perhaps: wait for quiet
      }
      if (!now.equals(lastLoaded) && time - changedAt >= quietNanos) {
        lastLoaded = now;
        ruleSets.reload();
      }
    } catch (RuntimeException | Error e) {
      LOG.error("reading the rules folder failed; still serving the last good rules: {}", e.toString());
    }
  }

  /** A hash of the path and contents of every file peacepath owns under the folder. */
  static String fingerprint(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Path file : files.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(f))
          .filter(f -> owned(root, f)).sorted().toList()) {
        digest.update(root.relativize(file).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        digest.update((byte) 0);
        try {
          // A link counts by where it leads, never by what is there: a link out of the folder is not read.
          digest.update(Files.isSymbolicLink(file)
              ? ("-> " + Files.readSymbolicLink(file)).getBytes(java.nio.charset.StandardCharsets.UTF_8)
              : Files.readAllBytes(file));
        } catch (IOException e) {
          digest.update((byte) 1); // vanished between listing and reading: the next poll sees the rest
        }
        digest.update((byte) 0);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException | java.io.UncheckedIOException e) {
      return "unreadable: " + e.getMessage();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** Whether every part of the file's path below the root is owned, so a file in a hidden folder is not. */
  private static boolean owned(Path root, Path file) {
    for (Path part : root.relativize(file)) {
      if (!OwnedFiles.owned(part)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    ruleSets.stopReloads();
  }
}
