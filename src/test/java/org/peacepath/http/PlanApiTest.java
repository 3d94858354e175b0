package org.peacepath.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peacepath.Bundled;
import org.peacepath.BundledRoads;
import org.peacepath.scenario.Scenario;
import org.peacepath.RulesCopy;
import org.peacepath.rules.RuleSets;

/** POST /v1/plan and GET /v1/graph through the running server. */
class PlanApiTest {
  @org.junit.jupiter.api.extension.RegisterExtension
  static final ServerExtension SERVER = ServerExtension.bundled();

  static Api api;

  @BeforeAll
  static void start() {
    api = SERVER.api();
  }

  static List<String> ids(JsonNode list) {
    List<String> ids = new ArrayList<>();
    list.forEach(item -> ids.add(item.has("id") ? item.get("id").asText() : item.asText()));
    return ids;
  }

  static List<String> steps(JsonNode plan) {
    List<String> steps = new ArrayList<>();
    plan.get("moves").forEach(move -> move.get("steps").forEach(step -> steps.add(step.get("id").asText())));
    return steps;
  }

  @Test
  void a_plan_from_a_signed_and_reciprocated_declaration_to_the_treaty_is_the_road_its_scenario_names() {
    Scenario from = BundledRoads.scenario("sigal", BundledRoads.FROM_DECLARATION);
    Scenario.ExpectedRoad expected = BundledRoads.road("sigal", BundledRoads.FROM_DECLARATION, "peace-treaty", "follow");
    Api.Reply reply = api.post("/v1/plan", "{\"completed\": " + BundledRoads.completed(from)
        + ", \"goal\": \"peace-treaty\"}");

    assertEquals(200, reply.status(), reply.text());
    JsonNode plan = reply.json();
    assertTrue(plan.get("reachable").asBoolean());
    assertEquals(expected.steps().intValue(), plan.get("length").asInt());
    assertEquals(BundledRoads.steps(expected), steps(plan));
    assertEquals("follow", plan.get("advice").asText());
    assertEquals(expected.moves().intValue(), plan.get("moves").size());
    for (JsonNode move : plan.get("moves")) {
      // each move names its steps' parties, the rules it satisfies and why, in words
      assertFalse(move.at("/steps/0/parties").isEmpty(), move.toString());
      assertFalse(move.get("reason").asText().isBlank(), move.toString());
    }
    int dismantlement = steps(plan).indexOf("dismantlement");
    assertTrue(dismantlement >= 0, "the road reciprocates the mechanism: " + steps(plan));
    assertEquals("[\"DPRK\"]", plan.at("/moves/" + dismantlement + "/steps/0/parties").toString(),
        "a dismantlement is the DPRK's, as the catalog says");
    assertFalse(plan.at("/moves/" + dismantlement + "/ruleIds").isEmpty(), plan.at("/moves/" + dismantlement).toString());
    assertFalse(plan.at("/moves/" + dismantlement + "/together").asBoolean());
  }

  @Test
  void heeding_firm_rules_only_the_road_to_the_treaty_is_the_one_its_scenario_names_and_no_longer() {
    Scenario.ExpectedRoad follow = BundledRoads.road("sigal", BundledRoads.FROM_EMPTY, "peace-treaty", "follow");
    Scenario.ExpectedRoad ignore = BundledRoads.road("sigal", BundledRoads.FROM_EMPTY, "peace-treaty", "ignore");
    JsonNode plan = api.post("/v1/plan", "{\"completed\": [], \"goal\": \"peace-treaty\", \"advice\": \"ignore\"}").json();

    assertEquals("ignore", plan.get("advice").asText());
    assertEquals(ignore.steps().intValue(), plan.get("length").asInt());
    assertEquals(BundledRoads.steps(ignore), steps(plan));
    assertTrue(ignore.steps() <= follow.steps(), "advice only ever adds steps to a road");
  }

