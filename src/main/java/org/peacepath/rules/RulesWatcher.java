package org.peacepath.rules;

import java.io.IOException;
import java.nio.file.Files;
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
 * Watches the rules folder and reloads the rule sets when anything in it changes. It compares the
 * contents of every file at each poll, so an edit is seen however the editor saves it (in place,
 * or by writing a new file and renaming it over the old).
 */
public final class RulesWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RulesWatcher.class);

  private final RuleSets ruleSets;
  private final ScheduledExecutorService timer;
  private String lastSeen;

  private RulesWatcher(RuleSets ruleSets) {
    this.ruleSets = ruleSets;
    this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "peacepath-rules-watcher");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Starts watching; every {@code interval} the folder is read and, if it changed, reloaded. */
  public static RulesWatcher start(RuleSets ruleSets, Duration interval) {
    RulesWatcher watcher = new RulesWatcher(ruleSets);
    watcher.lastSeen = fingerprint(ruleSets.root());
    watcher.timer.scheduleWithFixedDelay(watcher::poll, interval.toMillis(), interval.toMillis(),
        TimeUnit.MILLISECONDS);
    return watcher;
  }

  private void poll() {
    try {
      String now = fingerprint(ruleSets.root());
      if (!now.equals(lastSeen)) {
        lastSeen = now;
        ruleSets.reload();
      }
    } catch (RuntimeException e) {
      LOG.error("reading the rules folder {} failed; still serving the last good rules", ruleSets.root(), e);
    }
  }

  /** A hash of the path and contents of every file under the folder. */
  static String fingerprint(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        digest.update(root.relativize(file).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        digest.update((byte) 0);
        try {
          digest.update(Files.readAllBytes(file));
        } catch (IOException e) {
          digest.update((byte) 1); // vanished between listing and reading: the next poll sees the rest
        }
        digest.update((byte) 0);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      return "unreadable: " + e.getMessage();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
