package org.peacepath.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.peacepath.Bundled;

/** The decision contract of POST /v1/evaluate and its neighbours, through the running server. */
class EvaluateApiTest {
  static final String DOMAIN_EXAMPLE = """
      {
        "ruleset": "sigal",
        "completed": [
          {"step": "peace-declaration", "parties": ["US", "DPRK", "ROK", "PRC"]},
          {"step": "dismantlement", "note": "Yongbyon 5 MW reactor"}
        ]
      }""";

  static Api api;

  @BeforeAll
  static void start() {
    api = new Api(Bundled.ruleSets());
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  static List<String> ids(JsonNode list) {
    List<String> ids = new ArrayList<>();
    list.forEach(item -> ids.add(item.has("id") ? item.get("id").asText() : item.asText()));
    return ids;
  }

  @Test
  void a_signed_and_reciprocated_declaration_unlocks_the_peace_mechanism() {
    Api.Reply reply = api.post("/v1/evaluate", DOMAIN_EXAMPLE);

    assertEquals(200, reply.status(), reply.text());
    assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
    JsonNode body = reply.json();
    assertEquals("sigal", body.at("/ruleset/name").asText());
    assertEquals(Bundled.ruleSets().get("sigal").orElseThrow().revision(), body.at("/ruleset/revision").asText());
    assertEquals(List.of("peace-declaration", "dismantlement"), ids(body.get("completed")));
    assertEquals(List.of("peace-mechanism", "dismantlement", "four-party-talks", "normalization",
        "artillery-redeployment"), ids(body.get("unlocked")));
    assertEquals("Peace mechanism", body.at("/unlocked/0/title").asText());
    assertEquals("[\"US\",\"DPRK\",\"ROK\"]", body.at("/unlocked/0/parties").toString());
    assertEquals(0, body.get("notCounted").size());
    assertFalse(body.get("decisionId").asText().isBlank());
  }

  @Test
  void a_blocked_step_says_which_rule_blocks_it_why_and_what_it_still_requires() {
    JsonNode body = api.post("/v1/evaluate", "{\"completed\": [{\"step\": \"peace-declaration\"}]}").json();

    JsonNode mechanism = body.get("blocked").get(0);
    assertEquals("peace-mechanism", mechanism.get("id").asText());
    JsonNode reason = mechanism.at("/reasons/0");
    assertEquals("Each interim agreement is reciprocated with a dismantlement before the next is signed",
        reason.get("rule").asText());
    assertTrue(reason.get("reason").asText().startsWith("Interim agreements signed so far: 1;"), reason.toString());
    assertEquals("[\"dismantlement\"]", reason.get("requires").toString());
  }

  @Test
  void advisories_are_said_beside_the_decision() {
    JsonNode body = api.post("/v1/evaluate", "{\"completed\": []}").json();

    assertEquals(List.of(
            "Redeploying the artillery before the peace mechanism may harden Pyongyang's hold on its nuclear arms",
            "So long as the United States remains its foe, the DPRK will demand the withdrawal of US forces"),
        body.get("advisories").findValuesAsText("rule"));
  }

  @Test
  void a_step_a_required_party_did_not_sign_is_reported_and_does_not_count() {
    JsonNode body = api.post("/v1/evaluate",
        "{\"completed\": [{\"step\": \"peace-declaration\", \"parties\": [\"US\", \"DPRK\"]}]}").json();

    assertEquals(List.of(), ids(body.get("completed")));
    JsonNode notCounted = body.at("/notCounted/0");
    assertEquals("peace-declaration", notCounted.get("step").asText());
    assertEquals(0, notCounted.get("index").asInt());
    assertEquals("ROK did not sign the peace declaration, so it does not count.", notCounted.get("reason").asText());
    assertTrue(ids(body.get("unlocked")).contains("peace-declaration"));
  }

  @Test
  void the_same_state_gives_the_same_bytes_apart_from_the_decision_id() {
    String first = api.post("/v1/evaluate", DOMAIN_EXAMPLE).text();
    String second = api.post("/v1/evaluate", DOMAIN_EXAMPLE).text();

    String idPattern = "\"decisionId\":\"[^\"]+\"";
    assertFalse(first.equals(second), "each decision has its own id");
    assertEquals(first.replaceAll(idPattern, ""), second.replaceAll(idPattern, ""));
  }

  @Test
  void the_ruleset_field_may_be_left_out_for_the_default() {
    JsonNode body = api.post("/v1/evaluate", "{\"completed\": []}").json();
    assertEquals("sigal", body.at("/ruleset/name").asText());
  }

  @Test
  void the_catalog_lists_every_step_in_order() {
    Api.Reply reply = api.get("/v1/steps");

    assertEquals(200, reply.status());
    List<String> ids = ids(reply.json().get("steps"));
    assertEquals(19, ids.size());
    assertEquals("peace-declaration", ids.get(0));
    assertEquals("denuclearization", ids.get(18));
    assertTrue(reply.json().at("/steps/3/repeatable").asBoolean(), "dismantlement is repeatable");
    assertFalse(reply.json().at("/steps/0/source").asText().isBlank());
  }

  @Test
  void health_answers_with_the_rule_sets_served() {
    Api.Reply reply = api.get("/health");

    assertEquals(200, reply.status());
    assertEquals("ok", reply.json().get("status").asText());
    assertEquals("sigal", reply.json().at("/rulesets/0/name").asText());
  }

  @Test
  void an_unknown_route_gets_a_json_404() {
    Api.Reply reply = api.get("/v1/nothing-here");

    assertEquals(404, reply.status());
    assertEquals("no_route", reply.json().get("code").asText());
  }
}
