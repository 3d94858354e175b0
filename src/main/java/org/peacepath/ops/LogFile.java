package org.peacepath.ops;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the decision log a batch at a time, in one append or not at all: a failed write is cut back to
 * the last whole line, and while the file cannot be written it says why. For a {@code .gz} path the batch
 * is written as a gzip member ({@link GzipMembers}). The file at the path and its life are {@link LogPath}'s,
 * the words for what went wrong {@link LogTrouble}'s. Only the thread holding the group commit's turn calls it.
 */
final class LogFile {
  private static final Logger LOG = LoggerFactory.getLogger(DecisionLog.class);

  private final LogPath file;
  private final GzipMembers gzip;
  private final LogBuffer pending = new LogBuffer();
  private final LogFlusher flusher;
  private volatile String failure;

  private LogFile(Path path, LogFlusher flusher, DecisionLog.Disk disk) {
    boolean compressed = path.getFileName() != null && path.getFileName().toString().endsWith(".gz");
    this.gzip = compressed ? new GzipMembers() : null;
    this.flusher = flusher;
    this.file = new LogPath(path, gzip, flusher, disk);
  }

  /** The file at {@code path}, opened for appending. */
  static LogFile open(Path path, LogFlusher flusher, DecisionLog.Disk disk) throws IOException {
    LogFile log = new LogFile(path, flusher, disk);
    log.file.reopen();
    return log;
  }

  /** Why the last write failed, while the file cannot be written; {@code null} when it is writing. */
  String failure() {
    return failure;
  }

  /**
   * Writes the lines in one append, or none of them, whatever goes wrong: a failed write is cut back to
   * the last whole line.
   *
   * @return why it failed, or {@code null} when it was written
   */
  String write(List<LogLine> lines) {
    try {
      return writeOrFail(lines);
    } catch (RuntimeException | Error e) {
      // Whatever broke, the file keeps whole lines only and the compressor starts afresh.
      LOG.error("cannot write the decision log {}", file.path(), e);
      lost();
      return "a fault in peacepath kept the line from being written; the server log has the details";
    }
  }

  /**
   * Writes the batch in one append, or none of it: a failed write is cut back to the last whole line.
   *
   * @return why it failed, or {@code null} when it was written
   */
  private String writeOrFail(List<LogLine> lines) {
    try {
      file.openAtPath();
      pending.reset();
      long at = file.end();
      if (gzip != null) {
        at = gzip.at(at);
        gzip.compress(lines, pending);
        file.seek(at);
      } else {
        for (LogLine line : lines) {
          for (byte[] part : line.parts) {
            pending.write(part);
          }
        }
      }
      file.out().write(pending.array(), 0, pending.size());
      file.written(at + pending.size());
      if (gzip != null) {
        gzip.written();
      }
      if (failure != null) {
        // Said before the answers go, so that whoever they reach finds the log healthy again.
        LOG.info("decision log {} is being written again", file.path());
        failure = null;
      }
      return null;
    } catch (IOException e) {
      lost();
      String why = LogTrouble.reason(e);
      if (failure == null) {
        LOG.error("cannot write the decision log {}: {}; decisions are refused (503) until it can be", file.path(), why);
      }
      failure = why;
      return why;
    } finally {
      if (pending.size() > 4 * 1024 * 1024) {
        pending.trim(); // a batch of very large answers is not kept in memory afterwards
      }
    }
  }

  /** A write that failed: the file back to its last whole line, and the compressor starting afresh. */
  private void lost() {
    file.cutBack();
    if (gzip != null) {
      gzip.lost();
    }
  }

  /** Puts what was written on disk and closes the file (a compressed one is ended by each write). */
  void close() throws IOException {
    try {
      file.close();
    } finally {
      flusher.close();
      if (gzip != null) {
        gzip.close();
      }
    }
  }

  /** The path, for the server log. */
  Path path() {
    return file.path();
  }
}
