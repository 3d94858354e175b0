package org.peacepath.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.FileOutputStream;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.peacepath.decide.Decision;
import org.peacepath.wire.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 */
public final class DecisionLog implements AutoCloseable {
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
  /** How often at most the log looks whether its file has been moved away. */
  public static final Duration ROTATION_CHECK = Duration.ofMillis(100);

  /** An answer whose line could not be written, and so must not be sent. */
  public static final class UnavailableException extends RuntimeException {
    UnavailableException(String message) {
      super(message, null, false, false);
    }
  }

  private static final int WAITING = 0;
  private static final int TAKEN = 1;
  private static final int WRITTEN = 2;
  private static final int FAILED = 3;
  private static final int ABANDONED = 4;
  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(Line.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static final byte[] ANSWER = ",\"answer\":".getBytes(StandardCharsets.UTF_8);
  private static final byte[] END = "}\n".getBytes(StandardCharsets.UTF_8);

  /**
   * A line, in its three parts as they were made (never joined into one array), the thread waiting for
   * it, and where it is: waiting, taken by a writer, written, failed or given up.
   */
  static final class Line {
    /** The line's bytes in the order they are written: head, request, {@code ,"answer":}, answer, end. */
    final byte[][] parts;
    final Thread owner = Thread.currentThread();
    volatile int state = WAITING;
    volatile String failure;

    Line(byte[] head, byte[] request, byte[] answer) {
      this.parts = new byte[][] {head, request, ANSWER, answer, END};
    }

    int length() {
      int length = 0;
      for (byte[] part : parts) {
        length += part.length;
      }
      return length;
    }
  }

  private final Path path;
  private final Queue<Line> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  /** Held by the one thread writing; whoever holds it writes for everyone waiting. */
  private final AtomicBoolean writing = new AtomicBoolean();
  private final AtomicLong failures = new AtomicLong();
  private final Gzip gzip;
  private final List<Line> batch = new ArrayList<>();
  private final Buffer pending = new Buffer();
  private final LogFlusher flusher;
  private final Disk disk;
  private FileOutputStream out;
  /** The same file as {@link #out}, for a compressed log: positioned over the stream's ending before each write. */
  private java.io.RandomAccessFile positioned;
  private Object fileKey;
  /** The file's length after the last whole write: where a failed write is cut back to. */
  private long end;
  private long checkedAt;
  private volatile boolean closed;
  /** Set once closing has written the last lines: whatever still waits is refused. */
  private volatile boolean shut;
  private volatile String failure;

  private DecisionLog(Path path, LogFlusher flusher, Disk disk) {
    this.path = path;
    this.flusher = flusher;
    this.disk = disk;
    boolean compressed = path.getFileName() != null && path.getFileName().toString().endsWith(".gz");
    this.gzip = compressed ? new Gzip() : null;
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
      throw new IOException(reason(e), e);
    }
  }

  static DecisionLog open(Path path, LogFlusher flusher) throws IOException {
    return open(path, flusher, Disk.FILES);
  }