  @Test
  void a_package_is_one_move_taken_together() {
    Scenario.ExpectedRoad expected = BundledRoads.road("sigal", BundledRoads.FROM_EMPTY, "satellite-launch-services",
        "follow");
    List<String> together = expected.via().stream().filter(move -> move.size() > 1).findFirst()
        .orElseThrow(() -> new AssertionError("the scenario's road to satellite launches has no package: " + expected));
    JsonNode plan = api.post("/v1/plan", "{\"completed\": [], \"goal\": \"satellite-launch-services\"}").json();

    assertEquals(expected.steps().intValue(), plan.get("length").asInt());
    assertEquals(expected.moves().intValue(), plan.get("moves").size());
    JsonNode move = plan.at("/moves/" + expected.via().indexOf(together));
    assertTrue(move.get("together").asBoolean(), move.toString());
    assertEquals(together, move.get("steps").findValuesAsText("id"));
    assertFalse(move.get("ruleIds").isEmpty(), "a package names the rules that tie it: " + move);
  }

  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> everyGoal() {
    List<org.junit.jupiter.params.provider.Arguments> all = new ArrayList<>();
    for (var ruleSet : Bundled.ruleSets().all()) {
      for (var step : ruleSet.catalog().steps()) {
        for (String advice : List.of("follow", "ignore")) {
          all.add(org.junit.jupiter.params.provider.Arguments.of(ruleSet.name(), step.id(), advice));
        }
      }
    }
    return all.stream();
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "under {0} the road to {1} ({2}) replays move by move through /v1/evaluate")
  @org.junit.jupiter.params.provider.MethodSource("everyGoal")
  void every_plan_replays_move_by_move_through_the_decisions_of_the_api(String ruleset, String goal, String advice) {
    JsonNode plan = api.post("/v1/plan", "{\"ruleset\": \"" + ruleset + "\", \"completed\": [], \"goal\": \"" + goal
        + "\", \"advice\": \"" + advice + "\"}").json();
    assertTrue(plan.get("reachable").asBoolean(), plan.toString());

    List<String> record = new ArrayList<>();
    for (JsonNode move : plan.get("moves")) {
      List<String> steps = move.get("steps").findValuesAsText("id");
      JsonNode decision = api.post("/v1/evaluate", body(ruleset, record, true)).json();
      if (move.get("together").asBoolean()) {
        List<String> packages = new ArrayList<>();
        decision.get("packages").forEach(p -> packages.add(p.get("steps").toString()));
        {
          assertTrue(packages.contains(move.get("steps").findValuesAsText("id").stream()
              .map(id -> "\"" + id + "\"").collect(java.util.stream.Collectors.joining(",", "[", "]"))),
              "move " + move.get("number") + " " + steps + " is a package after " + record + ": " + packages);
        }
        for (String step : steps) {
          assertTrue(ids(decision.get("blocked")).contains(step), step + " is blocked alone: " + decision);
        }
      } else {
        JsonNode unlocked = null;
        for (JsonNode u : decision.get("unlocked")) {
          if (u.get("id").asText().equals(steps.get(0))) {
            unlocked = u;
          }
        }
        assertTrue(unlocked != null, "move " + move.get("number") + ": " + steps.get(0) + " is unlocked after " + record);
        if (advice.equals("follow")) {
          for (JsonNode caution : unlocked.get("cautions")) {
            assertEquals(0, caution.get("recommends").size(), "advice followed: " + caution);
          }
        }
      }
      record.addAll(steps);
    }
    JsonNode last = api.post("/v1/evaluate", body(ruleset, record, false)).json();
    assertTrue(ids(last.get("completed")).contains(goal), "the road reaches " + goal + ": " + last.get("completed"));
  }

  static String body(String ruleset, List<String> record, boolean packages) {
    return "{\"ruleset\": \"" + ruleset + "\", \"packages\": " + packages + ", \"completed\": ["
        + record.stream().map(id -> "{\"step\": \"" + id + "\"}").collect(java.util.stream.Collectors.joining(", "))
        + "]}";
  }


  @Test
  void an_unknown_advice_mode_is_a_bad_request_with_a_suggestion() {
    Api.Reply reply = api.post("/v1/plan", "{\"completed\": [], \"goal\": \"peace-treaty\", \"advice\": \"folow\"}");

    assertEquals(400, reply.status());
    assertEquals("advice", reply.json().at("/details/0/field").asText());
    assertEquals("unknown_advice", reply.json().at("/details/0/code").asText());
    assertEquals("follow", reply.json().at("/details/0/suggestion").asText());
  }

  @Test
  void under_another_doctrine_the_road_is_that_doctrines_own() {
    Scenario.ExpectedRoad expected = BundledRoads.road("denuclearization-first", BundledRoads.FROM_EMPTY,
        "peace-treaty", "follow");
    String body = "{\"ruleset\": \"denuclearization-first\", \"completed\": [], \"goal\": \"peace-treaty\"}";
    JsonNode plan = api.post("/v1/plan", body).json();

    assertEquals(expected.steps().intValue(), plan.get("length").asInt());
    assertEquals(BundledRoads.steps(expected), steps(plan));
    assertEquals("denuclearization-first", plan.at("/ruleset/name").asText());
    assertFalse(BundledRoads.steps(expected).equals(
        BundledRoads.steps(BundledRoads.road("sigal", BundledRoads.FROM_EMPTY, "peace-treaty", "follow"))),
        "the doctrines' scenario files name different roads, and the API follows the one asked for");
  }

