package org.peacepath.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peacepath.Bundled;
import org.peacepath.RulesCopy;
import org.peacepath.rules.RuleSets;

/**
 * Sends real requests to every operation of the OpenAPI document, and checks each answer's status,
 * content type and body against the document, so that the document cannot drift from the server.
 */
class OpenApiContractTest {
  static final String BASE = "https://peacepath.invalid/openapi.json";
  static final String STATE = "{\"completed\": [{\"step\": \"peace-declaration\", \"parties\": [\"US\", \"DPRK\"]}, "
      + "{\"step\": \"dismantlement\", \"note\": \"Yongbyon\"}]}";
  static final String BIG = "{\"completed\": [" + " ".repeat(1_000_001) + "]}";

  static Api api;
  static Api broken;
  static Api edited;
  static RuleSets editedRules;
  /** A server on a chain of 250 made-up steps, whose step graph is too costly to learn within its budget. */
  static Api chain;
  static Api unlogged;
  static org.peacepath.ops.DecisionLog fullLog;
  static JsonNode document;
  static JsonSchemaFactory schemas;
  static final Set<String> exercised = new TreeSet<>();

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    api = new Api(Bundled.ruleSets());
    RulesCopy.of(dir);
    RulesCopy.write(dir, "common/runaway.drl", org.peacepath.BrokenRules.RUNAWAY);
    RulesCopy.write(dir, "sigal/cycle.drl", org.peacepath.BrokenRules.CYCLE);
    broken = new Api(RuleSets.load(dir));
    // A server whose rules are edited once it serves: sigal's reciprocity reworded (compared), treaty-first given
    // a rule that fails once the declaration is signed (the comparison fails).
    Path copy = java.nio.file.Files.createDirectories(dir.resolve("edited"));
    RulesCopy.of(copy);
    editedRules = RuleSets.load(copy);
    edited = new Api(editedRules);
    Path reciprocity = copy.resolve("sigal/reciprocity.drl");
    java.nio.file.Files.writeString(reciprocity, java.nio.file.Files.readString(reciprocity)
        .replace("Interim agreements signed so far: %d;", "Agreements signed so far: %d;"));
    RulesCopy.write(copy, "treaty-first/failing.drl", org.peacepath.BrokenRules.FAILING);
    editedRules.reload();
    chain = new Api(RuleSets.load(org.peacepath.bench.SyntheticRules.write(
        java.nio.file.Files.createDirectories(dir.resolve("chain")), "chain", 250)));
    if (java.nio.file.Files.exists(Path.of("/dev/full"))) {
      fullLog = org.peacepath.ops.DecisionLog.open(Path.of("/dev/full")); // a disk that is always full
      unlogged = new Api(Bundled.ruleSets(), OperationsTest.options(Bundled.ruleSets(), fullLog, List.of(),
          java.time.Duration.ofSeconds(30)));
    }
    Api.Reply reply = api.get("/openapi.json");
    assertEquals(200, reply.status());
    document = reply.json();
    schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
        builder -> builder.schemaLoaders(loaders -> loaders.schemas(Map.of(BASE, reply.text()))));
  }

  @AfterAll
  static void stop() {
    api.close();
    broken.close();
    edited.close();
    chain.close();
    if (unlogged != null) {
      unlogged.close();
      fullLog.close();
    }
  }

  /** Sends the request, then checks the answer against the document's response for its status. */
  static void check(Api server, String method, String path, String body, int status) {
    check(server, method, path, body, "application/json", status);
  }

  /** As {@link #check(Api, String, String, String, int)}, sending the body as {@code contentType}. */
  static void check(Api server, String method, String path, String body, String contentType, int status) {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path));
    request = method.equals("GET") ? request.GET()
        : body == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
        : request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
    Api.Reply reply = server.send(request.build());
    assertEquals(status, reply.status(), method + " " + path + ": " + reply.text());

    String template = template(path.contains("?") ? path.substring(0, path.indexOf('?')) : path);
    // A wrong method (405) is documented under the operation the route does take.
    String documentedMethod = status == 405 ? document.at("/paths/" + escape(template)).fieldNames().next()
        : method.toLowerCase();
    String operation = "/paths/" + escape(template) + "/" + documentedMethod;
    assertTrue(!document.at(operation).isMissingNode(), operation + " is not in the document");
    String response = operation + "/responses/" + status;
    JsonNode node = document.at(response);
    assertTrue(!node.isMissingNode(), response + " is not in the document");
    if (node.has("$ref")) {
      response = node.get("$ref").asText().substring(1);
      node = document.at(response);
    }
    String mediaType = reply.contentType().split(";")[0].trim();
    assertTrue(node.path("content").has(mediaType), response + " does not list " + mediaType);
    exercised.add(documentedMethod.toUpperCase() + " " + template + " " + status);
    if (mediaType.equals("application/json")) {
      JsonSchema schema = schemas.getSchema(SchemaLocation.of(BASE + "#" + response + "/content/"
          + escape(mediaType) + "/schema"));
      Set<ValidationMessage> errors = schema.validate(reply.json());
      assertEquals(Set.of(), errors, method + " " + path + " answered "
          + reply.text().substring(0, Math.min(400, reply.text().length())));
    }
  }

  /** Waits (up to two minutes) until the latest revision of the edited server's rule set is compared. */
  static void awaitChanges(String ruleset, String status) throws InterruptedException {
    long deadline = System.nanoTime() + 120_000_000_000L;
    String seen = "";
    while (System.nanoTime() < deadline) {
      seen = edited.get("/v1/rulesets/" + ruleset + "/changes").json().at("/revisions/0/status").asText();
      if (seen.equals(status)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(ruleset + ": the latest revision is " + seen + ", not " + status);
  }

  /**
   * Sends a request whose Host names another site, as a page would through DNS rebinding (Java's client will
   * not set Host, so over a socket), and checks the 421 against the document.
   */
  static void checkMisdirected(String method, String path) throws Exception {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", api.uri("/").getPort())) {
      socket.setSoTimeout(15_000);
      String body = method.equals("POST") ? "{\"completed\": []}" : "";
      socket.getOutputStream().write((method + " " + path + " HTTP/1.1\r\nHost: rebound.example:" + api.uri("/").getPort()
          + "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
          .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertTrue(answer.startsWith("HTTP/1.1 421"), answer);
      JsonNode node = document.at("/paths/" + escape(template(path)) + "/" + method.toLowerCase() + "/responses/421");
      assertTrue(node.has("$ref"), method + " " + path + " documents no 421");
      String response = node.get("$ref").asText().substring(1);
      JsonSchema schema = schemas.getSchema(SchemaLocation.of(BASE + "#" + response + "/content/application~1json/schema"));
      JsonNode parsed = org.peacepath.wire.Json.MAPPER.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
      assertEquals(Set.of(), schema.validate(parsed), answer);
      assertEquals("misdirected_request", parsed.get("code").asText());
      exercised.add(method + " " + template(path) + " 421");
    }
  }

  /** Sends a request whose body trickles in too slowly, and checks the 408 against the document. */
  static void checkTrickle(String path) throws Exception {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", api.uri("/").getPort())) {
      socket.setSoTimeout(15_000);
      var out = socket.getOutputStream();
      out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + api.uri("/").getPort() + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"com")
          .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      out.flush();
      Thread.sleep(1200);
      out.write("plet".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      out.flush();
      String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
      String response = document.at("/paths/" + escape(path) + "/post/responses/408/$ref").asText().substring(1);
      JsonSchema schema = schemas.getSchema(SchemaLocation.of(BASE + "#" + response + "/content/application~1json/schema"));
      JsonNode body = org.peacepath.wire.Json.MAPPER.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
      assertEquals(Set.of(), schema.validate(body), answer);
      exercised.add("POST " + path + " 408");
    }
  }

  /** The document's path for a request's path: itself, or the templated path whose {name} parts it fills. */
  static String template(String path) {
    java.util.Iterator<String> paths = document.get("paths").fieldNames();
    while (paths.hasNext()) {
      String documented = paths.next();
      String[] want = documented.split("/", -1);
      String[] got = path.split("/", -1);
      boolean matches = want.length == got.length;
      for (int i = 0; matches && i < want.length; i++) {
        matches = want[i].startsWith("{") ? !got[i].isEmpty() : want[i].equals(got[i]);
      }
      if (matches) {
        return documented;
      }
    }
    return path;
  }

  static String escape(String pointer) {
    return pointer.replace("~", "~0").replace("/", "~1");
  }

  @Test
  void every_answer_of_every_operation_matches_the_document() throws Exception {
    check(api, "GET", "/health", null, 200);
    check(api, "GET", "/v1/steps", null, 200);
    check(api, "GET", "/v1/steps?ruleset=nope", null, 404);
    check(api, "GET", "/v1/rulesets", null, 200);
    check(api, "GET", "/v1/rulesets/sigal/changes", null, 200);
    check(api, "GET", "/v1/rulesets/nope/changes", null, 404);
    awaitChanges("sigal", "done");
    check(edited, "GET", "/v1/rulesets/sigal/changes", null, 200);
    awaitChanges("treaty-first", "failed");
    check(edited, "GET", "/v1/rulesets/treaty-first/changes", null, 200);
    check(api, "GET", "/v1/graph?ruleset=treaty-first", null, 200);
    check(api, "GET", "/v1/graph?format=dot", null, 200);
    check(api, "GET", "/v1/graph?format=mermaid", null, 200);
    check(api, "GET", "/v1/graph?format=png", null, 400);
    check(api, "GET", "/v1/graph?ruleset=nope", null, 404);
    check(chain, "GET", "/v1/graph?ruleset=synthetic", null, 422);
    for (String ruleset : new String[] {"sigal", "treaty-first", "denuclearization-first"}) {
      check(api, "POST", "/v1/evaluate", "{\"ruleset\": \"" + ruleset + "\"," + STATE.substring(1), 200);
    }
    check(api, "POST", "/v1/evaluate", "{\"completed\": [{\"step\": \"peace-declaration\", \"parties\": "
        + "[\"US\", \"DPRK\", \"ROK\", \"JAPAN\"]}]}", 200);
    check(api, "POST", "/v1/evaluate", "{\"completed\": [{\"step\": \"peace-declaration\", \"date\": \"2027-03\"}, "
        + "{\"step\": \"dismantlement\", \"facility\": \"Yongbyon\", \"date\": \"2027\"}, "
        + "{\"step\": \"peace-mechanism\", \"status\": \"suspended\", \"date\": \"2026-12-01\"}, "
        + "{\"step\": \"joint-fishing-area\", \"parties\": [\"DPRK\"], \"date\": \"2028\"}], \"packages\": true}", 200);
    check(api, "POST", "/v1/evaluate", "{\"completed\": [", 400);
    check(api, "POST", "/v1/evaluate", "{\"completed\": [{\"step\": \"peace-treat\", \"parties\": [\"us\"]}]}", 400);
    check(api, "POST", "/v1/evaluate", "{\"ruleset\": \"nope\", \"completed\": []}", 404);
    check(api, "POST", "/v1/evaluate", BIG, 413);
    check(broken, "POST", "/v1/evaluate", org.peacepath.BrokenRules.LONG_RECORD, 500);
    check(api, "POST", "/v1/compare", STATE, 200);
    check(api, "POST", "/v1/compare", "{\"rulesets\": [\"sigal\"], \"completed\": []}", 200);
    check(api, "POST", "/v1/compare", "{\"ruleset\": \"sigal\", \"completed\": []}", 400);
    check(api, "POST", "/v1/compare", "{\"rulesets\": [\"nope\"], \"completed\": []}", 404);
    check(api, "POST", "/v1/compare", BIG, 413);
    check(broken, "POST", "/v1/compare", org.peacepath.BrokenRules.LONG_RECORD, 500);
    check(api, "POST", "/v1/plan", "{\"completed\": [], \"goal\": \"peace-treaty\"}", 200);
    check(api, "POST", "/v1/plan", "{\"completed\": [], \"goal\": \"satellite-launch-services\", \"advice\": \"ignore\"}", 200);
    check(api, "POST", "/v1/plan", "{\"completed\": [{\"step\": \"peace-treaty\"}], \"goal\": \"peace-treaty\"}", 200);
    check(broken, "POST", "/v1/plan", "{\"completed\": [], \"goal\": \"peace-mechanism\"}", 200);
    check(api, "POST", "/v1/plan", "{\"completed\": []}", 400);
    check(api, "POST", "/v1/plan", "{\"ruleset\": \"nope\", \"completed\": [], \"goal\": \"peace-treaty\"}", 404);
    check(api, "POST", "/v1/plan", BIG, 413);
    check(broken, "POST", "/v1/plan", "{\"completed\": " + org.peacepath.BrokenRules.LONG_COMPLETED
        + ", \"goal\": \"peace-treaty\"}", 500);
    check(api, "POST", "/v1/briefing", "{\"completed\": [{\"step\": \"peace-declaration\", \"date\": \"2027\"}]}", 200);
    check(api, "POST", "/v1/briefing", "{\"completed\": [], \"goal\": \"peace-treaty\", \"advice\": \"ignore\"}", 200);
    check(api, "POST", "/v1/briefing", "{\"completed\": [], \"goal\": \"peace-traety\"}", 400);
    check(api, "POST", "/v1/briefing", "{\"ruleset\": \"nope\", \"completed\": []}", 404);
    check(api, "POST", "/v1/briefing", BIG, 413);
    check(api, "POST", "/v1/briefing", "{\"completed\": [{\"step\": \"peace-declaration\"}"
        + ", {\"step\": \"interim-peace-agreement\"}".repeat(500) + "], \"goal\": \"peace-treaty\"}", 422);
    check(broken, "POST", "/v1/briefing", org.peacepath.BrokenRules.LONG_RECORD, 500);
    for (String route : List.of("/v1/evaluate", "/v1/compare", "/v1/plan", "/v1/briefing")) {
      check(api, "DELETE", route, null, 405);
      check(api, "POST", route, "{\"completed\": [], \"goal\": \"peace-treaty\"}", "text/plain", 415);
    }
    for (String route : List.of("/", "/health", "/v1/steps", "/v1/rulesets", "/v1/rulesets/sigal/changes", "/v1/graph",
        "/metrics", "/openapi.json", "/docs")) {
      check(api, "DELETE", route, null, 405);
    }
    for (String route : List.of("/", "/health", "/v1/steps", "/v1/rulesets", "/v1/rulesets/sigal/changes", "/v1/graph",
        "/metrics", "/openapi.json", "/docs")) {
      checkMisdirected("GET", route);
    }
    for (String route : List.of("/v1/evaluate", "/v1/compare", "/v1/plan", "/v1/briefing")) {
      checkMisdirected("POST", route);
    }
    check(api, "POST", "/v1/plan", "{\"completed\": [{\"step\": \"peace-declaration\"}"
        + ", {\"step\": \"interim-peace-agreement\"}".repeat(500) + "], \"goal\": \"peace-treaty\", \"advice\": \"follow\"}", 422);
    if (unlogged != null) {
      check(unlogged, "POST", "/v1/evaluate", STATE, 503);
      check(unlogged, "POST", "/v1/compare", STATE, 503);
      check(unlogged, "POST", "/v1/plan", "{\"completed\": [], \"goal\": \"normalization\"}", 503);
      check(unlogged, "GET", "/health", null, 503);
    }
    checkTrickle("/v1/evaluate");
    checkTrickle("/v1/compare");
    checkTrickle("/v1/plan");
    checkTrickle("/v1/briefing");
    check(api, "GET", "/metrics", null, 200);
    check(api, "GET", "/openapi.json", null, 200);
    check(api, "GET", "/docs", null, 200);
    check(api, "GET", "/", null, 200);

    Set<String> documented = new TreeSet<>(documentedResponses());
    if (unlogged == null) {
      documented.removeIf(answer -> answer.endsWith(" 503")); // no /dev/full here to fill the disk with
    }
    assertEquals(documented, exercised, "every documented answer is exercised, and only those");
  }

  @Test
  void the_document_lists_every_route_and_only_those() {
    Set<String> documented = new TreeSet<>();
    document.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
        .forEachRemaining(method -> documented.add(method.toUpperCase() + " " + path.getKey())));
    Set<String> routes = new TreeSet<>();
    ApiServer.ROUTES.forEach(route -> routes.add(route.toString()));

    assertEquals(routes, documented);
    assertEquals("3.1.0", document.get("openapi").asText());
  }

  @Test
  void no_key_of_the_document_is_left_without_a_value_and_every_description_is_whole_text() {
    assertEquals(List.of(), DocumentShape.problems(document));
  }

  @Test
  void a_description_cut_at_a_comma_by_a_yaml_flow_mapping_is_caught() throws Exception {
    JsonNode cut = yaml("""
        paths:
          /:
            get:
              parameters:
                - {name: format, in: query, schema: {type: string, description: The format, json or dot.}}
              responses:
                "200": {description: A page, the workbench.}
        components:
          schemas:
            Reason:
              properties:
                reason: {type: string, description: Why, as a sentence to read aloud.}
                rule: {type: string, description: Which rule, as: a name}
        """);
    assertEquals(List.of("#/paths/~1/get/parameters/0/schema/json or dot. has no value",
        "#/paths/~1/get/responses/200/the workbench. has no value",
        "#/components/schemas/Reason/properties/reason/as a sentence to read aloud. has no value",
        "#/components/schemas/Reason/properties/reason/as a sentence to read aloud. is not a schema keyword",
        "#/components/schemas/Reason/properties/rule/as is not a schema keyword",
        "#/paths/~1/get/parameters/0/schema/json or dot. is not a schema keyword"),
        DocumentShape.problems(cut));
  }

  /** Reads YAML as {@link Docs} reads openapi.yaml. */
  static JsonNode yaml(String text) throws Exception {
    return new ObjectMapper(new YAMLFactory()).readTree(text);
  }

  @Test
  void swagger_ui_is_served_from_the_jar() {
    Api.Reply page = api.get("/docs");
    assertTrue(page.text().contains("/openapi.json"), page.text());
    String script = page.text().replaceAll("(?s).*<script src=\"([^\"]+)\".*", "$1");
    assertTrue(script.startsWith("/webjars/swagger-ui/"), script);
    Api.Reply js = api.get(script);
    assertEquals(200, js.status());
    assertTrue(js.text().length() > 100_000);
  }

  static Set<String> documentedResponses() {
    Set<String> all = new TreeSet<>();
    document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op ->
        op.getValue().get("responses").fieldNames().forEachRemaining(status ->
            all.add(op.getKey().toUpperCase() + " " + path.getKey() + " " + status))));
    return all;
  }

}