  static DecisionLog open(Path path, LogFlusher flusher, Disk disk) throws IOException {
    DecisionLog log = new DecisionLog(path, flusher, disk);
    log.reopen();
    return log;
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
    if (closed) {
      throw refused("the server is stopping");
    }
    Line line = new Line(head(kind, id, ruleset), inLine(body, request), answer);
    if (queued.incrementAndGet() > QUEUE) {
      queued.decrementAndGet();
      throw refused("the decision log is " + QUEUE + " lines behind");
    }
    queue.offer(line);
    long deadline = System.nanoTime() + WAIT.toNanos();
    int spins = 0;
    while (true) {
      switch (line.state) {
        case WRITTEN:
          return;
        case FAILED:
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
      if (shut && STATE.compareAndSet(line, WAITING, ABANDONED)) {
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
        STATE.compareAndSet(line, WAITING, ABANDONED);
        wakeNextWriter(); // had this thread been woken to write, the lines behind it are not left waiting
        throw refused("the decision log took longer than " + WAIT.toSeconds() + " s to write");
      }
      LockSupport.parkNanos(this, left);
      if (Thread.currentThread().isInterrupted() && line.state < WRITTEN) {
        STATE.compareAndSet(line, WAITING, ABANDONED);
        wakeNextWriter();
        throw refused("interrupted");
      }
    }
  }

  /**
   * The line up to its request: kind, id, time, rule set and revision. What repeats from line to line
   * (the kind, the rule set and revision, the time to the second) is made once and copied.
   */
  private static byte[] head(String kind, String id, Decision.RuleSetRef ruleset) {
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

  /**
   * Wakes the thread of the first line still waiting, so that it writes: lines that came while this
   * thread was writing would otherwise wait for a writer that is not coming.
   */
  private void wakeNextWriter() {
    Line next;
    while ((next = queue.peek()) != null && next.state == ABANDONED) {
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
    Line line;
    long bytes = 0;
    while (batch.size() < BATCH && bytes < BATCH_BYTES && (line = queue.poll()) != null) {
      queued.decrementAndGet();
      if (STATE.compareAndSet(line, WAITING, TAKEN)) {
        batch.add(line);
        bytes += line.length();
      }
    }
    if (batch.isEmpty()) {
      return;
    }
    String why;
    try {
      why = write(batch);
    } catch (RuntimeException | Error e) {
      // Whatever broke, the file keeps whole lines only and the compressor starts afresh.
      why = "a fault in peacepath kept the line from being written; the server log has the details";
      LOG.error("cannot write the decision log {}", path, e);
      cutBack();
      if (gzip != null) {
        gzip.lost();
      }
    }
    Thread self = Thread.currentThread();
    for (Line written : batch) {
      if (why == null) {
        written.state = WRITTEN;
      } else {
        written.failure = why;
        written.state = FAILED;
      }
      if (written.owner != self) {
        LockSupport.unpark(written.owner);
      }
    }
    batch.clear();
  }

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

  /**
   * Writes the batch in one append, or none of it: a failed write is cut back to the last whole line.
   *
   * @return why it failed, or {@code null} when it was written
   */
  private String write(List<Line> lines) {
    try {
      openAtPath();
      pending.reset();
      long at = end;
      if (gzip != null) {
        at = gzip.at(end);
        gzip.compress(lines, pending);
        positioned.seek(at);
      } else {
        for (Line line : lines) {
          for (byte[] part : line.parts) {
            pending.write(part);
          }
        }
      }
      out.write(pending.array(), 0, pending.size());
      end = at + pending.size();
      flusher.written(end);
      if (gzip != null) {
        gzip.written();
      }
      if (failure != null) {
        // Said before the answers go, so that whoever they reach finds the log healthy again.
        LOG.info("decision log {} is being written again", path);
        failure = null;
      }
      return null;
    } catch (IOException e) {
      cutBack();
      if (gzip != null) {
        gzip.lost();
      }
      String why = reason(e);
      if (failure == null) {
        LOG.error("cannot write the decision log {}: {}; decisions are refused (503) until it can be", path, why);
      }
      failure = why;
      return why;
    } finally {
      if (pending.size() > 4 * 1024 * 1024) {
        pending.trim(); // a batch of very large answers is not kept in memory afterwards
      }
    }
  }

  /** A growing buffer whose bytes are written as they lie, not copied out first. */
  static final class Buffer extends java.io.ByteArrayOutputStream {
    private static final int SIZE = 256 * 1024;

    Buffer() {
      super(SIZE);
    }

    byte[] array() {
      return buf;
    }

    @Override
    public void write(byte[] bytes) {
      write(bytes, 0, bytes.length);
    }

    void trim() {
      buf = new byte[SIZE];
      count = 0;
    }
  }

  /**
   * One gzip stream across writes: each write's lines are compressed with the lines before them in mind,
   * flushed to a whole byte and followed by the member's ending (an empty last block, then the CRC and
   * length of the lines it holds), so the file read so far holds every line written and ends properly.
   * The next write goes over that ending and writes it anew after its own lines. After a failed write,
   * whose lines the compressor has seen but the file does not hold, the next write puts the ending back
   * and begins a new member with a fresh compressor. What a write changes is kept only once it has
   * succeeded.
   */
  static final class Gzip {
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    /** A last deflate block, empty, after a flush: what ends a member's compressed data. */
    private static final byte[] LAST_BLOCK = {3, 0};
    /** The length of a member's ending: the last block, the CRC and the length. */
    static final int ENDING = LAST_BLOCK.length + 8;
    private final Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
    private final byte[] chunk = new byte[64 * 1024];
    private final CRC32 crc = new CRC32();
    private long length;
    /** Whether the file ends with {@link #ending}, the ending of the member the compressor is writing. */
    private boolean open;
    /** Whether the compressor has seen lines the file does not hold, or belongs to a member ended for good. */
    private boolean stale = true;
    /** The ending in the file, and the one the write being made ends with. */
    private byte[] ending;
    private byte[] next;

    /**
     * The most a member holds before the next write ends it and begins another: what {@link
     * #endLeftOpen} has to read again after a crash.
     */
    static final long MEMBER = 64L << 20;

    /** Where a write goes in a file {@code end} bytes long: over the member's ending, when it ends with one. */
    long at(long end) {
      return open ? end - ENDING : end;
    }

    /**
     * The lines compressed and flushed, then the member's ending; written where {@link #at} says. A write
     * that begins a new member puts back the ending of the one before first, where it stood.
     */
    void compress(List<Line> lines, Buffer into) {
      if (!open || stale || length >= MEMBER) {
        if (open) {
          into.write(ending);
        }
        deflater.reset();
        crc.reset();
        length = 0;
        into.write(HEADER);
      }
      for (Line line : lines) {
        for (byte[] part : line.parts) {
          deflate(part, into);
          crc.update(part);
          length += part.length;
        }
      }
      int n;
      do {
        n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
        into.write(chunk, 0, n);
      } while (n == chunk.length);
      next = ending(crc.getValue(), length);
      into.write(next);
    }

    private void deflate(byte[] bytes, Buffer into) {
      deflater.setInput(bytes);
      while (!deflater.needsInput()) {
        int n = deflater.deflate(chunk, 0, chunk.length, Deflater.NO_FLUSH);
        into.write(chunk, 0, n);
      }
    }

    /** The write succeeded: the file ends with the ending of the member the compressor is writing. */
    void written() {
      ending = next;
      open = true;
      stale = false;
    }

    /** The write failed and was cut back: what the compressor saw last is not in the file. */
    void lost() {
      stale = true;
    }

    /** The file at the path is another one: nothing of a member is in it. */
    void newFile() {
      open = false;
      stale = true;
    }

    /** Whether the file ends with a member's ending that a write may have begun over. */
    boolean open() {
      return open;
    }

    /** The ending the file ends with. */
    byte[] ending() {
      return ending;
    }

    /** An empty last block after a flush, then the member's trailer: the CRC and length of what it holds. */
    private static byte[] ending(long crc, long length) {
      byte[] ending = new byte[ENDING];
      System.arraycopy(LAST_BLOCK, 0, ending, 0, LAST_BLOCK.length);
      for (int i = 0; i < 4; i++) {
        ending[LAST_BLOCK.length + i] = (byte) (crc >>> (8 * i));
        ending[LAST_BLOCK.length + 4 + i] = (byte) (length >>> (8 * i));
      }
      return ending;
    }

    void close() {
      deflater.end();
    }

    /** What a flush leaves at the end of a member's compressed data: an empty stored block. */
    private static final byte[] FLUSHED = {0, 0, (byte) 0xff, (byte) 0xff};

    /**
     * Ends the member a crash (or a kill) left open at the end of {@code file}, {@code size} bytes long,
     * so that members appended after it can be read: its lines are read again to learn their CRC and
     * length, then the ending is written. A file that ends otherwise (ended, or not written by
     * peacepath) is left as it is.
     *
     * @return the file's length afterwards
     */
    static long endLeftOpen(Path file, long size) throws IOException {
      try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file,
          java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
        if (size < HEADER.length + FLUSHED.length || !java.util.Arrays.equals(read(channel, size - 4, 4), FLUSHED)) {
          return size;
        }
        long start = lastHeader(channel, size);
        if (start < 0) {
          return size;
        }
        java.util.zip.Inflater inflater = new java.util.zip.Inflater(true);
        CRC32 crc = new CRC32();
        long length = 0;
        try {
          byte[] in = new byte[64 * 1024];
          byte[] out = new byte[256 * 1024];
          long at = start + HEADER.length;
          while (at < size) {
            int n = channel.read(java.nio.ByteBuffer.wrap(in, 0, (int) Math.min(in.length, size - at)), at);
            at += n;
            inflater.setInput(in, 0, n);
            while (!inflater.needsInput() && !inflater.finished()) {
              int got = inflater.inflate(out);
              crc.update(out, 0, got);
              length += got;
            }
          }
          if (inflater.finished()) {
            return size; // an ended member after all
          }
        } catch (java.util.zip.DataFormatException e) {
          return size; // not a stream this log wrote: left alone
        } finally {
          inflater.end();
        }
        byte[] ending = ending(crc.getValue(), length);
        channel.write(java.nio.ByteBuffer.wrap(ending), size);
        return size + ending.length;
      }
    }

    private static byte[] read(java.nio.channels.FileChannel channel, long at, int length) throws IOException {
      java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(length);
      while (bytes.hasRemaining() && channel.read(bytes, at + bytes.position()) > 0) {
        // read on
      }
      return bytes.array();
    }

    /** Where the last member this log began starts: its header, sought backwards from the end. */
    private static long lastHeader(java.nio.channels.FileChannel channel, long size) throws IOException {
      int chunk = 1 << 20;
      long end = size;
      while (end > 0) {
        long from = Math.max(0, end - chunk);
        // overlap by the header's length, so that a header across two chunks is found
        byte[] bytes = read(channel, from, (int) (Math.min(size, end + HEADER.length - 1) - from));
        for (int i = bytes.length - HEADER.length; i >= 0; i--) {
          if (java.util.Arrays.equals(bytes, i, i + HEADER.length, HEADER, 0, HEADER.length)) {
            return from + i;
          }
        }
        end = from;
      }
      return -1;
    }
  }

  /** After a failed write, takes the file back to its last whole write, so no line is left cut in half. */
  private void cutBack() {
    if (out == null) {
      return;
    }
    try {
      if (gzip != null && gzip.open()) {
        // The write may have begun over the member's ending: it is put back where it stood, over bytes
        // the file already has, so a full disk has room for it, and the file reads to its end.
        positioned.seek(end - Gzip.ENDING);
        out.write(gzip.ending());
      }
      if (out.getChannel().size() > end) {
        out.getChannel().truncate(end);
      }
    } catch (IOException e) {
      // the next write to this file puts the ending back before anything else
      LOG.warn("cannot cut the decision log {} back to its last whole line: {}", path, reason(e));
    }
    try {
      out.close(); // reopened by the next write, which also finds out whether the file works again
    } catch (IOException e) {
      // closing a file that failed: nothing more to do
    }
    out = null;
    positioned = null;
  }

  /** Refused to open: a symbolic link stands at the log's path. */
  private static final class SymbolicLink extends IOException {
    SymbolicLink() {
      super("a symbolic link stands at its path, and the decision log follows none (it could lead anywhere); "
          + "give the path of the file itself", null);
    }
  }

  /** Why the file could not be opened or written, in words: never its path, nor the class of what was thrown. */
  static String reason(IOException e) {
    if (e instanceof SymbolicLink) {
      return e.getMessage();
    }
    String message = e instanceof java.nio.file.FileSystemException fs ? fs.getReason() : e.getMessage();
    message = message == null ? "" : message.replaceAll("^.* \\((.+)\\)$", "$1"); // "PATH (REASON)": the reason
    if (e instanceof NoSuchFileException || message.contains("No such file")) {
      return "no such folder";
    }
    if (e instanceof java.nio.file.AccessDeniedException || message.contains("Permission denied")) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.FileAlreadyExistsException || message.contains("Not a directory")) {
      return "a file stands where its folder should be";
    }
    if (message.contains("Is a directory")) {
      return "a folder stands at its path";
    }
    if (message.contains("No space left")) {
      return "no space left on the device";
    }
    if (message.contains("Disk quota exceeded")) {
      return "the disk quota is used up";
    }
    if (message.contains("Read-only file system")) {
      return "the file system is read-only";
    }
    return message.isEmpty() || message.matches("(?s)(.*\\s)?/.*") ? "the operating system refused it" // a path: left out
        : "the operating system refused it: " + message.toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Makes sure the file written is the one at the path, opening it afresh when it was closed after a
   * failure or, looked at no more often than {@link #ROTATION_CHECK}, was moved away or deleted.
   */
  private void openAtPath() throws IOException {
    if (out != null) {
      long now = System.nanoTime();
      if (gzip == null && now - checkedAt < ROTATION_CHECK.toNanos()) {
        // A plain log is looked at now and then: a line or two written to a moved file are still
        // there. A compressed one is looked at before every write: a stream continued in a file
        // emptied under it (copytruncate) would leave it unreadable.
        return;
      }
      checkedAt = now;
      try {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (Objects.equals(fileKey, attributes.fileKey())) {
          if (attributes.size() != end) {
            // Emptied by an outside tool (copytruncate, say): what it holds is where writing goes on.
            end = attributes.size();
            flusher.written(end);
            if (gzip != null) {
              gzip.newFile();
            }
          }
          return;
        }
      } catch (NoSuchFileException e) {
        // moved away: started afresh below
      }
      LOG.info("decision log {} was moved away; starting a new file there", path);
    }
    reopen();
  }

  /** Ends what was being written, then opens the file at the path for appending. */
  private void reopen() throws IOException {
    Object before = fileKey;
    if (out != null) {
      FileOutputStream old = out;
      out = null;
      positioned = null;
      old.close(); // ended by its last write
    }
    if (path.getParent() != null) {
      Files.createDirectories(path.getParent());
    }
    if (Files.isSymbolicLink(path)) {
      throw new SymbolicLink(); // before opening: opening would create or write the file it leads to
    }
    // A stream rather than a channel: a thread interrupted while it writes would close a channel for
    // every thread, and here the writing is done by whichever thread is answering.
    if (gzip != null) {
      // Opened to be written where the stream's ending stands, not appended to.
      positioned = new java.io.RandomAccessFile(path.toFile(), "rw");
      out = disk.stream(new FileOutputStream(positioned.getFD()));
    } else {
      out = disk.stream(new FileOutputStream(path.toFile(), true));
    }
    BasicFileAttributes opened = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (opened.isSymbolicLink()) { // put there while the file was being opened
      out.close();
      out = null;
      positioned = null;
      throw new SymbolicLink();
    }
    boolean same = opened.fileKey() != null && opened.fileKey().equals(before);
    fileKey = opened.fileKey();
    if (gzip != null && same && gzip.open() && opened.size() > end) {
      // A failed write that could not be cut back: cut back now; the next write puts the ending back first.
      out.getChannel().truncate(end);
    } else {
      end = opened.size();
    }
    checkedAt = System.nanoTime();
    flusher.follow(path, end);
    if (gzip != null && (before == null || !before.equals(fileKey) || end == 0)) {
      gzip.newFile();
      if (end > 0) {
        end = Gzip.endLeftOpen(path, end);
        if (end != opened.size()) {
          LOG.warn("decision log {} ended with a gzip stream left open (the server stopped without closing "
              + "it); it has been ended, so that the lines written after it can be read", path);
        }
      }
    }
  }

  /** Writes the lines waiting, then closes the file (a compressed one is ended by each write); answers after this are refused. */
  @Override
  public void close() {
    closed = true;
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!writing.compareAndSet(false, true)) {
      if (System.nanoTime() > deadline) {
        LOG.warn("closing the decision log {}: a write did not finish within {} s", path, WAIT.toSeconds());
        return;
      }
      LockSupport.parkNanos(1_000_000);
    }
    try {
      while (!queue.isEmpty()) {
        writeWaiting();
      }
      shut = true;
      for (Line late : queue) {
        LockSupport.unpark(late.owner); // came after the last write: refused now rather than in 5 s
      }
      if (out != null) {
        out.getFD().sync();
        out.close();
      }
    } catch (IOException e) {
      LOG.warn("closing the decision log {}: {}", path, reason(e));
    } finally {
      flusher.close();
      if (gzip != null) {
        gzip.close();
      }
    }
  }
}
