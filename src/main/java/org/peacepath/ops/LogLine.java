package org.peacepath.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.peacepath.decide.Decision;
import org.peacepath.wire.Json;

/**
 * One line of the decision log, in its parts as they were made (never joined into one array): the head
 * (kind, id, time, rule set and revision), the request on one line, and the answer as it was sent. With
 * the thread waiting for it and where it stands in the group commit ({@link GroupCommit}).
 */
final class LogLine {
  static final int WAITING = 0;
  static final int TAKEN = 1;
  static final int WRITTEN = 2;
  static final int FAILED = 3;
  static final int ABANDONED = 4;

  private static final byte[] ANSWER = ",\"answer\":".getBytes(StandardCharsets.UTF_8);
  private static final byte[] END = "}\n".getBytes(StandardCharsets.UTF_8);

  /** The line's bytes in the order they are written: head, request, {@code ,"answer":}, answer, end. */
  final byte[][] parts;
  final Thread owner = Thread.currentThread();
  volatile int state = WAITING;
  volatile String failure;

  LogLine(byte[] head, byte[] request, byte[] answer) {
    this.parts = new byte[][] {head, request, ANSWER, answer, END};
  }

  /** The line of an answer: its head, the request as sent (on one line), and the answer's bytes. */
  static LogLine of(String kind, String id, Decision.RuleSetRef ruleset, byte[] body, JsonNode request, byte[] answer) {
    return new LogLine(head(kind, id, ruleset), inLine(body, request), answer);
  }

  int length() {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    return length;
  }

  /**
   * The line up to its request: kind, id, time, rule set and revision. What repeats from line to line
   * (the kind, the rule set and revision, the time to the second) is made once and copied.
   */
  static byte[] head(String kind, String id, Decision.RuleSetRef ruleset) {
    byte[] start = KINDS.computeIfAbsent(kind, k -> utf8("{\"kind\":\"" + quoted(k) + "\",\"decisionId\":\""));
    byte[] identity = JsonStringEncoder.getInstance().quoteAsUTF8(id);
    if (RULESETS.size() > 256) {
      RULESETS.clear(); // revisions come and go with reloads; the ones in use come straight back
    }
    byte[] end = RULESETS.computeIfAbsent(ruleset, r -> utf8("\",\"ruleset\":\"" + quoted(r.name())
        + "\",\"revision\":\"" + quoted(r.revision()) + "\",\"request\":"));
    Instant now = Instant.now();
    Second second = Second.of(now.getEpochSecond());
    byte[] head = new byte[start.length + identity.length + TIME.length + second.text.length + 10 + end.length];
    int at = 0;
    System.arraycopy(start, 0, head, at, start.length);
    at += start.length;
    System.arraycopy(identity, 0, head, at, identity.length);
    at += identity.length;
    System.arraycopy(TIME, 0, head, at, TIME.length);
    at += TIME.length;
    System.arraycopy(second.text, 0, head, at, second.text.length);
    at += second.text.length;
    int nanos = now.getNano();
    for (int i = at + 8; i >= at; i--) { // the nanoseconds, nine digits
      head[i] = (byte) ('0' + nanos % 10);
      nanos /= 10;
    }
    at += 9;
    head[at++] = 'Z';
    System.arraycopy(end, 0, head, at, end.length);
    return head;
  }

  private static final java.util.Map<String, byte[]> KINDS = new java.util.concurrent.ConcurrentHashMap<>();
  private static final java.util.Map<Decision.RuleSetRef, byte[]> RULESETS = new java.util.concurrent.ConcurrentHashMap<>();
  private static final byte[] TIME = utf8("\",\"time\":\"");

  /** A second written as ISO 8601 in UTC up to its decimal point, {@code 2027-05-14T09:30:00.}, kept while it lasts. */
  private record Second(long epochSecond, byte[] text) {
    private static volatile Second last = new Second(Long.MIN_VALUE, new byte[0]);

    static Second of(long epochSecond) {
      Second second = last;
      if (second.epochSecond != epochSecond) {
        String text = java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME
            .format(java.time.LocalDateTime.ofEpochSecond(epochSecond, 0, java.time.ZoneOffset.UTC));
        second = new Second(epochSecond, utf8(text + "."));
        last = second;
      }
      return second;
    }
  }

  private static String quoted(String text) {
    return new String(JsonStringEncoder.getInstance().quoteAsString(text));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The request as the client sent it, on one line. Strict JSON has line breaks only between its
   * tokens, never inside a string, so they become spaces and the value is unchanged. A body that is not
   * plain UTF-8 (a byte-order mark, UTF-16 or UTF-32, which the reader also accepts) is written as read
   * instead.
   */
  static byte[] inLine(byte[] body, JsonNode request) {
    int start = 0;
    while (start < body.length && (body[start] == ' ' || body[start] == '\t' || body[start] == '\n' || body[start] == '\r')) {
      start++;
    }
    boolean plain = start < body.length && body[start] == '{';
    boolean breaks = false;
    for (int i = start; plain && i < body.length; i++) {
      byte b = body[i];
      if (b == 0) {
        plain = false;
      } else if (b == '\n' || b == '\r') {
        breaks = true;
      }
    }
    if (!plain) {
      try {
        return Json.MAPPER.writeValueAsBytes(request);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot write the request of a decision log line", e);
      }
    }
    if (!breaks) {
      return body;
    }
    byte[] line = body.clone();
    for (int i = 0; i < line.length; i++) {
      if (line[i] == '\n' || line[i] == '\r') {
        line[i] = ' ';
      }
    }
    return line;
  }

}
