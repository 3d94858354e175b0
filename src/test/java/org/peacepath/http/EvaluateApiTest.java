package org.peacepath.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
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

  @Test
  void a_signed_and_reciprocated_declaration_unlocks_the_peace_mechanism() {
    Api.Reply reply = api.post("/v1/evaluate", DOMAIN_EXAMPLE);

    assertEquals(200, reply.status(), reply.text());
    assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
    JsonNode body = reply.json();
    assertEquals("sigal", body.at("/ruleset/name").asText());
    assertEquals(Bundled.ruleSets().get("sigal").orElseThrow().revision(), body.at("/ruleset/revision").asText());
    assertEquals(List.of("peace-declaration", "dismantlement"), ids(body.get("completed")));
    assertEquals(List.of("peace-mechanism", "dismantlement", "joint-fishing-area", "naval-rules-of-the-road",
        "navy-hotline", "open-skies", "joint-watch-center", "four-party-talks", "normalization", "border-rectification",
        "artillery-redeployment", "force-posture-changes", "denuclearization"), ids(body.get("unlocked")));
    assertEquals(List.of("interim-peace-agreement", "missile-restraint", "satellite-launch-services", "peace-treaty",
        "treaty-endorsement"), ids(body.get("blocked")));
    assertEquals("Peace mechanism", body.at("/unlocked/0/title").asText());
    assertEquals("[\"US\",\"DPRK\",\"ROK\"]", body.at("/unlocked/0/parties").toString());
    assertEquals(0, body.get("notCounted").size());
    assertFalse(body.has("packages"), "packages only when asked for");
    assertFalse(body.has("irregular"), "irregular only when every record has a date");
    assertFalse(body.get("decisionId").asText().isBlank());
  }

  @Test
  void a_blocked_step_says_which_rule_blocks_it_on_what_authority_why_and_what_it_still_requires() {
    JsonNode body = api.post("/v1/evaluate", "{\"completed\": [{\"step\": \"peace-declaration\"}]}").json();

    JsonNode mechanism = body.get("blocked").get(0);
    assertEquals("peace-mechanism", mechanism.get("id").asText());
    JsonNode reason = mechanism.at("/reasons/0");
    assertEquals("reciprocity", reason.get("ruleId").asText());
    assertEquals("stated", reason.get("basis").asText());
    assertFalse(reason.get("rule").asText().isBlank());
    assertTrue(reason.get("reason").asText().endsWith("."), reason.toString());
    assertEquals("[\"dismantlement\"]", reason.get("requires").toString());
  }

  @Test
  void advice_puts_a_caution_on_a_step_without_blocking_it() {
    JsonNode body = api.post("/v1/evaluate", "{\"completed\": []}").json();

    JsonNode talks = find(body.get("unlocked"), "four-party-talks");
    JsonNode caution = talks.at("/cautions/0");
    assertEquals("talks-after-declaration", caution.get("ruleId").asText());
    assertEquals("hedged", caution.get("basis").asText());
    assertEquals("[\"peace-declaration\"]", caution.get("recommends").toString());
    JsonNode artillery = find(body.get("unlocked"), "artillery-redeployment");
    assertEquals("[]", artillery.at("/cautions/0/recommends").toString(), "the deterrence caution recommends nothing");
    assertEquals("artillery-and-deterrence", artillery.at("/cautions/0/ruleId").asText());
    JsonNode treaty = find(body.get("blocked"), "peace-treaty");
    assertEquals("treaty-after-process", treaty.at("/cautions/0/ruleId").asText());
    assertEquals("[\"peace-mechanism\"]", treaty.at("/cautions/0/recommends").toString());
  }

  @Test
  void a_caution_names_only_the_recommended_steps_still_missing_and_lapses_once_they_count() {
    JsonNode body = api.post("/v1/evaluate", "{\"completed\": [{\"step\": \"peace-declaration\"},"
        + " {\"step\": \"dismantlement\"}, {\"step\": \"peace-mechanism\"}]}").json();

    JsonNode watch = find(body.get("unlocked"), "joint-watch-center");
    assertEquals(List.of("watch-center-after-open-skies"), watch.get("cautions").findValuesAsText("ruleId"));
    assertEquals(0, find(body.get("unlocked"), "open-skies").get("cautions").size());
  }

  @Test
  void advisories_are_said_beside_the_decision_with_their_rule_ids() {
    JsonNode body = api.post("/v1/evaluate", "{\"completed\": []}").json();

    assertEquals(List.of("foe-demands-withdrawal"), body.get("advisories").findValuesAsText("ruleId"));
    JsonNode after = api.post("/v1/evaluate", "{\"completed\": [{\"step\": \"peace-declaration\"},"
        + " {\"step\": \"dismantlement\"}, {\"step\": \"peace-mechanism\", \"status\": \"suspended\"}]}").json();
    assertEquals(List.of("forces-could-remain", "relations-deteriorated"),
        after.get("advisories").findValuesAsText("ruleId").stream().sorted().toList());
  }

  @Test
  void a_step_a_required_party_did_not_take_part_in_is_reported_and_does_not_count() {
    JsonNode body = api.post("/v1/evaluate",
        "{\"completed\": [{\"step\": \"peace-declaration\", \"parties\": [\"US\", \"DPRK\"]}]}").json();

    assertEquals(List.of(), ids(body.get("completed")));
    JsonNode notCounted = body.at("/notCounted/0");
    assertEquals("peace-declaration", notCounted.get("id").asText());
    assertEquals(0, notCounted.get("index").asInt());
    assertEquals("ROK did not take part", notCounted.get("reason").asText());
    assertTrue(ids(body.get("unlocked")).contains("peace-declaration"));
  }

  @Test
  void the_domain_record_counts_one_facility_once_and_a_suspended_step_not_at_all() {
    JsonNode body = api.post("/v1/evaluate", """
        {"ruleset": "sigal", "completed": [
          {"step": "peace-declaration", "parties": ["US", "DPRK", "ROK", "PRC"], "date": "2027-03-01"},
          {"step": "dismantlement", "facility": "Yongbyon 5 MW reactor", "date": "2027-05"},
          {"step": "peace-mechanism", "status": "suspended", "date": "2027-09-10", "note": "after a naval clash"},
          {"step": "dismantlement", "facility": "yongbyon  5 MW Reactor", "date": "2027-10"}
        ]}""").json();

    assertEquals(List.of("peace-declaration", "dismantlement"), ids(body.get("completed")));
    assertEquals("{\"id\":\"peace-mechanism\",\"index\":2,\"reason\":\"suspended\"}", body.at("/notCounted/0").toString());
    assertEquals("{\"id\":\"dismantlement\",\"index\":3,\"reason\":\"the Yongbyon 5 MW reactor was already dismantled (completed[1])\"}",
        body.at("/notCounted/1").toString());
    assertTrue(ids(body.get("unlocked")).contains("peace-mechanism"), "the mechanism can be signed again");
    assertEquals(0, body.get("irregular").size(), "every record has a date, and none broke a firm rule");
  }

  @Test
  void at_least_one_of_its_parties_must_take_part_in_a_joint_fishing_area() {
    JsonNode body = api.post("/v1/evaluate", """
        {"completed": [{"step": "joint-fishing-area", "parties": ["DPRK"]},
                       {"step": "navy-hotline", "parties": ["DPRK", "US"]},
                       {"step": "open-skies"}]}""").json();

    assertEquals(List.of("navy-hotline", "open-skies"), ids(body.get("completed")), "open skies by default DPRK and ROK");
    assertEquals("neither ROK nor US took part", body.at("/notCounted/0/reason").asText());
  }

  @Test
  void packages_are_listed_when_asked_for_with_the_rules_that_tie_them() {
    JsonNode body = api.post("/v1/evaluate", "{\"completed\": [], \"packages\": true}").json();

    assertEquals("[{\"steps\":[\"missile-restraint\",\"satellite-launch-services\"],\"ruleIds\":[\"missiles-for-satellites\"]}]",
        body.get("packages").toString());
    JsonNode history = api.post("/v1/evaluate",
        "{\"completed\": [{\"step\": \"interim-peace-agreement\"}], \"packages\": true}").json();
    assertTrue(history.get("packages").findValues("steps").stream().anyMatch(
        steps -> steps.toString().equals("[\"peace-declaration\",\"dismantlement\"]")), history.get("packages").toString());
    JsonNode refused = api.post("/v1/evaluate",
        "{\"ruleset\": \"denuclearization-first\", \"completed\": [], \"packages\": true}").json();
    assertEquals("[]", refused.get("packages").toString(), "this doctrine refuses simultaneous action");
  }

  @Test
  void a_dated_record_replayed_in_date_order_shows_the_steps_taken_against_a_firm_rule() {
    // Replayed in date order: the mechanism (February) came before any declaration, and the declaration
    // (May) came while the mechanism, an interim agreement, was not yet reciprocated.
    JsonNode body = api.post("/v1/evaluate", """
        {"completed": [
          {"step": "peace-declaration", "date": "2014-05"},
          {"step": "dismantlement", "date": "2014-06"},
          {"step": "peace-mechanism", "date": "2014-02"}
        ]}""").json();

    assertEquals("[{\"index\":0,\"id\":\"peace-declaration\",\"date\":\"2014-05\",\"ruleIds\":[\"reciprocity\"]},"
        + "{\"index\":2,\"id\":\"peace-mechanism\",\"date\":\"2014-02\",\"ruleIds\":[\"mechanism-after-declaration\"]}]",
        body.get("irregular").toString());
  }

  static JsonNode find(JsonNode list, String id) {
    for (JsonNode item : list) {
      if (item.path("id").asText().equals(id)) {
        return item;
      }
    }
    throw new AssertionError(id + " is not in " + list);
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
