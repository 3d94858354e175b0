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
import org.peacepath.catalog.Step;

/**
 * What every client shows, said by the server once: each step's status, each record's verdict and place
 * in date order, the vocabulary, and the plan's moves that only advice puts on the road.
 */
class VerdictsApiTest {
  @org.junit.jupiter.api.extension.RegisterExtension
  static final ServerExtension SERVER = ServerExtension.bundled();

  static Api api;

  @BeforeAll
  static void start() {
    api = SERVER.api();
  }

  static JsonNode step(JsonNode decision, String id) {
    for (JsonNode step : decision.get("steps")) {
      if (step.get("id").asText().equals(id)) {
        return step;
      }
    }
    throw new AssertionError("no step " + id + " in " + decision.get("steps"));
  }

  @Test
  void every_catalog_step_has_one_status_in_catalog_order_agreeing_with_the_lists() {
    JsonNode decision = api.post("/v1/evaluate", EvaluateApiTest.DOMAIN_EXAMPLE).json();

    List<String> ids = new ArrayList<>();
    decision.get("steps").forEach(s -> ids.add(s.get("id").asText()));
    assertEquals(Bundled.ruleSets().get("sigal").orElseThrow().catalog().steps().stream().map(Step::id).toList(), ids);
    for (JsonNode step : decision.get("steps")) {
      String id = step.get("id").asText();
      String expected = EvaluateApiTest.ids(decision.get("unlocked")).contains(id) ? "unlocked"
          : EvaluateApiTest.ids(decision.get("blocked")).contains(id) ? "blocked" : "completed";
      assertEquals(expected, step.get("status").asText(), step.toString());
      assertTrue(step.get("why").asText().endsWith("."), step.toString());
    }
    assertEquals("completed", step(decision, "peace-declaration").get("status").asText());
    assertEquals("Taken, and it counts (completed[0]).", step(decision, "peace-declaration").get("why").asText());
    assertTrue(step(decision, "peace-treaty").get("why").asText().startsWith("Blocked: "));
  }

  @Test
  void the_next_move_with_no_goal_is_the_open_step_most_advice_recommends_or_else_the_first_open() {
    for (String body : List.of("{\"completed\": []}", EvaluateApiTest.DOMAIN_EXAMPLE,
        "{\"ruleset\": \"treaty-first\", \"completed\": [{\"step\": \"peace-declaration\"}]}",
        "{\"ruleset\": \"denuclearization-first\", \"completed\": []}")) {
      JsonNode decision = api.post("/v1/evaluate", body).json();
      java.util.Map<String, Integer> named = new java.util.HashMap<>();
      for (String list : List.of("unlocked", "blocked")) {
        decision.get(list).forEach(step -> step.get("cautions").forEach(caution ->
            caution.get("recommends").forEach(id -> named.merge(id.asText(), 1, Integer::sum))));
      }
      List<String> open = new ArrayList<>();
      decision.get("steps").forEach(s -> {
        if (s.get("status").asText().equals("unlocked")) {
          open.add(s.get("id").asText());
        }
      });
      JsonNode next = decision.get("nextMove");
      assertEquals(1, next.get("steps").size(), body);
      String chosen = next.get("steps").get(0).asText();
      int most = open.stream().mapToInt(id -> named.getOrDefault(id, 0)).max().orElse(0);
      if (most == 0) {
        assertEquals(open.get(0), chosen, body);
        assertEquals("the first step open now", next.get("why").asText());
      } else {
        assertEquals(open.stream().filter(id -> named.getOrDefault(id, 0) == most).findFirst().orElseThrow(), chosen, body);
        assertEquals("advice recommends it first for " + most + (most == 1 ? " step" : " steps"), next.get("why").asText());
      }
    }
  }

  @Test
  void a_repeatable_step_that_counts_is_unlocked_and_says_how_often_it_counted() {
    JsonNode decision = api.post("/v1/evaluate", "{\"completed\": [{\"step\": \"peace-declaration\"}, "
        + "{\"step\": \"dismantlement\", \"facility\": \"Yongbyon\"}, {\"step\": \"dismantlement\", \"facility\": \"Sohae\"}]}").json();

    JsonNode dismantlement = step(decision, "dismantlement");
    assertEquals("unlocked", dismantlement.get("status").asText());
    assertEquals(2, dismantlement.get("counted").asInt());
    assertEquals("Taken 2 times (completed[1] and completed[2]); no firm rule blocks taking it again.",
        dismantlement.get("why").asText());
    assertFalse(step(decision, "peace-declaration").has("counted"), "only repeatable steps are counted");
  }

