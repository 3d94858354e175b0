package org.peacepath.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.peacepath.decide.Decision;

/**
 * The decision log: one JSON line for each decision, comparison and plan answered, with its id, the
 * time, the rule set and revision, the request as the client sent it, and the answer as it was sent.
 *
 * <p>It keeps its promise: an answer is sent only once its line is with the operating system. Lines are
 * written by group commit without a thread of their own: the thread answering a request puts its line in
 * the queue and, when no other thread is writing, writes every line waiting, its own and those of others,
 * in one append; a thread that finds another writing waits until that one has written its line, or is
 * woken to write what came meanwhile. So an answer costs no hand-over to another thread when the log
 * keeps up, and many answers share one write when it does not. A write that fails (a full disk, a file
 * that cannot be opened) is cut back to the last whole line, and the answers it held are refused with
 * {@link UnavailableException} (503 over HTTP) rather than sent unlogged; the next write tries again,
 * so logging resumes by itself. Nothing is forced to disk: a crash of the machine can lose what the
 * operating system had not written; {@link LogFlusher} puts lines on disk within about a second, and lets go
 * of the memory they took.
 *
 * <p>Rotation: every {@link #ROTATION_CHECK} at most, before a write, the log checks that its file is
 * still the one at its path; when an outside tool has moved it away, a new file is started there. Lines
 * written in between go to the moved file, so none is lost.
 *
 * <p>A path ending in {@code .gz} is written as one gzip stream that every write leaves ended: its lines
 * compressed and flushed, then the stream's ending, which the next write overwrites to go on with the
 * stream. So {@code zcat} reads the file to its end at any moment, and a write that fails (a full disk)
 * puts back the ending it began over, which takes no room the file did not already have. After a failure,
 * a rotation or a restart a new member is begun, so the file is a series of gzip members that {@code zcat}
 * reads as one. Compressing with what came before is what makes it cheap: a line like the ones before it
 * costs little to compress and little to write.
 *
 * <p>A facade over its four jobs: {@link GroupCommit} (the queue and who writes), {@link LogLine} (a
 * line's bytes), {@link GzipMembers} (the compressed stream and its repair after a crash) and
 * {@link LogFile} (the file's life: opening, cutting back, rotation).
 */
public final class DecisionLog implements AutoCloseable {
  /** How often at most the log looks whether its file has been moved away. */
  public static final Duration ROTATION_CHECK = Duration.ofMillis(100);

  /** An answer whose line could not be written, and so must not be sent. */
  public static final class UnavailableException extends RuntimeException implements org.peacepath.wire.Errors.Said {
    UnavailableException(String message) {
      super(message, null, false, false);
    }

    @Override
    public org.peacepath.wire.ErrorBody body() {
      return org.peacepath.wire.ErrorCode.DECISION_LOG_UNAVAILABLE.body(getMessage(), java.util.List.of());
    }
  }

  private final LogFile file;
  private final GroupCommit commit;

  private DecisionLog(LogFile file) {
    this.file = file;
    this.commit = new GroupCommit(file);
  }

  /**
   * Opens the log at {@code path} for appending, creating it if need be; a symbolic link there is refused.
   *
   * @throws IOException saying why in words, without the path
   */
  public static DecisionLog open(Path path) throws IOException {
    try {
      return open(path, new LogFlusher());
    } catch (IOException e) {
      throw new IOException(LogTrouble.reason(e), e);
    }
  }

  static DecisionLog open(Path path, LogFlusher flusher) throws IOException {
    return open(path, flusher, Disk.FILES);
  }

  static DecisionLog open(Path path, LogFlusher flusher, Disk disk) throws IOException {
    return new DecisionLog(LogFile.open(path, flusher, disk));
  }

  /** The stream the log writes its file through: the file's own, or in tests one on a disk that fills up. */
  @FunctionalInterface
  interface Disk {
    Disk FILES = opened -> opened;

    /** The stream to write through, given the one just opened on the file. */
    FileOutputStream stream(FileOutputStream opened) throws IOException;
  }

  /**
   * Appends one line and returns once it is with the operating system.
   *
   * @param kind {@code decision}, {@code comparison} or {@code plan}
   * @param id the answer's id, as sent in the response's {@code X-Decision-Id} header
   * @param ruleset the rule set and revision that answered
   * @param body the request body as received
   * @param request the same body as read, written in its place when its bytes cannot stand in a line
   * @param answer the answer to send, as its JSON bytes
   * @throws UnavailableException when the line could not be written; the answer must not be sent
   */
  public void append(String kind, String id, Decision.RuleSetRef ruleset, byte[] body, JsonNode request,
      byte[] answer) {
    commit.refuseIfClosed();
    commit.append(LogLine.of(kind, id, ruleset, body, request, answer));
  }

  /** Why the last write failed, while the log cannot be written; empty when it is writing. */
  public Optional<String> failure() {
    return Optional.ofNullable(file.failure());
  }

  /** How many answers have been refused because their line could not be written. */
  public long failures() {
    return commit.failures();
  }

  /** Writes the lines waiting, then closes the file (a compressed one is ended by each write); answers after this are refused. */
  @Override
  public void close() {
    commit.close();
  }
}
