package org.peacepath.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peacepath.Bundled;
import org.peacepath.RulesCopy;
import org.peacepath.rules.RuleSets;

/** POST /v1/plan and GET /v1/graph through the running server. */
class PlanApiTest {
  static Api api;

  @BeforeAll
  static void start() {
    api = new Api(Bundled.ruleSets());
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  static List<String> steps(JsonNode plan) {
    return plan.get("steps").findValuesAsText("step");
  }

  @Test
  void a_plan_from_a_signed_and_reciprocated_declaration_to_the_treaty_takes_eight_steps() {
    Api.Reply reply = api.post("/v1/plan", "{\"completed\": [{\"step\": \"peace-declaration\"}, "
        + "{\"step\": \"dismantlement\"}], \"goal\": \"peace-treaty\"}");

    assertEquals(200, reply.status(), reply.text());
    JsonNode plan = reply.json();
    assertTrue(plan.get("reachable").asBoolean());
    assertEquals(8, plan.get("length").asInt());
    assertEquals(List.of("peace-mechanism", "dismantlement", "four-party-talks", "normalization",
        "border-rectification", "artillery-redeployment", "force-posture-changes", "peace-treaty"), steps(plan));
    assertEquals("[\"DPRK\"]", plan.at("/steps/1/parties").toString());
    assertEquals("The peace treaty waits until every interim agreement has been reciprocated",
        plan.at("/steps/1/satisfies/rule").asText());
  }

  @Test
  void under_another_doctrine_the_same_road_is_longer() {
    String body = "{\"ruleset\": \"denuclearization-first\", \"completed\": [], \"goal\": \"peace-treaty\"}";
    JsonNode plan = api.post("/v1/plan", body).json();

    assertEquals(11, plan.get("length").asInt());
    assertEquals("dismantlement", plan.at("/steps/0/step").asText());
    assertEquals("denuclearization-first", plan.at("/ruleset/name").asText());
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
    RulesCopy.write(dir, "sigal/cycle.drl", org.peacepath.BrokenRules.CYCLE);
    try (Api cyclic = new Api(RuleSets.load(dir))) {
      JsonNode plan = cyclic.post("/v1/plan", "{\"completed\": [], \"goal\": \"peace-treaty\"}").json();

      assertFalse(plan.get("reachable").asBoolean(), plan.toString());
      assertTrue(plan.get("complete").asBoolean());
      List<String> rules = new ArrayList<>(plan.get("blocks").findValuesAsText("rule"));
      assertTrue(rules.contains("Normalization needs the treaty"), plan.toString());
      assertTrue(rules.contains("The peace treaty needs talks, normal relations, settled borders and forces out of "
          + "range of Seoul"), plan.toString());
    }
  }

  @Test
  void the_graph_of_sigal_has_an_edge_from_each_required_step_to_the_step_that_needs_it() {
    JsonNode graph = api.get("/v1/graph?ruleset=sigal&format=json").json();

    List<String> edges = new ArrayList<>();
    graph.get("edges").forEach(e -> edges.add(e.get("from").asText() + " -> " + e.get("to").asText()));
    assertEquals(List.of(
        "peace-declaration -> peace-mechanism",
        "dismantlement -> peace-mechanism",
        "peace-mechanism -> interim-peace-agreement",
        "dismantlement -> interim-peace-agreement",
        "peace-declaration -> dismantlement",
        "peace-mechanism -> joint-fishing-area",
        "peace-mechanism -> naval-rules-of-the-road",
        "peace-mechanism -> navy-hotline",
        "peace-mechanism -> open-skies",
        "peace-mechanism -> missile-restraint",
        "missile-restraint -> satellite-launch-services",
        "open-skies -> joint-watch-center",
        "peace-declaration -> four-party-talks",
        "peace-declaration -> normalization",
        "peace-mechanism -> border-rectification",
        "peace-mechanism -> force-posture-changes",
        "dismantlement -> peace-treaty",
        "four-party-talks -> peace-treaty",
        "normalization -> peace-treaty",
        "border-rectification -> peace-treaty",
        "artillery-redeployment -> peace-treaty",
        "force-posture-changes -> peace-treaty",
        "peace-treaty -> treaty-endorsement",
        "peace-declaration -> denuclearization",
        "peace-mechanism -> denuclearization"), edges);
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

    Api.Reply bad = api.get("/v1/graph?format=png");
    assertEquals(400, bad.status());
    assertEquals("format", bad.json().at("/details/0/field").asText());
    assertEquals(404, api.get("/v1/graph?ruleset=nope").status());
  }
}