  @Test
  void each_step_says_what_to_do_with_it_next_take_it_take_it_again_or_mend_the_record_in_force() {
    JsonNode decision = api.post("/v1/evaluate", """
        {"completed": [
          {"step": "peace-mechanism", "status": "revoked"},
          {"step": "peace-declaration", "parties": ["US", "DPRK"]},
          {"step": "dismantlement", "facility": "Yongbyon"},
          {"step": "peace-mechanism", "status": "suspended"}
        ]}""").json();

    // the declaration, in force but not counted (ROK left out), is open again: mend record 1, do not take it twice
    assertEquals("unlocked", step(decision, "peace-declaration").get("status").asText());
    assertEquals("{\"action\":\"mend\",\"record\":1}", step(decision, "peace-declaration").get("next").toString());
    // revoked and suspended, it may be taken again
    assertEquals("{\"action\":\"take-again\"}", step(decision, "peace-mechanism").get("next").toString());
    // a dismantlement may be taken any number of times, and a step not recorded is simply taken
    assertEquals("{\"action\":\"take\"}", step(decision, "dismantlement").get("next").toString());
    assertEquals("{\"action\":\"take\"}", step(decision, "peace-treaty").get("next").toString());
    // the record a mend names is the one a second record in force would clash with
    Api.Reply twice = api.post("/v1/evaluate", "{\"completed\": [{\"step\": \"peace-mechanism\", \"status\": \"revoked\"},"
        + " {\"step\": \"peace-declaration\", \"parties\": [\"US\", \"DPRK\"]}, {\"step\": \"peace-declaration\"}]}");
    assertEquals(400, twice.status());
    assertEquals("completed[2].step", twice.json().at("/details/0/field").asText());
    assertTrue(twice.json().at("/details/0/message").asText().contains("at completed[1]"), twice.text());
  }

  @Test
  void each_record_has_its_verdict_and_place_in_date_order_with_coarser_dates_in_request_order() {
    JsonNode decision = api.post("/v1/evaluate", """
        {"completed": [
          {"step": "peace-declaration", "date": "2027-05"},
          {"step": "dismantlement", "date": "2027"},
          {"step": "peace-mechanism", "date": "2027-02", "status": "suspended"},
          {"step": "open-skies", "date": "2026-11-30"}
        ]}""").json();

    JsonNode records = decision.get("records");
    assertEquals(4, records.size());
    List<Integer> order = new ArrayList<>();
    records.forEach(r -> order.add(r.get("order").asInt()));
    // "2027" cannot be told apart from May 2027, so it stays after the declaration; February 2027 cannot be
    // told apart from "2027", so it stays after that; the open skies of 2026 come first of all.
    assertEquals(List.of(1, 2, 3, 0), order);
    assertEquals("not-counted", records.get(2).get("verdict").asText());
    assertEquals("It does not count: suspended.", records.get(2).get("why").asText());
    assertEquals("counts", records.get(0).get("verdict").asText());
    assertEquals("It counts.", records.get(0).get("why").asText());
    assertEquals(2, records.get(2).get("index").asInt());
  }

  @Test
  void a_record_that_does_not_count_still_names_the_rule_it_was_taken_against() {
    JsonNode records = api.post("/v1/evaluate", """
        {"completed": [
          {"step": "peace-declaration", "date": "2014-05"},
          {"step": "peace-mechanism", "date": "2014-02", "status": "revoked"}
        ]}""").json().get("records");

    assertEquals("not-counted", records.get(1).get("verdict").asText());
    assertEquals("It does not count: revoked; it was also taken while a firm rule blocked it: "
        + "The peace mechanism comes after the peace declaration.", records.get(1).get("why").asText());
    assertEquals("[\"mechanism-after-declaration\"]", records.get(1).get("ruleIds").toString());
  }

  @Test
  void a_record_that_counts_but_was_taken_against_a_firm_rule_is_out_of_order_with_the_rule() {
    JsonNode records = api.post("/v1/evaluate", """
        {"completed": [
          {"step": "peace-declaration", "date": "2014-05"},
          {"step": "peace-mechanism", "date": "2014-02"}
        ]}""").json().get("records");

    assertEquals("out-of-order", records.get(1).get("verdict").asText());
    assertEquals("[\"mechanism-after-declaration\"]", records.get(1).get("ruleIds").toString());
    assertEquals(0, records.get(1).get("order").asInt());
  }