  @Test
  void a_bad_plan_request_names_every_field_to_change() {
    Api.Reply reply = api.post("/v1/plan", "{\"completed\": [{\"step\": \"peace-declaraton\"}], \"goal\": \"treaty\"}");

    assertEquals(400, reply.status());
    assertEquals(List.of("goal", "completed[0].step"), reply.json().get("details").findValuesAsText("field"));
    assertEquals("peace-treaty", reply.json().at("/details/0/suggestion").asText());

    Api.Reply noGoal = api.post("/v1/plan", "{\"completed\": []}");
    assertEquals(400, noGoal.status());
    assertEquals("missing_field", noGoal.json().at("/details/0/code").asText());
  }

  @Test
  void an_unreachable_goal_is_said_with_the_blocks_no_step_can_lift(@TempDir Path dir) throws Exception {
    RulesCopy.of(dir);
    RulesCopy.write(dir, "common/cycle.drl", org.peacepath.BrokenRules.CYCLE);
    try (Api cyclic = new Api(RuleSets.load(dir))) {
      // Under a doctrine that allows simultaneous action the two are a package, taken together.
      JsonNode together = cyclic.post("/v1/plan", "{\"completed\": [], \"goal\": \"peace-treaty\"}").json();
      assertTrue(together.get("reachable").asBoolean(), together.toString());
      assertTrue(together.toString().contains("\"together\":true"), together.toString());

      JsonNode plan = cyclic.post("/v1/plan", "{\"ruleset\": \"denuclearization-first\", \"completed\": [], "
          + "\"goal\": \"peace-treaty\"}").json();

      assertFalse(plan.get("reachable").asBoolean(), plan.toString());
      assertTrue(plan.get("complete").asBoolean());
      List<String> rules = new ArrayList<>(plan.get("blocks").findValuesAsText("ruleId"));
      assertTrue(rules.contains("normalization-needs-treaty"), plan.toString());
      assertTrue(rules.contains("treaty-conditions"), plan.toString());
    }
  }

  @Test
  void the_graph_of_sigal_has_an_edge_from_each_required_step_to_the_step_that_needs_it() {
    JsonNode graph = api.get("/v1/graph?ruleset=sigal&format=json").json();

    List<String> edges = new ArrayList<>();
    graph.get("edges").forEach(e -> edges.add(e.get("from").asText() + " -> " + e.get("to").asText() + " ("
        + e.get("strength").asText() + ": " + String.join(", ", ids(e.get("ruleIds"))) + ")"));
    for (String edge : List.of(
        "peace-declaration -> peace-mechanism (firm: mechanism-after-declaration)",
        "dismantlement -> peace-mechanism (firm: reciprocity)",
        "peace-mechanism -> interim-peace-agreement (advice: interim-after-mechanism)",
        "peace-declaration -> dismantlement (firm: dismantlement-needs-peace-process)",
        "missile-restraint -> satellite-launch-services (firm: missiles-for-satellites)",
        "satellite-launch-services -> missile-restraint (firm: missiles-for-satellites)",
        "peace-mechanism -> joint-fishing-area (advice: cbm-at-mechanism)",
        "peace-declaration -> four-party-talks (advice: talks-after-declaration)",
        "artillery-redeployment -> peace-treaty (firm: treaty-conditions)",
        "four-party-talks -> peace-treaty (firm: treaty-negotiated-by-four)",
        "dismantlement -> peace-treaty (advice: treaty-after-reciprocity)",
        "peace-mechanism -> peace-treaty (advice: treaty-after-process)",
        "peace-treaty -> treaty-endorsement (firm: endorsement-after-treaty)",
        "peace-declaration -> denuclearization (firm: denuclearization-needs-end-of-enmity)")) {
      assertTrue(edges.contains(edge), edge + " in " + edges);
    }
    assertTrue(edges.stream().noneMatch(e -> e.endsWith("-> joint-watch-center (advice: watch-center-after-open-skies)")
        || e.startsWith("open-skies -> joint-watch-center")), "model 2.1 compares the watch center with nothing: " + edges);
    assertTrue(edges.stream().noneMatch(e -> e.startsWith("peace-mechanism -> border-rectification")),
        "borders wait for nothing under model 2: " + edges);
    assertEquals("[[\"missile-restraint\",\"satellite-launch-services\"]]", graph.get("packages").toString());
    assertEquals(19, graph.get("nodes").size());
  }

  @Test
  void the_graph_follows_the_doctrine() {
    JsonNode graph = api.get("/v1/graph?ruleset=treaty-first").json();
    List<String> edges = new ArrayList<>();
    graph.get("edges").forEach(e -> edges.add(e.get("from").asText() + " -> " + e.get("to").asText()));

    assertTrue(edges.contains("peace-treaty -> denuclearization"), edges.toString());
  }

