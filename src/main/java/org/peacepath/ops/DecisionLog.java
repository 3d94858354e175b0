package org.peacepath.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Objects;
import org.peacepath.decide.Decision;
import org.peacepath.decide.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision log: one JSON line for each decision, comparison and plan answered, with its id, the
 * time, the rule set and revision, the request and the answer.
 *
 * <p>Each line is handed to the operating system in one append-mode write before the answer is sent,
 * so a crash of peacepath loses at most the line being written, while no request waits for the disk
 * itself (nothing is forced to disk). Before each line the log checks that its file is still the one
 * at its path; when an outside tool has moved it away for rotation, a new file is started there.
 */
public final class DecisionLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DecisionLog.class);

  private final Path path;
  private FileChannel channel;
  private Object fileKey;
  private boolean failing;

  private DecisionLog(Path path) {
    this.path = path;
  }

  /** Opens the log at {@code path} for appending, creating it if need be. */
  public static DecisionLog open(Path path) throws IOException {
    DecisionLog log = new DecisionLog(path);
    synchronized (log) {
      log.reopen();
    }
    return log;
  }

  /**
   * Appends one line.
   *
   * @param kind {@code decision}, {@code comparison} or {@code plan}
   * @param id the answer's id, as sent in the response's {@code X-Decision-Id} header
   * @param ruleset the rule set and revision that answered
   * @param request the request body
   * @param answer the answer sent, as the JSON bytes sent, so that it is not written to JSON twice
   */
  public void append(String kind, String id, Decision.RuleSetRef ruleset, JsonNode request, byte[] answer) {
    ObjectNode line = Json.MAPPER.createObjectNode();
    line.put("kind", kind);
    line.put("decisionId", id);
    line.put("time", Instant.now().toString());
    line.put("ruleset", ruleset.name());
    line.put("revision", ruleset.revision());
    line.set("request", request);
    line.putRawValue("answer", new RawValue(new String(answer, StandardCharsets.UTF_8)));
    byte[] bytes = (Json.write(line) + "\n").getBytes(StandardCharsets.UTF_8);
    write(bytes);
  }

  private synchronized void write(byte[] bytes) {
    try {
      if (rotated()) {
        reopen();
      }
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      if (failing) {
        LOG.info("decision log {} is being written again", path);
        failing = false;
      }
    } catch (IOException e) {
      if (!failing) {
        LOG.error("cannot write the decision log {}; answers go on being served: {}", path, e.toString());
        failing = true;
      }
    }
  }

  /** Whether the file at the path is no longer the one being written: moved, or deleted. */
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
    if (channel != null) {
      channel.close();
    }
    if (path.getParent() != null) {
      Files.createDirectories(path.getParent());
    }
    channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    fileKey = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
  }

  /** Closes the file; every line appended is already with the operating system. */
  @Override
  public synchronized void close() {
    try {
      if (channel != null) {
        channel.force(false);
        channel.close();
      }
    } catch (IOException e) {
      LOG.warn("closing the decision log {}: {}", path, e.toString());
    }
  }
}