  @Test
  void without_a_date_on_every_record_no_record_has_a_place_in_date_order() {
    JsonNode records = api.post("/v1/evaluate", """
        {"completed": [{"step": "peace-declaration", "date": "2014-05"}, {"step": "peace-mechanism"}]}""")
        .json().get("records");

    records.forEach(r -> assertFalse(r.has("order"), r.toString()));
    records.forEach(r -> assertEquals("counts", r.get("verdict").asText(), r.toString()));
  }

  @Test
  void every_column_of_a_comparison_carries_the_steps_and_the_differences_agree_with_them() {
    JsonNode comparison = api.post("/v1/compare", "{\"completed\": [{\"step\": \"peace-declaration\"}]}").json();

    for (JsonNode difference : comparison.get("differences")) {
      for (JsonNode decision : comparison.get("decisions")) {
        String name = decision.at("/ruleset/name").asText();
        assertEquals(difference.at("/status/" + name).asText(),
            step(decision, difference.get("id").asText()).get("status").asText(), difference.toString());
      }
    }
    comparison.get("decisions").forEach(d -> assertEquals(1, d.get("records").size()));
  }

  @Test
  void the_catalog_says_its_vocabulary_as_catalog_yaml_holds_it() {
    JsonNode vocabulary = api.get("/v1/steps").json().get("vocabulary");

    assertEquals("reciprocal-measure", vocabulary.get("facilityKind").asText());
    assertEquals("[\"in-force\",\"suspended\",\"revoked\"]", vocabulary.get("statuses").toString());
    assertEquals("[\"US\",\"DPRK\",\"ROK\",\"PRC\",\"JAPAN\",\"RUSSIA\"]", vocabulary.get("parties").toString());
    assertEquals("sigal", vocabulary.get("defaultRuleSet").asText());
    assertEquals(8, vocabulary.get("kinds").size());
    assertEquals("interim-agreement", vocabulary.at("/kinds/0").asText());
  }

  @Test
  void a_move_on_the_road_only_because_of_advice_says_so_and_names_the_advice() {
    JsonNode follow = api.post("/v1/plan", "{\"completed\": [{\"step\": \"peace-declaration\"}, "
        + "{\"step\": \"dismantlement\"}], \"goal\": \"peace-treaty\"}").json();

    JsonNode first = follow.at("/moves/0");
    assertEquals("peace-mechanism", first.at("/steps/0/id").asText());
    assertTrue(first.get("advice").asBoolean(), first.toString());
    assertEquals("[\"treaty-after-process\"]", first.get("adviceRuleIds").toString());
    JsonNode last = follow.at("/moves/" + (follow.get("moves").size() - 1));
    assertFalse(last.get("advice").asBoolean(), "the goal is never there for advice");
    JsonNode talks = null;
    for (JsonNode move : follow.get("moves")) {
      if (move.at("/steps/0/id").asText().equals("four-party-talks")) {
        talks = move;
      }
    }
    assertFalse(talks.get("advice").asBoolean(), "a firm rule needs the four-party talks for the treaty");
    assertEquals("[]", talks.get("adviceRuleIds").toString());

    JsonNode ignore = api.post("/v1/plan", "{\"completed\": [], \"goal\": \"peace-treaty\", \"advice\": \"ignore\"}").json();
    ignore.get("moves").forEach(m -> assertFalse(m.get("advice").asBoolean(), m.toString()));
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0}, after {1}")
  @org.junit.jupiter.params.provider.CsvSource({
      "sigal, ''",
      "treaty-first, peace-declaration"})
  void a_plans_package_names_the_rules_that_the_decisions_package_names(String ruleset, String done) {
    String completed = done.isEmpty() ? "[]" : "[{\"step\": \"" + done + "\"}]";
    JsonNode decision = api.post("/v1/evaluate", "{\"ruleset\": \"" + ruleset + "\", \"completed\": " + completed
        + ", \"packages\": true}").json();
    JsonNode plan = api.post("/v1/plan", "{\"ruleset\": \"" + ruleset + "\", \"completed\": " + completed
        + ", \"goal\": \"satellite-launch-services\", \"advice\": \"ignore\"}").json();

    JsonNode move = plan.at("/moves/0");
    assertTrue(move.get("together").asBoolean(), plan.toString());
    JsonNode found = null;
    for (JsonNode p : decision.get("packages")) {
      if (EvaluateApiTest.ids(p.get("steps")).equals(EvaluateApiTest.ids(move.get("steps")))) {
        found = p;
      }
    }
    assertTrue(found != null, "the decision lists the plan's package: " + decision.get("packages"));
    assertEquals(found.get("ruleIds"), move.get("ruleIds"), "the rules that tie it");
  }
}
