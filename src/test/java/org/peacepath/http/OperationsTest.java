package org.peacepath.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peacepath.Bundled;
import org.peacepath.RulesCopy;
import org.peacepath.wire.Json;
import org.peacepath.ops.DecisionLog;
import org.peacepath.ops.Metrics;
import org.peacepath.rules.RuleSets;

/** What the engineer who runs peacepath relies on: the decision log, metrics, and safe defaults. */
class OperationsTest {
  static final String STATE = "{\"completed\": [{\"step\": \"peace-declaration\"}, {\"step\": \"dismantlement\"}]}";

  @TempDir Path dir;

  static ServerOptions options(RuleSets ruleSets, DecisionLog log, List<String> cors, Duration idle) {
    return new ServerOptions(cors, List.of(), log, new Metrics(ruleSets, log), idle, Duration.ofSeconds(10),
        new java.util.concurrent.atomic.AtomicBoolean());
  }

  static List<JsonNode> gunzip(Path file) throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
        lines.add(Json.MAPPER.readTree(line));
      }
    }
    return lines;
  }

  static List<JsonNode> lines(Path file) throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      lines.add(Json.MAPPER.readTree(line));
    }
    return lines;
  }

  @Test
  void the_decision_log_has_one_line_per_decision_comparison_and_plan_with_its_id_rule_set_request_and_answer()
      throws Exception {
    Path file = dir.resolve("logs/decisions.jsonl");
    try (DecisionLog log = DecisionLog.open(file);
        Api api = new Api(Bundled.ruleSets(), options(Bundled.ruleSets(), log, List.of(), Duration.ofSeconds(30)))) {
      Api.Reply decision = api.post("/v1/evaluate", STATE);
      api.post("/v1/compare", STATE);
      api.post("/v1/plan", "{\"completed\": [], \"goal\": \"denuclearization\"}");
      api.post("/v1/evaluate", "{\"completed\": [{\"step\": \"nonsense\"}]}");

      List<JsonNode> lines = lines(file);
      assertEquals(List.of("decision", "comparison", "plan"), lines.stream().map(l -> l.get("kind").asText()).toList(),
          "answers are logged; refused requests are not");
      JsonNode first = lines.get(0);
      assertEquals(decision.json().get("decisionId").asText(), first.get("decisionId").asText());
      assertEquals("sigal", first.get("ruleset").asText());
      assertEquals(Bundled.ruleSets().get("sigal").orElseThrow().revision(), first.get("revision").asText());
      assertEquals(Json.MAPPER.readTree(STATE), first.get("request"));
      assertEquals(decision.json(), first.get("answer"));
      assertTrue(first.get("time").asText().endsWith("Z"));
      assertEquals(4, lines.get(2).at("/answer/length").asInt());
    }
  }

  @Test
  void answers_of_three_sizes_sent_at_once_each_reach_their_own_client_whole_and_are_logged_as_sent() throws Exception {
    // Answers worked out at once on the server's threads: none may reach another client, nor another's log line.
    Path file = dir.resolve("decisions.jsonl");
    List<String> bodies = List.of(STATE, "{\"completed\": []}",
        "{\"completed\": [{\"step\": \"peace-declaration\", \"date\": \"2027-03\"}, {\"step\": \"peace-treaty\","
            + " \"date\": \"2027-01\"}, {\"step\": \"normalization\", \"date\": \"2028\"}]}");
    Map<String, JsonNode> received = new java.util.concurrent.ConcurrentHashMap<>();
    Map<String, String> asked = new java.util.concurrent.ConcurrentHashMap<>();
    try (DecisionLog log = DecisionLog.open(file);
        Api api = new Api(Bundled.ruleSets(), options(Bundled.ruleSets(), log, List.of(), Duration.ofSeconds(30)))) {
      ExecutorService pool = Executors.newFixedThreadPool(6);
      try {
        List<Future<?>> sent = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
          String body = bodies.get(i % 3);
          boolean compare = i % 4 == 3;
          sent.add(pool.submit(() -> {
            Api.Reply reply = api.post(compare ? "/v1/compare" : "/v1/evaluate", body);
            assertEquals(200, reply.status(), reply.text());
            String id = reply.headers().firstValue("X-Decision-Id").orElseThrow();
            assertNull(received.put(id, reply.json()), "each answer its own id");
            asked.put(id, body);
            List<String> steps = new ArrayList<>();
            Json.MAPPER.readTree(body).get("completed").forEach(record -> steps.add(record.get("step").asText()));
            for (JsonNode decision : compare ? toList(reply.json().get("decisions")) : List.of(reply.json())) {
              List<String> judged = new ArrayList<>();
              decision.get("records").forEach(record -> judged.add(record.get("id").asText()));
              assertEquals(steps, judged, "a verdict on each of this request's own records, in its order");
            }
            if (!compare) {
              assertEquals(id, reply.json().get("decisionId").asText(), "the answer to this request");
            }
            return null;
          }));
        }
        for (var future : sent) {
          future.get(60, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
    }
    List<JsonNode> lines = lines(file);
    assertEquals(received.keySet(), lines.stream().map(line -> line.get("decisionId").asText())
        .collect(java.util.stream.Collectors.toSet()), "a line for each answer sent");
    assertEquals(60, lines.size(), "and one only");
    for (JsonNode line : lines) {
      String id = line.get("decisionId").asText();
      assertEquals(received.get(id), line.get("answer"), "the log holds the answer as its client received it");
      assertEquals(Json.MAPPER.readTree(asked.get(id)), line.get("request"), "beside the request it answers");
    }
  }

  private static List<JsonNode> toList(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    return items;
  }

  @Test
  void the_decision_log_holds_strict_utf8_only_and_every_character_accepted() throws Exception {
    Path file = dir.resolve("decisions.jsonl");
    String note = "signed at Panmunjom \u00e9 \ud55c\uad6d \ud83d\udd4a";
    try (DecisionLog log = DecisionLog.open(file);
        Api api = new Api(Bundled.ruleSets(), options(Bundled.ruleSets(), log, List.of(), Duration.ofSeconds(30)))) {
      byte[] overlong = "{\"completed\": [{\"step\": \"peace-declaration\", \"note\": \"a\u00c0\u0080b\"}]}"
          .getBytes(StandardCharsets.ISO_8859_1); // C0 80: NUL written in two bytes
      assertEquals(400, api.post("/v1/evaluate", overlong).status());
      assertEquals(200, api.post("/v1/evaluate", "{\"completed\": [{\"step\": \"peace-declaration\", \"note\": \""
          + note + "\"}]}").status());
    }
    byte[] bytes = Files.readAllBytes(file);
    String text = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
        .decode(java.nio.ByteBuffer.wrap(bytes)).toString(); // throws on anything but strict UTF-8
    List<String> lines = text.lines().toList();
    assertEquals(1, lines.size(), "the refused body is not logged");
    assertEquals(note, Json.MAPPER.readTree(lines.get(0)).at("/request/completed/0/note").asText());
  }

  @Test
  void a_decision_that_cannot_be_logged_is_refused_with_503_and_logging_resumes_by_itself() throws Exception {
    Path file = dir.resolve("decisions.jsonl");
    org.peacepath.ops.SmallDisk disk = new org.peacepath.ops.SmallDisk(Long.MAX_VALUE);
    try (DecisionLog log = disk.open(file);
        Api api = new Api(Bundled.ruleSets(), options(Bundled.ruleSets(), log, List.of(), Duration.ofSeconds(30)))) {
      assertEquals(200, api.post("/v1/evaluate", STATE).status());

      disk.fill(file); // the disk is full
      Api.Reply refused = api.post("/v1/evaluate", STATE);
      assertEquals(503, refused.status(), refused.text());
      assertEquals("decision_log_unavailable", refused.json().get("code").asText());
      assertTrue(refused.headers().firstValue("X-Decision-Id").isEmpty(), "no id for an answer that was not logged");
      assertTrue(refused.json().get("error").asText().contains("no space left on the device"), refused.text());
      assertEquals(503, api.post("/v1/plan", "{\"completed\": [], \"goal\": \"normalization\"}").status());
      Api.Reply health = api.get("/health");
      assertEquals(503, health.status());
      assertEquals("degraded", health.json().get("status").asText());
      assertEquals("cannot be written: no space left on the device", health.json().get("decisionLog").asText());
      assertTrue(api.get("/metrics").text().contains("peacepath_decision_log_failures_total 2.0"), api.get("/metrics").text());

      disk.free(); // space again
      Api.Reply resumed = api.post("/v1/evaluate", STATE);
      assertEquals(200, resumed.status(), resumed.text());
      assertEquals(200, api.get("/health").status());
      List<JsonNode> lines = lines(file);
      assertEquals(2, lines.size(), "the answers sent, and only those, are logged, each a whole line");
      assertEquals(resumed.json().get("decisionId").asText(), lines.get(1).get("decisionId").asText());
    }
  }

  @Test
  void why_the_decision_log_cannot_be_written_is_said_in_words_without_its_path() throws Exception {
    Path file = dir.resolve("logs/decisions.jsonl");
    try (DecisionLog log = DecisionLog.open(file);
        Api api = new Api(Bundled.ruleSets(), options(Bundled.ruleSets(), log, List.of(), Duration.ofSeconds(30)))) {
      assertEquals(200, api.post("/v1/evaluate", STATE).status());
      Files.move(file, dir.resolve("logs/decisions.jsonl.1"));
      Files.createDirectory(file); // a folder where the log's file should be started again
      Thread.sleep(DecisionLog.ROTATION_CHECK.toMillis() + 100);

      Api.Reply refused = api.post("/v1/evaluate", STATE);
      Api.Reply health = api.get("/health");

      assertEquals(503, refused.status(), refused.text());
      assertTrue(refused.json().get("error").asText().contains("(a folder stands at its path)"), refused.text());
      assertEquals("cannot be written: a folder stands at its path", health.json().get("decisionLog").asText());
      for (Api.Reply reply : List.of(refused, health)) {
        assertFalse(reply.text().contains(dir.toString()) || reply.text().contains("decisions.jsonl"), reply.text());
        assertFalse(reply.text().contains("Exception"), reply.text());
      }
      Files.delete(file);
      assertEquals(200, api.post("/v1/evaluate", STATE).status(), "the folder gone, logging resumes");
    }
  }

  @Test
  void a_decision_log_named_gz_is_written_compressed_in_whole_lines() throws Exception {
    Path file = dir.resolve("decisions.jsonl.gz");
    try (DecisionLog log = DecisionLog.open(file);
        Api api = new Api(Bundled.ruleSets(), options(Bundled.ruleSets(), log, List.of(), Duration.ofSeconds(30)))) {
      for (int i = 0; i < 5; i++) {
        assertEquals(200, api.post("/v1/evaluate", STATE).status());
      }
    }
    try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
      List<String> lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
      assertEquals(5, lines.size());
      for (String line : lines) {
        assertEquals("decision", Json.MAPPER.readTree(line).get("kind").asText());
      }
    }
  }

  @Test
  void the_decision_id_is_sent_in_a_header_to_find_the_line_again() throws Exception {
    Path file = dir.resolve("decisions.jsonl");
    try (DecisionLog log = DecisionLog.open(file);
        Api api = new Api(Bundled.ruleSets(), options(Bundled.ruleSets(), log, List.of(), Duration.ofSeconds(30)))) {
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(api.uri("/v1/plan"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"completed\": [], \"goal\": \"peace-mechanism\"}")).build(),
          HttpResponse.BodyHandlers.ofString());

      String id = response.headers().firstValue("X-Decision-Id").orElseThrow();
      assertEquals(id, lines(file).get(0).get("decisionId").asText());
    }
  }

  @Test
  void a_rotated_decision_log_is_started_afresh_at_its_path() throws Exception {
    Path file = dir.resolve("decisions.jsonl");
    try (DecisionLog log = DecisionLog.open(file);
        Api api = new Api(Bundled.ruleSets(), options(Bundled.ruleSets(), log, List.of(), Duration.ofSeconds(30)))) {
      api.post("/v1/evaluate", STATE);
      Files.move(file, dir.resolve("decisions.jsonl.1"));
      Thread.sleep(DecisionLog.ROTATION_CHECK.toMillis() + 100); // the log looks for a move this often
      api.post("/v1/evaluate", STATE);
      api.post("/v1/evaluate", STATE);

      assertEquals(1, lines(dir.resolve("decisions.jsonl.1")).size());
      assertEquals(2, lines(file).size());
    }
  }

  @Test
  void a_rotated_compressed_log_leaves_a_whole_gzip_file_behind_and_starts_another() throws Exception {
    Path file = dir.resolve("decisions.jsonl.gz");
    try (DecisionLog log = DecisionLog.open(file);
        Api api = new Api(Bundled.ruleSets(), options(Bundled.ruleSets(), log, List.of(), Duration.ofSeconds(30)))) {
      api.post("/v1/evaluate", STATE);
      api.post("/v1/plan", "{\"completed\": [], \"goal\": \"peace-mechanism\"}");
      Files.move(file, dir.resolve("decisions.jsonl.1.gz"));
      Thread.sleep(DecisionLog.ROTATION_CHECK.toMillis() + 100);
      api.post("/v1/evaluate", STATE);

      // The moved file was ended when the log let go of it: it reads whole while the server still runs.
      assertEquals(List.of("decision", "plan"), gunzip(dir.resolve("decisions.jsonl.1.gz")).stream()
          .map(line -> line.get("kind").asText()).toList());
    }
    assertEquals(1, gunzip(file).size());
  }

  @Test
  void the_request_is_logged_as_the_client_sent_it_on_one_line() throws Exception {
    Path file = dir.resolve("decisions.jsonl");
    String pretty = "{\r\n  \"ruleset\": \"sigal\",\n  \"completed\": [\n    {\"step\": \"peace-declaration\", "
        + "\"note\": \"signed \\u00e0 Panmunjom\"}\n  ]\n}\n";
    try (DecisionLog log = DecisionLog.open(file);
        Api api = new Api(Bundled.ruleSets(), options(Bundled.ruleSets(), log, List.of(), Duration.ofSeconds(30)))) {
      assertEquals(200, api.post("/v1/evaluate", pretty).status());
    }
    List<String> raw = Files.readAllLines(file);
    assertEquals(1, raw.size(), "a body over several lines is still one line of the log");
    assertTrue(raw.get(0).contains("\"note\": \"signed \\u00e0 Panmunjom\""), "the body's own bytes: " + raw.get(0));
    assertEquals(Json.MAPPER.readTree(pretty), Json.MAPPER.readTree(raw.get(0)).get("request"));
  }

  @Test
  void concurrent_answers_each_get_a_whole_line() throws Exception {
    Path file = dir.resolve("decisions.jsonl");
    try (DecisionLog log = DecisionLog.open(file);
        Api api = new Api(Bundled.ruleSets(), options(Bundled.ruleSets(), log, List.of(), Duration.ofSeconds(30)))) {
      ExecutorService clients = Executors.newFixedThreadPool(8);
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        done.add(clients.submit(() -> {
          for (int n = 0; n < 25; n++) {
            assertEquals(200, api.post("/v1/evaluate", STATE).status());
          }
        }));
      }
      for (Future<?> future : done) {
        future.get(60, TimeUnit.SECONDS);
      }
      clients.shutdown();

      List<JsonNode> lines = lines(file);
      assertEquals(200, lines.size());
      assertEquals(200, lines.stream().map(l -> l.get("decisionId").asText()).distinct().count());
    }
  }

  @Test
  void metrics_count_answers_by_rule_set_and_outcome_time_requests_and_name_the_serving_revision() {
    try (Api api = new Api(Bundled.ruleSets())) {
      api.post("/v1/evaluate", STATE);
      api.post("/v1/evaluate", "{\"ruleset\": \"treaty-first\", \"completed\": []}");
      api.post("/v1/evaluate", "{\"completed\": [{\"step\": \"x\"}]}");
      api.post("/v1/evaluate", "{\"ruleset\": \"made-up\", \"completed\": []}");
      api.post("/v1/plan", "{\"completed\": [], \"goal\": \"peace-treaty\"}");

      Api.Reply reply = api.get("/metrics");
      String metrics = reply.text();
      assertEquals(200, reply.status());
      assertTrue(reply.contentType().startsWith("text/plain"), reply.contentType());
      assertTrue(metrics.contains("peacepath_answers_total{kind=\"decision\",outcome=\"ok\",ruleset=\"sigal\"} 1.0"),
          metrics);
      assertTrue(metrics.contains("peacepath_answers_total{kind=\"decision\",outcome=\"ok\",ruleset=\"treaty-first\"} 1.0"));
      assertTrue(metrics.contains("peacepath_answers_total{kind=\"decision\",outcome=\"bad_request\",ruleset=\"none\"} 1.0"));
      assertTrue(metrics.contains(
          "peacepath_answers_total{kind=\"decision\",outcome=\"unknown_ruleset\",ruleset=\"unknown\"} 1.0"));
      assertFalse(metrics.contains("made-up"), "no label holds what a client sent");
      assertTrue(metrics.contains("peacepath_answers_total{kind=\"plan\",outcome=\"reachable\",ruleset=\"sigal\"} 1.0"));
      assertTrue(metrics.contains("peacepath_request_duration_seconds_bucket{route=\"/v1/evaluate\",status=\"200\",le=\"0.005\"}"));
      assertTrue(metrics.contains("peacepath_request_duration_seconds_count{route=\"/v1/evaluate\",status=\"200\"} 2"));
      assertTrue(metrics.contains("peacepath_ruleset_info{revision=\""
          + Bundled.ruleSets().get("sigal").orElseThrow().revision() + "\",ruleset=\"sigal\"} 1.0"));
      assertTrue(metrics.contains("jvm_memory_used_bytes"));
    }
  }

  @Test
  void metrics_count_reloads_and_failed_reloads() throws Exception {
    RulesCopy.of(dir);
    RuleSets ruleSets = RuleSets.load(dir);
    try (Api api = new Api(ruleSets)) {
      RulesCopy.write(dir, "common/advisories.drl", Files.readString(dir.resolve("common/advisories.drl")) + "\n// edited\n");
      ruleSets.reload();
      RulesCopy.write(dir, "sigal/reciprocity.drl", "package peacepath;\nrule \"Broken\"\nwhen\nthen\n");
      ruleSets.reload();

      String metrics = api.get("/metrics").text();
      assertTrue(metrics.contains("peacepath_reloads_total{result=\"loaded\",ruleset=\"sigal\"} 1.0"), metrics);
      assertTrue(metrics.contains("peacepath_reloads_total{result=\"refused\",ruleset=\"sigal\"} 1.0"), metrics);
      assertTrue(metrics.contains("peacepath_reload_failures_total{ruleset=\"sigal\"} 1.0"), metrics);
      assertTrue(metrics.contains("peacepath_reload_failures_total{ruleset=\"denuclearization-first\"} 0.0"), metrics);
    }
  }

  @Test
  void cors_is_off_unless_origins_are_named() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    try (Api closed = new Api(Bundled.ruleSets())) {
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(closed.uri("/health"))
          .header("Origin", "https://desk.example.org").build(), HttpResponse.BodyHandlers.ofString());
      assertNull(response.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    }
    try (Api open = new Api(Bundled.ruleSets(), options(Bundled.ruleSets(), null,
        List.of("https://desk.example.org"), Duration.ofSeconds(30)))) {
      HttpResponse<String> allowed = client.send(HttpRequest.newBuilder(open.uri("/health"))
          .header("Origin", "https://desk.example.org").build(), HttpResponse.BodyHandlers.ofString());
      assertEquals("https://desk.example.org", allowed.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
      HttpResponse<String> other = client.send(HttpRequest.newBuilder(open.uri("/health"))
          .header("Origin", "https://elsewhere.example.org").build(), HttpResponse.BodyHandlers.ofString());
      assertNull(other.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    }
  }

  @Test
  void a_name_allowed_for_a_proxy_is_answered_and_others_still_refused() throws Exception {
    ServerOptions options = new ServerOptions(List.of(), List.of("peacepath.example.org"), null, new Metrics(Bundled.ruleSets()),
        Duration.ofSeconds(30), Duration.ofSeconds(10), new java.util.concurrent.atomic.AtomicBoolean());
    try (Api api = new Api(Bundled.ruleSets(), options)) {
      for (String host : List.of("peacepath.example.org", "peacepath.example.org:443", "127.0.0.1:" + api.uri("/").getPort())) {
        try (Socket socket = new Socket("127.0.0.1", api.uri("/").getPort())) {
          socket.getOutputStream().write(("GET /health HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
          String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
          assertTrue(answer.startsWith("HTTP/1.1 200"), host + ": " + answer);
        }
      }
      try (Socket socket = new Socket("127.0.0.1", api.uri("/").getPort())) {
        socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: elsewhere.example.org\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII));
        String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(answer.startsWith("HTTP/1.1 421"), answer);
      }
      assertTrue(api.get("/metrics").text().contains("route=\"misdirected\",status=\"421\""), "counted apart");
    }
  }

  @Test
  void no_endpoint_writes_rules() {
    try (Api api = new Api(Bundled.ruleSets())) {
      for (String method : List.of("PUT", "POST", "DELETE", "PATCH")) {
        Api.Reply reply = api.send(HttpRequest.newBuilder(api.uri("/v1/rulesets"))
            .method(method, HttpRequest.BodyPublishers.ofString("{}")).build());
        assertEquals(405, reply.status(), method);
        assertEquals("method_not_allowed", reply.json().get("code").asText());
        assertEquals("GET", reply.headers().firstValue("Allow").orElse(""), method + ": rule sets are only read");
      }
    }
  }

  @Test
  void a_client_that_goes_silent_mid_request_is_disconnected() throws Exception {
    try (Api api = new Api(Bundled.ruleSets(), options(Bundled.ruleSets(), null, List.of(), Duration.ofSeconds(1)));
        Socket socket = new Socket("127.0.0.1", api.uri("/").getPort())) {
      socket.setSoTimeout(15_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /v1/evaluate HTTP/1.1\r\nHost: 127.0.0.1:" + api.uri("/").getPort()
          + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"compl").getBytes(StandardCharsets.UTF_8));
      out.flush();
      long start = System.nanoTime();
      InputStream in = socket.getInputStream();
      byte[] all = in.readAllBytes();
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);

      assertTrue(seconds < 10, "closed after " + seconds + " s");
      String answer = new String(all, StandardCharsets.UTF_8);
      assertTrue(answer.isEmpty() || !answer.contains(" 200 "), answer);
    }
  }

  @Test
  void a_client_that_trickles_its_body_gets_408_not_500() throws Exception {
    try (Api api = new Api(Bundled.ruleSets());
        Socket socket = new Socket("127.0.0.1", api.uri("/").getPort())) {
      socket.setSoTimeout(15_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /v1/evaluate HTTP/1.1\r\nHost: 127.0.0.1:" + api.uri("/").getPort()
          + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"com").getBytes(StandardCharsets.UTF_8));
      out.flush();
      Thread.sleep(1500);
      out.write("plet".getBytes(StandardCharsets.UTF_8));
      out.flush();

      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
      assertTrue(answer.contains("\"code\":\"request_timeout\""), answer);
    }
  }

  @Test
  void a_stop_lets_requests_in_flight_finish() throws Exception {
    Api api = new Api(Bundled.ruleSets());
    String body = STATE;
    try (Socket socket = new Socket("127.0.0.1", api.uri("/").getPort())) {
      socket.setSoTimeout(15_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /v1/evaluate HTTP/1.1\r\nHost: 127.0.0.1:" + api.uri("/").getPort()
          + "\r\nContent-Type: application/json\r\nContent-Length: "
          + body.length() + "\r\n\r\n" + body.substring(0, 20)).getBytes(StandardCharsets.UTF_8));
      out.flush();
      Thread.sleep(200);
      CompletableFuture<Void> stopping = CompletableFuture.runAsync(api::stop);
      Thread.sleep(300);
      assertFalse(stopping.isDone(), "the stop waits for the request in flight");
      out.write(body.substring(20).getBytes(StandardCharsets.UTF_8));
      out.flush();

      String answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.UTF_8);
      assertEquals("HTTP/1.1 200", answer);
      stopping.get(15, TimeUnit.SECONDS);
    }
  }
}
