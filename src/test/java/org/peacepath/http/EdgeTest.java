package org.peacepath.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.peacepath.wire.Json;

/** The edge speaks JSON: what Jetty refuses, a wrong method or media type, malformed and oversized bodies. */
class EdgeTest {
  @org.junit.jupiter.api.extension.RegisterExtension
  static final ServerExtension SERVER = ServerExtension.bundled();

  static Api api;

  @BeforeAll
  static void start() {
    api = SERVER.api();
  }

  /** Sends raw bytes, as a client that does not tidy its request would, and reads the whole answer. */
  static String raw(String request) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", api.uri("/").getPort())) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      int n;
      try {
        while ((n = in.read(buffer)) > 0) {
          answer.write(buffer, 0, n);
          if (answer.toString(StandardCharsets.UTF_8).contains("\"details\"")) {
            break;
          }
        }
      } catch (java.net.SocketException e) {
        // the server closed the connection after answering
      }
      return answer.toString(StandardCharsets.UTF_8);
    }
  }

  /** The Host header of a request to the test server. */
  static String host() {
    return "127.0.0.1:" + api.uri("/").getPort();
  }

  static JsonNode body(String answer) throws Exception {
    return Json.MAPPER.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
  }

  @ParameterizedTest(name = "{0} gets {1} {2} in JSON")
  @CsvSource(delimiter = '|', value = {
      "GET /../etc/passwd HTTP/1.1 | 400 | bad_request",
      "GET /a%00b HTTP/1.1 | 400 | bad_request",
      "GET /v1/%ZZ HTTP/1.1 | 400 | bad_request"})
  void what_jetty_refuses_is_said_in_json_without_its_internals(String line, int status, String code) throws Exception {
    String answer = raw(line + "\r\nHost: " + host() + "\r\nConnection: close\r\n\r\n");

    assertTrue(answer.startsWith("HTTP/1.1 " + status), answer);
    assertTrue(answer.toLowerCase().contains("content-type: application/json"), answer);
    assertEquals(code, body(answer).get("code").asText());
    assertFalse(answer.contains("jetty") || answer.contains("<html"), answer);
  }

  @Test
  void conflicting_lengths_are_refused_in_json() throws Exception {
    String answer = raw("POST /v1/evaluate HTTP/1.1\r\nHost: " + host() + "\r\nContent-Type: application/json\r\n"
        + "Content-Length: 16\r\nContent-Length: 17\r\nConnection: close\r\n\r\n{\"completed\": []}");

    assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
    assertEquals("bad_request", body(answer).get("code").asText());
  }

  @Test
  void an_address_too_long_gets_414_in_json() {
    Api.Reply reply = api.get("/v1/steps?x=" + "a".repeat(20_000));

    assertEquals(414, reply.status());
    assertEquals("uri_too_long", reply.json().get("code").asText());
  }

  @Test
  void a_declared_length_over_the_limit_gets_413_at_once_without_waiting_for_the_body() throws Exception {
    long start = System.nanoTime();
    String answer = raw("POST /v1/evaluate HTTP/1.1\r\nHost: " + host() + "\r\nContent-Type: application/json\r\n"
        + "Content-Length: 2000000\r\n\r\n{\"completed\"");
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
    assertEquals("body_too_large", body(answer).get("code").asText());
    assertTrue(millis < 5000, "answered without waiting for the idle timeout: " + millis + " ms");
  }

  @ParameterizedTest(name = "Host {0} is refused with 421")
  @CsvSource({"evil.example:PORT", "evil.example", "127.0.0.1.evil.example:PORT", "127.0.0.1:1", "localhost", "[::2]:PORT"})
  void a_request_addressed_to_another_host_is_refused_so_dns_rebinding_cannot_read_the_api(String host) throws Exception {
    String port = String.valueOf(api.uri("/").getPort());
    for (String request : List.of("GET /health", "GET /v1/rulesets", "GET /", "POST /v1/evaluate")) {
      String answer = raw(request + " HTTP/1.1\r\nHost: " + host.replace("PORT", port) + "\r\nConnection: close\r\n"
          + "Content-Type: application/json\r\nContent-Length: 15\r\n\r\n{\"completed\":[]}");

      assertTrue(answer.startsWith("HTTP/1.1 421"), request + ": " + answer);
      JsonNode error = body(answer);
      assertEquals("misdirected_request", error.get("code").asText());
      assertTrue(error.get("error").asText().startsWith("the request is addressed to \"" + host.replace("PORT", port)
          + "\" (its Host header), which is not an address this server listens on; address it as 127.0.0.1:" + port),
          error.get("error").asText());
      assertFalse(answer.contains("\"status\""), "nothing of the answer: " + answer);
    }
    assertTrue(body(raw("GET /health HTTP/1.1\r\nHost: evil.example:" + port + "\r\nConnection: close\r\n\r\n"))
        .get("error").asText().endsWith(", or, if a proxy forwards it under that name, start peacepath with --allow-host evil.example"));
  }

  @ParameterizedTest(name = "Host {0} is answered")
  @CsvSource({"127.0.0.1:PORT", "localhost:PORT", "LocalHost:PORT", "[::1]:PORT"})
  void a_request_addressed_to_the_loopback_address_served_is_answered(String host) throws Exception {
    String answer = raw("GET /health HTTP/1.1\r\nHost: " + host.replace("PORT", String.valueOf(api.uri("/").getPort()))
        + "\r\nConnection: close\r\n\r\n");

    assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
  }

  @Test
  void hosts_are_checked_against_the_address_listened_on() {
    HostCheck wildcard = new HostCheck(List.of("Peacepath.Example.org"));
    wildcard.listening("0.0.0.0", 7070);
    assertTrue(wildcard.accepts("127.0.0.1:7070"));
    assertTrue(wildcard.accepts("localhost:7070"));
    assertTrue(wildcard.accepts("peacepath.example.org"), "a name allowed, from any port");
    assertTrue(wildcard.accepts("peacepath.example.org:443"));
    assertFalse(wildcard.accepts("elsewhere.example.org:7070"), "a name is never looked up");
    assertFalse(wildcard.accepts("192.0.2.7:7070"), "an address of another machine");
    assertFalse(wildcard.accepts("127.0.0.1:7071"));
    assertFalse(wildcard.accepts("127.0.0.1:+7070"));
    assertFalse(wildcard.accepts("999.0.0.1:7070"));

    HostCheck ipv6 = new HostCheck(List.of());
    ipv6.listening("::1", 7070);
    assertTrue(ipv6.accepts("[::1]:7070"));
    assertFalse(ipv6.accepts("::1:7070"), "an IPv6 address without its brackets");

    HostCheck named = new HostCheck(List.of());
    named.listening("10.1.2.3", 80);
    assertTrue(named.accepts("10.1.2.3"), "port 80 need not be said");
    assertTrue(named.accepts("10.1.2.3:80"));
    assertFalse(named.accepts("127.0.0.1:80"), "not listening on the loopback address");
    assertFalse(named.accepts("10.1.2.3:8080"));
  }

  @Test
  void a_wrong_method_gets_405_with_the_methods_allowed() {
    Api.Reply reply = api.send(HttpRequest.newBuilder(api.uri("/v1/evaluate")).DELETE().build());

    assertEquals(405, reply.status());
    assertEquals("method_not_allowed", reply.json().get("code").asText());
    assertEquals("POST", reply.headers().firstValue("Allow").orElse(""));
  }

  @Test
  void a_body_that_is_not_sent_as_json_gets_415_so_a_cross_site_form_cannot_post_decisions() {
    Api.Reply form = api.send(HttpRequest.newBuilder(api.uri("/v1/evaluate"))
        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{\"completed\": []}")).build());

    assertEquals(415, form.status());
    assertEquals("unsupported_media_type", form.json().get("code").asText());
    assertTrue(form.json().get("error").asText().contains("with the header Content-Type: text/plain; send it as JSON, "
        + "with the header Content-Type: application/json"), form.text());
    Api.Reply untyped = api.send(HttpRequest.newBuilder(api.uri("/v1/evaluate"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"completed\": []}")).build());
    assertEquals(415, untyped.status(), untyped.text());
    assertEquals("unsupported_media_type", untyped.json().get("code").asText());
    assertTrue(untyped.json().get("error").asText().startsWith("the body is sent without a Content-Type header; "
        + "send it as JSON, with the header Content-Type: application/json"), untyped.text());
    for (String route : List.of("/v1/compare", "/v1/plan")) {
      assertEquals(415, api.send(HttpRequest.newBuilder(api.uri(route))
          .POST(HttpRequest.BodyPublishers.ofString("{\"completed\": [], \"goal\": \"peace-treaty\"}")).build()).status(), route);
    }
    assertEquals(415, api.send(HttpRequest.newBuilder(api.uri("/v1/evaluate")).header("Content-Type", "application/ld+json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"completed\": []}")).build()).status(), "only application/json itself");
    Api.Reply charset = api.send(HttpRequest.newBuilder(api.uri("/v1/evaluate"))
        .header("Content-Type", "application/json; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString("{\"completed\": []}")).build());
    assertEquals(200, charset.status());
  }

  @ParameterizedTest(name = "{0} is refused in words")
  @CsvSource(delimiter = '|', value = {
      "trailing content | {\"completed\": []} {} | something follows the JSON object",
      "a field given twice | {\"completed\": [], \"completed\": []} | the field \"completed\" appears twice"})
  void a_body_that_is_more_or_less_than_one_json_object_is_refused(String label, String body, String words) {
    Api.Reply reply = api.post("/v1/evaluate", body);

    assertEquals(400, reply.status(), label);
    assertEquals("invalid_json", reply.json().get("code").asText());
    assertTrue(reply.json().get("error").asText().contains(words), reply.text());
  }

  @Test
  void a_body_nested_too_deeply_is_refused_without_naming_the_parser() {
    Api.Reply reply = api.post("/v1/evaluate", "[".repeat(3000));

    assertEquals(400, reply.status());
    assertTrue(reply.json().get("error").asText().contains("nests more deeply"), reply.text());
    assertFalse(reply.text().contains("StreamReadConstraints") || reply.text().contains("com.fasterxml"), reply.text());
  }

  @Test
  void a_body_of_ninety_thousand_unknown_fields_gets_the_first_twenty_and_a_count_of_the_rest() {
    StringBuilder body = new StringBuilder("{\"completed\": []");
    for (int i = 0; body.length() < 990_000; i++) {
      body.append(", \"f").append(i).append("\": 1");
    }
    body.append('}');

    long start = System.nanoTime();
    Api.Reply reply = api.post("/v1/evaluate", body.toString());
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertEquals(400, reply.status());
    JsonNode details = reply.json().get("details");
    assertEquals(21, details.size());
    assertEquals("more_problems", details.get(20).get("code").asText());
    assertTrue(details.get(20).get("message").asText().matches("and \\d{5} more problems like these; .*"),
        details.get(20).toString());
    assertTrue(reply.text().length() < 20_000, "the answer stays small: " + reply.text().length() + " bytes");
    System.out.println("90,000 unknown fields answered in " + millis + " ms");
  }
}
