package org.peacepath.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.peacepath.decide.Decision;
import org.peacepath.wire.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision log: one JSON line for each decision, comparison and plan answered, with its id, the
 * time, the rule set and revision, the request and the answer.
 *
 * <p>It keeps its promise: an answer is sent only once its line is with the operating system. Lines
 * wait in a queue for one writer thread, which hands every line waiting to the operating system in one
 * append (group commit), so many answers share one write. A write that fails (a full disk, a file that
 * cannot be opened) is cut back to the last whole line, and the answers it held are refused with
 * {@link UnavailableException} (503 over HTTP) rather than sent unlogged; the next write tries again,
 * so logging resumes by itself. Nothing is forced to disk: a crash of the machine can lose what the
 * operating system had not written. Before each write the log checks that its file is still the one at
 * its path; when an outside tool has moved it away for rotation, a new file is started there.
 */
public final class DecisionLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DecisionLog.class);
  /** The most lines waiting at once; past it answers are refused rather than queued without bound. */
  static final int QUEUE = 8_192;
  /** The longest an answer waits for its line to be written. */
  static final Duration WAIT = Duration.ofSeconds(5);

  /** An answer whose line could not be written, and so must not be sent. */
  public static final class UnavailableException extends RuntimeException {
    UnavailableException(String message) {
      super(message, null, false, false);
    }
  }

  private record Line(byte[] bytes, CompletableFuture<Void> written) {}

  private static final Line STOP = new Line(new byte[0], new CompletableFuture<>());

  private final Path path;
  private final BlockingQueue<Line> queue = new ArrayBlockingQueue<>(QUEUE);
  private final AtomicLong failures = new AtomicLong();
  private final Thread writer;
  private final boolean compressed;
  private final java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream(256 * 1024);
  private FileChannel channel;
  private Object fileKey;
  private volatile String failure;

  private DecisionLog(Path path) {
    this.path = path;
    this.compressed = path.getFileName() != null && path.getFileName().toString().endsWith(".gz");
    this.writer = new Thread(this::writeLines, "peacepath-decision-log");
    this.writer.setDaemon(true);
  }

  /** Opens the log at {@code path} for appending, creating it if need be. */
  public static DecisionLog open(Path path) throws IOException {
    DecisionLog log = new DecisionLog(path);
    log.reopen();
    log.writer.start();
    return log;
  }

  /**
   * Appends one line and returns once it is with the operating system.
   *
   * @param kind {@code decision}, {@code comparison} or {@code plan}
   * @param id the answer's id, as sent in the response's {@code X-Decision-Id} header
   * @param ruleset the rule set and revision that answered
   * @param request the request body
   * @param answer the answer to send, as its JSON bytes
   * @throws UnavailableException when the line could not be written; the answer must not be sent
   */
  public void append(String kind, String id, Decision.RuleSetRef ruleset, JsonNode request, byte[] answer) {
    Line entry = new Line(line(kind, id, ruleset, request, answer), new CompletableFuture<>());
    if (!queue.offer(entry)) {
      throw refused("the decision log is " + QUEUE + " lines behind");
    }
    try {
      entry.written().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw refused(e.getCause().getMessage());
    } catch (TimeoutException e) {
      throw refused("the decision log took longer than " + WAIT.toSeconds() + " s to write");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw refused("interrupted");
    }
  }

  /** The line's bytes: its fields written by Jackson, then the answer's own bytes, never decoded or copied as text. */
  private static byte[] line(String kind, String id, Decision.RuleSetRef ruleset, JsonNode request, byte[] answer) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(1024);
    try (com.fasterxml.jackson.core.JsonGenerator json = Json.MAPPER.getFactory().createGenerator(bytes)) {
      json.disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
      json.writeStartObject();
      json.writeStringField("kind", kind);
      json.writeStringField("decisionId", id);
      json.writeStringField("time", Instant.now().toString());
      json.writeStringField("ruleset", ruleset.name());
      json.writeStringField("revision", ruleset.revision());
      json.writeFieldName("request");
      Json.MAPPER.writeTree(json, request);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a decision log line", e);
    }
    // The head, then the answer's own bytes, copied once into a line of exactly its length.
    byte[] head = bytes.toByteArray();
    byte[] line = new byte[head.length + ANSWER.length + answer.length + END.length];
    System.arraycopy(head, 0, line, 0, head.length);
    System.arraycopy(ANSWER, 0, line, head.length, ANSWER.length);
    System.arraycopy(answer, 0, line, head.length + ANSWER.length, answer.length);
    System.arraycopy(END, 0, line, line.length - END.length, END.length);
    return line;
  }

  private static final byte[] ANSWER = ",\"answer\":".getBytes(StandardCharsets.UTF_8);
  private static final byte[] END = "}\n".getBytes(StandardCharsets.UTF_8);

  private UnavailableException refused(String why) {
    failures.incrementAndGet();
    return new UnavailableException("the decision could not be logged (" + why + "), so it is not sent; "
        + "send it again once the decision log can be written");
  }

  /** Why the last write failed, while the log cannot be written; empty when it is writing. */
  public Optional<String> failure() {
    return Optional.ofNullable(failure);
  }

  /** How many answers have been refused because their line could not be written. */
  public long failures() {
    return failures.get();
  }

  private void writeLines() {
    List<Line> batch = new ArrayList<>();
    while (true) {
      try {
        batch.clear();
        batch.add(queue.take());
        queue.drainTo(batch, 1023);
        boolean stop = batch.remove(STOP);
        if (!batch.isEmpty()) {
          write(batch);
        }
        if (stop) {
          return;
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        batch.forEach(line -> line.written().completeExceptionally(e));
      }
    }
  }

  /** Writes the batch in one append, or none of it: a failed write is cut back to the last whole line. */
  private void write(List<Line> batch) {
    ByteBuffer[] buffers = compressed ? new ByteBuffer[] {gzip(batch)} : plain(batch);
    long before = -1;
    try {
      if (rotated()) {
        reopen();
      }
      before = channel.size();
      long remaining = java.util.Arrays.stream(buffers).mapToLong(ByteBuffer::remaining).sum();
      while (remaining > 0) {
        remaining -= channel.write(buffers);
      }
      if (failure != null) {
        // Said before the answers go, so that whoever they reach finds the log healthy again.
        LOG.info("decision log {} is being written again", path);
        failure = null;
      }
      batch.forEach(line -> line.written().complete(null));
    } catch (IOException e) {
      cutBack(before);
      String why = reason(e);
      if (failure == null) {
        LOG.error("cannot write the decision log {}: {}; decisions are refused (503) until it can be", path, why);
      }
      failure = why;
      IOException cause = new IOException(why);
      batch.forEach(line -> line.written().completeExceptionally(cause));
    }
  }

  /** The batch's lines as they are, written together by one gathering write, with no copy. */
  private static ByteBuffer[] plain(List<Line> batch) {
    ByteBuffer[] buffers = new ByteBuffer[batch.size()];
    for (int i = 0; i < buffers.length; i++) {
      buffers[i] = ByteBuffer.wrap(batch.get(i).bytes());
    }
    return buffers;
  }

  /**
   * The batch as one gzip member: members one after another are one gzip file, which {@code zcat} reads
   * as the lines in order, and a batch cut back on failure leaves whole members, so whole lines.
   */
  private ByteBuffer gzip(List<Line> batch) {
    zipped.reset();
    try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(zipped, 64 * 1024) {
      {
        def.setLevel(java.util.zip.Deflater.BEST_SPEED);
      }
    }) {
      for (Line line : batch) {
        out.write(line.bytes());
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return ByteBuffer.wrap(zipped.toByteArray());
  }

  /** After a failed write, takes the file back to the size it had, so no line is left cut in half. */
  private void cutBack(long size) {
    try {
      if (channel != null && size >= 0 && channel.size() > size) {
        channel.truncate(size);
      }
    } catch (IOException e) {
      LOG.warn("cannot cut the decision log {} back to its last whole line: {}", path, reason(e));
    }
    try {
      if (channel != null) {
        channel.close(); // reopened by the next write, which also finds out whether the file works again
      }
    } catch (IOException e) {
      // closing a file that failed: nothing more to do
    }
  }

  private static String reason(IOException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof NoSuchFileException) {
      return "no such folder";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return message.contains("No space left") ? "no space left on the device" : message;
  }

  /** Whether the file at the path is no longer the one being written: moved, deleted, or closed after a failure. */
  private boolean rotated() throws IOException {
    if (channel == null || !channel.isOpen()) {
      return true;
    }
    try {
      return !Objects.equals(fileKey, Files.readAttributes(path, BasicFileAttributes.class).fileKey());
    } catch (NoSuchFileException e) {
      return true;
    }
  }

  private void reopen() throws IOException {
    if (channel != null && channel.isOpen()) {
      channel.close();
    }
    if (path.getParent() != null) {
      Files.createDirectories(path.getParent());
    }
    channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    fileKey = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
  }

  /** Writes the lines waiting, then closes the file. */
  @Override
  public void close() {
    try {
      queue.put(STOP);
      writer.join(WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      if (channel != null && channel.isOpen()) {
        channel.force(false);
        channel.close();
      }
    } catch (IOException e) {
      LOG.warn("closing the decision log {}: {}", path, reason(e));
    }
  }
}