  @Test
  void the_graph_comes_as_dot_with_quoted_ids_and_as_mermaid() {
    Api.Reply dot = api.get("/v1/graph?format=dot");
    assertEquals(200, dot.status());
    assertTrue(dot.contentType().startsWith("text/vnd.graphviz"), dot.contentType());
    assertTrue(dot.text().startsWith("digraph \"sigal\" {"), dot.text());
    assertTrue(dot.text().contains("  \"peace-declaration\" -> \"peace-mechanism\""), dot.text());

    Api.Reply mermaid = api.get("/v1/graph?format=mermaid");
    assertTrue(mermaid.text().startsWith("flowchart LR\n"), mermaid.text());
    assertTrue(mermaid.text().contains("  peace_declaration --> peace_mechanism\n"), mermaid.text());
    assertTrue(mermaid.text().contains("  missile_restraint <-->|together| satellite_launch_services\n"), mermaid.text());
    assertTrue(dot.text().contains("\"missile-restraint\" -> \"satellite-launch-services\" [tooltip=\"missiles-for-satellites\", dir=both"), dot.text());

    Api.Reply bad = api.get("/v1/graph?format=png");
    assertEquals(400, bad.status());
    assertEquals("format", bad.json().at("/details/0/field").asText());
    assertEquals(404, api.get("/v1/graph?ruleset=nope").status());
  }

  private static void assumeKernelTables() {
    org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(Path.of("/proc/net/tcp")),
        "the operating system tells of a closed connection through /proc/net/tcp");
  }

  /**
   * Asks for a plan over 500 interim agreements, following advice: treaty-after-reciprocity then recommends a
   * dismantlement for each, so the search runs to its budget of 5 s unless stopped sooner.
   */
  private static void sendLongPlan(java.net.Socket socket) throws java.io.IOException {
    byte[] body = ("{\"completed\": [{\"step\": \"peace-declaration\"}"
        + ", {\"step\": \"interim-peace-agreement\"}".repeat(500) + "], \"goal\": \"peace-treaty\", \"advice\": \"follow\"}")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    socket.getOutputStream().write(("POST /v1/plan HTTP/1.1\r\nHost: localhost:" + socket.getPort() + "\r\nContent-Type: application/json\r\n"
        + "Connection: close\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    socket.getOutputStream().write(body);
    socket.getOutputStream().flush();
  }

  @Test
  void a_plan_whose_client_hangs_up_is_abandoned_rather_than_finished() throws Exception {
    assumeKernelTables();
    try (Api own = new Api(Bundled.ruleSets())) {
      try (java.net.Socket socket = new java.net.Socket("127.0.0.1", own.uri("/").getPort())) {
        sendLongPlan(socket);
        Thread.sleep(300); // the search is under way; then the client hangs up
      }
      String metrics;
      long deadline = System.nanoTime() + 30_000_000_000L;
      do {
        Thread.sleep(100);
        metrics = own.get("/metrics").text();
      } while (!metrics.contains("peacepath_answers_total{kind=\"plan\"") && System.nanoTime() < deadline);
      assertTrue(metrics.contains("peacepath_answers_total{kind=\"plan\",outcome=\"plan_abandoned\""),
          "the search stopped when its client left, not at its budget: " + metrics.lines()
              .filter(line -> line.contains("kind=\"plan\"")).toList());
    }
  }

  @Test
  void a_client_that_only_closes_its_sending_half_still_gets_its_answer() throws Exception {
    assumeKernelTables();
    try (Api own = new Api(Bundled.ruleSets());
        java.net.Socket socket = new java.net.Socket("127.0.0.1", own.uri("/").getPort())) {
      socket.setSoTimeout(30_000);
      sendLongPlan(socket);
      socket.shutdownOutput(); // nothing more to send, but the answer is still awaited
      String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

      assertTrue(answer.contains("HTTP/1.1 422 "), "the search ran to its budget and said so: " + answer.lines().limit(3).toList());
      assertTrue(answer.contains("plan_budget_exceeded"));
    }
  }

  @Test
  void a_connection_is_found_in_the_kernel_tables_as_they_write_it() throws Exception {
    String[] v4 = ClientWatch.endpoint(new java.net.InetSocketAddress(java.net.InetAddress.getByName("127.0.0.1"), 7177));
    assertEquals("0100007F:1C09", v4[0]);
    assertEquals("0000000000000000FFFF00000100007F:1C09", v4[1], "mapped into IPv6 where the server listens on both");
    String[] v6 = ClientWatch.endpoint(new java.net.InetSocketAddress(java.net.InetAddress.getByName("::1"), 443));
    assertEquals(null, v6[0]);
    assertEquals("00000000000000000000000001000000:01BB", v6[1]);
  }
}
