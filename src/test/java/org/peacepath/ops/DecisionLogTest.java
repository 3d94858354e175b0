package org.peacepath.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peacepath.decide.Decision;
import org.peacepath.wire.Json;

/** The decision log on its own: group commit, whole lines, the gzip stream through failures, requests as sent. */
class DecisionLogTest {
  private static final Decision.RuleSetRef SIGAL = new Decision.RuleSetRef("sigal", "0123456789ab");

  @TempDir Path dir;

  private static void append(DecisionLog log, String id) throws Exception {
    byte[] body = ("{\"completed\": [{\"step\": \"peace-declaration\", \"note\": \"" + id + "\"}]}")
        .getBytes(StandardCharsets.UTF_8);
    byte[] answer = ("{\"decisionId\":\"" + id + "\",\"unlocked\":[]}").getBytes(StandardCharsets.UTF_8);
    log.append("decision", id, SIGAL, body, Json.MAPPER.readTree(body), answer);
  }

  /** The lines a gzip file holds so far, read as {@code zcat} reads them, up to a stream not yet ended. */
  private static List<String> gunzipSoFar(byte[] file) throws Exception {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(file))) {
      byte[] buffer = new byte[8192];
      for (int n; (n = in.read(buffer)) > 0; ) {
        text.write(buffer, 0, n);
      }
    } catch (EOFException e) {
      // a member still being written: everything before its end has been read
    }
    return text.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private static List<String> gunzipWhole(Path file) throws Exception {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  private static List<String> ids(List<String> lines) throws Exception {
    List<String> ids = new ArrayList<>();
    for (String line : lines) {
      ids.add(Json.MAPPER.readTree(line).get("decisionId").asText());
    }
    return ids;
  }

  @Test
  void a_compressed_log_can_be_read_to_its_last_line_while_it_is_written() throws Exception {
    Path file = dir.resolve("decisions.jsonl.gz");
    try (DecisionLog log = DecisionLog.open(file)) {
      append(log, "one");
      assertEquals(List.of("one"), ids(gunzipSoFar(Files.readAllBytes(file))));
      append(log, "two");
      append(log, "three");
      assertEquals(List.of("one", "two", "three"), ids(gunzipSoFar(Files.readAllBytes(file))));
    }
    assertEquals(List.of("one", "two", "three"), ids(gunzipWhole(file)), "closed, the stream is ended");
  }

  @Test
  void a_line_names_its_kind_rule_set_revision_and_time_in_iso_8601() throws Exception {
    Path file = dir.resolve("decisions.jsonl");
    java.time.Instant before = java.time.Instant.now();
    try (DecisionLog log = DecisionLog.open(file)) {
      append(log, "one");
      log.append("plan", "two", new Decision.RuleSetRef("treaty-\"first\"", "r2"), "{}".getBytes(StandardCharsets.UTF_8),
          Json.MAPPER.createObjectNode(), "{}".getBytes(StandardCharsets.UTF_8));
    }
    java.time.Instant after = java.time.Instant.now();
    List<String> lines = Files.readAllLines(file);
    JsonNode first = Json.MAPPER.readTree(lines.get(0));
    assertEquals("decision", first.get("kind").asText());
    assertEquals("sigal", first.get("ruleset").asText());
    assertEquals("0123456789ab", first.get("revision").asText());
    assertTrue(first.get("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z"), first.get("time").asText());
    java.time.Instant time = java.time.Instant.parse(first.get("time").asText());
    assertTrue(!time.isBefore(before) && !time.isAfter(after), time + " not between " + before + " and " + after);
    JsonNode second = Json.MAPPER.readTree(lines.get(1));
    assertEquals("plan", second.get("kind").asText());
    assertEquals("treaty-\"first\"", second.get("ruleset").asText(), "names are quoted as JSON");
  }

  @Test
  void the_gzip_stream_goes_on_whole_after_a_write_that_was_lost() throws Exception {
    GzipMembers gzip = new GzipMembers();
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    List<LogLine> first = List.of(line("one"), line("two"));
    List<LogLine> lost = List.of(line("lost"));
    List<LogLine> after = List.of(line("three"));
    List<LogLine> last = List.of(line("four"));

    assertEquals(0, gzip.at(file.size()));
    write(gzip, first, file);
    assertEquals(List.of("one", "two"), ids(gunzip(file.toByteArray())), "each write leaves the stream ended");

    LogBuffer failed = new LogBuffer();
    gzip.compress(lost, failed); // never reaches the file: cut back
    gzip.lost();

    write(gzip, after, file);
    write(gzip, last, file);
    gzip.close();

    assertEquals(List.of("one", "two", "three", "four"), ids(gunzip(file.toByteArray())),
        "the first member ended, then a second one, continued over its ending");
  }

  /** Writes the lines where a file would take them: over the stream's ending, if it has one. */
  private static void write(GzipMembers gzip, List<LogLine> lines, ByteArrayOutputStream file) {
    LogBuffer written = new LogBuffer();
    gzip.compress(lines, written);
    byte[] before = java.util.Arrays.copyOf(file.toByteArray(), (int) gzip.at(file.size()));
    file.reset();
    file.writeBytes(before);
    file.write(written.array(), 0, written.size());
    gzip.written();
  }

  private static List<String> gunzip(byte[] file) throws Exception {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(file))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  private static LogLine line(String id) {
    return new LogLine(("{\"kind\":\"decision\",\"decisionId\":\"" + id + "\",\"request\":")
        .getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void a_symbolic_link_at_the_path_is_refused_at_the_start_and_after_a_rotation() throws Exception {
    for (String name : List.of("decisions.jsonl", "decisions.jsonl.gz")) {
      Path target = Files.writeString(dir.resolve("target-" + name), "not the log's\n");
      Path link = Files.createSymbolicLink(dir.resolve("link-" + name), target);

      java.io.IOException refused = assertThrows(java.io.IOException.class, () -> DecisionLog.open(link));
      assertEquals("a symbolic link stands at its path, and the decision log follows none (it could lead anywhere); "
          + "give the path of the file itself", refused.getMessage());

      Path file = dir.resolve(name);
      try (DecisionLog log = DecisionLog.open(file)) {
        append(log, "one");
        Files.move(file, dir.resolve(name + ".1"));
        Files.createSymbolicLink(file, target); // put in the rotated file's place
        Thread.sleep(DecisionLog.ROTATION_CHECK.toMillis() + 100);
        assertThrows(DecisionLog.UnavailableException.class, () -> append(log, "two"));
        assertTrue(log.failure().orElseThrow().startsWith("a symbolic link stands at its path"), log.failure().toString());
        Files.delete(file);
        append(log, "three");
      }
      assertEquals("not the log's\n", Files.readString(target), "nothing written through the link");
      assertEquals(List.of("three"), ids(name.endsWith(".gz") ? gunzipWhole(file) : Files.readAllLines(file)));
    }
  }

  @Test
  void a_compressed_log_whose_disk_fills_is_left_ended_so_it_reads_to_its_end() throws Exception {
    for (int room = 0; room <= 24; room += 3) {
      Path file = dir.resolve("full-" + room + ".jsonl.gz");
      SmallDisk disk = new SmallDisk(Long.MAX_VALUE);
      try (DecisionLog log = disk.open(file)) {
        append(log, "one");
        append(log, "two");
        disk.room(room, file); // the disk fills up during the next write
        assertThrows(DecisionLog.UnavailableException.class, () -> append(log, "refused"));
        assertEquals(List.of("one", "two"), ids(gunzipWhole(file)), "while the disk is full, with " + room + " bytes left");
        assertTrue(log.failure().orElseThrow().contains("no space left on the device"), log.failure().toString());
      }
      assertEquals(List.of("one", "two"), ids(gunzipWhole(file)), "closed while the disk is full");
      disk.free();
      try (DecisionLog log = disk.open(file)) {
        append(log, "three");
      }
      assertEquals(List.of("one", "two", "three"), ids(gunzipWhole(file)), "written on once there is room");
    }
  }

  @Test
  void a_compressed_log_refuses_while_its_disk_is_full_then_resumes_in_the_same_file() throws Exception {
    Path file = dir.resolve("decisions.jsonl.gz");
    SmallDisk disk = new SmallDisk(Long.MAX_VALUE);
    try (DecisionLog log = disk.open(file)) {
      append(log, "before");
      disk.fill(file);
      assertThrows(DecisionLog.UnavailableException.class, () -> append(log, "refused"));
      assertThrows(DecisionLog.UnavailableException.class, () -> append(log, "refused again"));
      assertEquals(List.of("before"), ids(gunzipWhole(file)));
      disk.free();
      append(log, "after");
      assertTrue(log.failure().isEmpty());
      assertEquals(List.of("before", "after"), ids(gunzipWhole(file)), "readable to its end between writes");
      append(log, "last");
    }
    assertEquals(List.of("before", "after", "last"), ids(gunzipWhole(file)));
  }

  @Test
  void lines_appended_at_once_from_many_threads_are_each_written_whole() throws Exception {
    for (String name : List.of("decisions.jsonl", "decisions.jsonl.gz")) {
      Path file = dir.resolve(name);
      ExecutorService clients = Executors.newFixedThreadPool(16);
      try (DecisionLog log = DecisionLog.open(file)) {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
          int thread = t;
          done.add(clients.submit(() -> {
            for (int n = 0; n < 200; n++) {
              append(log, thread + "-" + n);
            }
            return null;
          }));
        }
        for (Future<?> future : done) {
          future.get(60, TimeUnit.SECONDS);
        }
      } finally {
        clients.shutdown();
      }
      List<String> lines = name.endsWith(".gz") ? gunzipWhole(file) : Files.readAllLines(file);
      assertEquals(3200, lines.size(), name);
      assertEquals(3200, ids(lines).stream().distinct().count(), name);
    }
  }

  @Test
  void a_request_is_kept_as_sent_with_its_line_breaks_made_spaces() throws Exception {
    byte[] body = "{\r\n  \"completed\": [\n]\n}\n".getBytes(StandardCharsets.UTF_8);
    JsonNode parsed = Json.MAPPER.readTree(body);
    byte[] inLine = LogLine.inLine(body, parsed);
    assertArrayEquals("{    \"completed\": [ ] } ".getBytes(StandardCharsets.UTF_8), inLine);
    assertEquals(parsed, Json.MAPPER.readTree(inLine));
    byte[] plain = "{\"completed\": []}".getBytes(StandardCharsets.UTF_8);
    assertTrue(plain == LogLine.inLine(plain, Json.MAPPER.readTree(plain)), "a body on one line is used as it is");
  }

  @Test
  void a_request_not_in_plain_utf8_is_written_as_read() throws Exception {
    for (byte[] body : List.of("{\"completed\": []}".getBytes(StandardCharsets.UTF_16BE),
        "{\"completed\": []}".getBytes(StandardCharsets.UTF_16LE),
        "\uFEFF{\"completed\": []}".getBytes(StandardCharsets.UTF_8))) {
      JsonNode parsed = Json.MAPPER.readTree(body);
      assertEquals("{\"completed\":[]}", new String(LogLine.inLine(body, parsed), StandardCharsets.UTF_8));
    }
  }

  @Test
  void written_lines_are_put_on_disk_and_let_go_of_from_memory() throws Exception {
    Assumptions.assumeTrue(com.sun.jna.Platform.isLinux(), "posix_fadvise is Linux's");
    Path file = dir.resolve("decisions.jsonl");
    String filler = "x".repeat(4000);
    try (DecisionLog log = DecisionLog.open(file)) {
      for (int i = 0; i < 1000; i++) { // about 4 MB
        byte[] body = ("{\"completed\": [], \"note\": \"" + filler + "\"}").getBytes(StandardCharsets.UTF_8);
        log.append("decision", "id-" + i, SIGAL, body, Json.MAPPER.readTree(body), "{}".getBytes(StandardCharsets.UTF_8));
      }
      int pages = (int) (Files.size(file) / 4096) - 1; // the page being filled stays
      long deadline = System.nanoTime() + 10_000_000_000L;
      int resident;
      do {
        Thread.sleep(200);
        resident = resident(file, pages);
      } while (resident > pages / 10 && System.nanoTime() < deadline);
      assertTrue(resident <= pages / 10, resident + " of " + pages + " written pages still held in memory");
      assertEquals(1000, Files.readAllLines(file).size(), "and every line is still there, read back from disk");
    }
  }

  /** How many of the file's first {@code pages} pages are in the page cache ({@code mincore}, without reading them). */
  private static int resident(Path file, int pages) throws Exception {
    try (var channel = java.nio.channels.FileChannel.open(file)) {
      var map = channel.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, 0, (long) pages * 4096);
      int resident = 0;
      for (int page = 0; page < pages; page++) {
        if (map.slice(page * 4096, 4096).isLoaded()) {
          resident++;
        }
      }
      return resident;
    }
  }

  @Test
  void without_the_c_library_the_log_still_writes_and_rotates() throws Exception {
    Path file = dir.resolve("decisions.jsonl");
    try (DecisionLog log = DecisionLog.open(file, new LogFlusher(false))) {
      append(log, "one");
      Files.move(file, dir.resolve("decisions.jsonl.1"));
      Thread.sleep(DecisionLog.ROTATION_CHECK.toMillis() + 100);
      append(log, "two");
    }
    assertEquals(List.of("one"), ids(Files.readAllLines(dir.resolve("decisions.jsonl.1"))));
    assertEquals(List.of("two"), ids(Files.readAllLines(file)));
  }

  @Test
  void a_compressed_log_left_open_by_a_crash_is_ended_before_more_is_written() throws Exception {
    Path file = dir.resolve("decisions.jsonl.gz");
    Path crashed = dir.resolve("crashed.jsonl.gz");
    try (DecisionLog log = DecisionLog.open(file)) {
      append(log, "one");
      append(log, "two");
      // The file as a server killed in the middle of a write leaves it (or one before peacepath ended
      // the stream with each write): flushed, not ended.
      byte[] bytes = Files.readAllBytes(file);
      Files.write(crashed, java.util.Arrays.copyOf(bytes, bytes.length - GzipMembers.ENDING));
    }
    try (DecisionLog log = DecisionLog.open(crashed)) {
      append(log, "three");
    }
    assertEquals(List.of("one", "two", "three"), ids(gunzipWhole(crashed)));
    long size = Files.size(crashed);
    try (DecisionLog log = DecisionLog.open(crashed)) {
      append(log, "four"); // an ended file is appended to as it is
    }
    assertEquals(List.of("one", "two", "three", "four"), ids(gunzipWhole(crashed)));
    assertTrue(Files.size(crashed) > size);
  }

}
