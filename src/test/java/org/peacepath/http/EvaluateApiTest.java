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
    assertEquals(List.of("peace-mechanism", "interim-peace-agreement", "dismantlement", "joint-fishing-area",
        "naval-rules-of-the-road",
        "navy-hotline", "open-skies", "joint-watch-center", "four-party-talks", "normalization", "border-rectification",
        "artillery-redeployment", "force-posture-changes", "denuclearization"), ids(body.get("unlocked")));
    assertEquals(List.of("missile-restraint", "satellite-launch-services", "peace-treaty", "treaty-endorsement"),
        ids(body.get("blocked")));
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
    assertEquals("reciprocity for dismantlement", reason.get("brief").asText(), "firm by the design brief, and says so");
    assertFalse(reason.get("rule").asText().isBlank());
    assertTrue(reason.get("reason").asText().endsWith("."), reason.toString());
    assertEquals("[\"dismantlement\"]", reason.get("requires").toString());
  }

  @Test
  void the_three_rules_of_the_design_brief_carry_its_words_and_no_other_rule_does() {
    JsonNode body = api.post("/v1/evaluate", "{\"completed\": []}").json();

    JsonNode mechanism = find(body.get("blocked"), "peace-mechanism").at("/reasons/0");
    assertEquals("mechanism-after-declaration", mechanism.get("ruleId").asText());
    assertEquals("hedged", mechanism.get("basis").asText(), "the text says \"A first step could be\"");
    assertEquals("a declaration before the mechanism", mechanism.get("brief").asText());
    JsonNode treaty = find(body.get("blocked"), "peace-treaty");
    assertEquals(List.of("treaty-conditions", "treaty-negotiated-by-four"), treaty.get("reasons").findValuesAsText("ruleId"));
    assertEquals("redeployment of artillery out of range of Seoul", treaty.at("/reasons/0/brief").asText());
    assertFalse(treaty.at("/reasons/1").has("brief"), "treaty-negotiated-by-four is firm by the text alone");
    assertEquals("[\"four-party-talks\"]", treaty.at("/reasons/1/requires").toString());
    for (JsonNode blocked : body.get("blocked")) {
      for (JsonNode reason : blocked.get("reasons")) {
        if (!List.of("mechanism-after-declaration", "treaty-conditions").contains(reason.get("ruleId").asText())) {
          assertFalse(reason.has("brief"), reason.toString());
        }
      }
    }
  }

  @Test
  void advice_puts_a_caution_on_a_step_without_blocking_it() {
    JsonNode body = api.post("/v1/evaluate", "{\"completed\": []}").json();

    JsonNode talks = find(body.get("unlocked"), "four-party-talks");
    JsonNode caution = talks.at("/cautions/0");
    assertEquals("talks-after-declaration", caution.get("ruleId").asText());
    assertEquals("inferred", caution.get("basis").asText(), "that the process is the four-party talks is a reading");
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
        + " {\"step\": \"dismantlement\"}, {\"step\": \"peace-mechanism\"}, {\"step\": \"dismantlement\"}]}").json();

    assertEquals(0, find(body.get("unlocked"), "interim-peace-agreement").get("cautions").size(),
        "interim-after-mechanism lapses once the mechanism counts");
    JsonNode before = api.post("/v1/evaluate", "{\"completed\": [{\"step\": \"peace-declaration\"},"
        + " {\"step\": \"dismantlement\"}]}").json();
    JsonNode further = find(before.get("unlocked"), "interim-peace-agreement");
    assertEquals(List.of("interim-after-mechanism"), further.get("cautions").findValuesAsText("ruleId"));
    assertEquals("[\"peace-mechanism\"]", further.at("/cautions/0/recommends").toString());
  }

  @Test
  void advice_with_a_condition_of_its_own_recommends_a_repeatable_step_again_though_it_counts() {
    JsonNode body = api.post("/v1/evaluate", """
        {"completed": [{"step": "peace-declaration"}, {"step": "dismantlement"}, {"step": "peace-mechanism"},
                       {"step": "four-party-talks"}, {"step": "normalization"}, {"step": "border-rectification"},
                       {"step": "artillery-redeployment"}, {"step": "force-posture-changes"}]}""").json();

    JsonNode treaty = find(body.get("unlocked"), "peace-treaty");
    assertEquals(List.of("treaty-after-reciprocity"), treaty.get("cautions").findValuesAsText("ruleId"),
        "advice, not a block, under model 2.1");
    assertEquals("[\"dismantlement\"]", treaty.at("/cautions/0/recommends").toString(),
        "one dismantlement counts, and one more is owed");
    JsonNode reciprocated = api.post("/v1/evaluate", """
        {"completed": [{"step": "peace-declaration"}, {"step": "dismantlement"}, {"step": "peace-mechanism"},
                       {"step": "dismantlement"}, {"step": "four-party-talks"}, {"step": "normalization"},
                       {"step": "border-rectification"}, {"step": "artillery-redeployment"},
                       {"step": "force-posture-changes"}]}""").json();
    assertEquals(0, find(reciprocated.get("unlocked"), "peace-treaty").get("cautions").size());
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
        {"completed": [{"step": "navy-hotline", "parties": ["DPRK"]},
                       {"step": "naval-rules-of-the-road", "parties": ["DPRK", "US"]},
                       {"step": "open-skies"}]}""").json();

    assertEquals(List.of("naval-rules-of-the-road", "open-skies"), ids(body.get("completed")),
        "open skies by default DPRK and ROK");
    assertEquals("neither ROK nor US took part", body.at("/notCounted/0/reason").asText());
  }

  @Test
  void the_joint_fishing_area_is_a_north_south_measure_that_the_united_states_may_join() {
    JsonNode body = api.post("/v1/evaluate", """
        {"completed": [{"step": "joint-fishing-area", "parties": ["DPRK", "US"]}]}""").json();
    assertEquals("ROK did not take part", body.at("/notCounted/0/reason").asText());
    JsonNode joined = api.post("/v1/evaluate", """
        {"completed": [{"step": "joint-fishing-area", "parties": ["DPRK", "ROK", "US"]}]}""").json();
    assertEquals(List.of("joint-fishing-area"), ids(joined.get("completed")));
    JsonNode treaty = api.post("/v1/evaluate", """
        {"completed": [{"step": "peace-treaty", "parties": ["US", "DPRK", "ROK"]}]}""").json();
    assertEquals(List.of("peace-treaty"), ids(treaty.get("completed")), "China negotiates; the three parties sign");
  }

  @Test
  void packages_are_listed_when_asked_for_with_the_rules_that_tie_them() {
    JsonNode body = api.post("/v1/evaluate", "{\"completed\": [], \"packages\": true}").json();

    assertEquals("[{\"steps\":[\"missile-restraint\",\"satellite-launch-services\"],\"ruleIds\":[\"missiles-for-satellites\"]}]",
        body.get("packages").toString());
    JsonNode hostile = api.post("/v1/evaluate",
        "{\"ruleset\": \"treaty-first\", \"completed\": [], \"packages\": true}").json();
    assertEquals("[]", hostile.get("packages").toString(), "under treaty-first, not while the hostile concept remains");
    JsonNode declared = api.post("/v1/evaluate",
        "{\"ruleset\": \"treaty-first\", \"completed\": [{\"step\": \"peace-declaration\"}], \"packages\": true}").json();
    assertEquals("[{\"steps\":[\"missile-restraint\",\"satellite-launch-services\"],\"ruleIds\":[\"missiles-for-satellites\"]}]",
        declared.get("packages").toString());
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
