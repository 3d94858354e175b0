package org.peacepath.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The three doctrines side by side: GET /v1/rulesets, a request naming its rule set, and POST /v1/compare. */
class RuleSetsApiTest {
  @org.junit.jupiter.api.extension.RegisterExtension
  static final ServerExtension SERVER = ServerExtension.bundled();

  static Api api;

  @BeforeAll
  static void start() {
    api = SERVER.api();
  }

  @Test
  void a_rule_file_no_rule_set_reads_is_listed_with_the_rule_sets_and_none_is_for_the_bundled_rules(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    assertEquals("[]", api.get("/v1/rulesets").json().get("strayFiles").toString());
    org.peacepath.RulesCopy.of(dir);
    java.nio.file.Files.copy(dir.resolve("common/advisories.drl"), dir.resolve("sequence.drl"));
    try (Api own = new Api(org.peacepath.rules.RuleSets.load(dir))) {
      JsonNode strays = own.get("/v1/rulesets").json().get("strayFiles");
      assertEquals(1, strays.size(), strays.toString());
      assertEquals("sequence.drl", strays.at("/0/file").asText());
      assertEquals("stray_file", strays.at("/0/code").asText());
      assertTrue(strays.at("/0/message").asText().startsWith("this file is in the rules folder itself"), strays.toString());
    }
  }

  @Test
  void the_rule_sets_are_listed_the_default_first_with_revision_load_time_and_last_reload() {
    JsonNode rulesets = api.get("/v1/rulesets").json().get("rulesets");

    List<String> names = new java.util.ArrayList<>();
    rulesets.forEach(ruleset -> names.add(ruleset.get("name").asText()));
    assertEquals(List.of("sigal", "denuclearization-first", "treaty-first"), names);
    JsonNode sigal = rulesets.get(0);
    assertTrue(sigal.get("default").asBoolean());
    assertEquals(12, sigal.get("revision").asText().length());
    assertTrue(sigal.get("loadedAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), sigal.toString());
    assertEquals("loaded", sigal.at("/lastReload/result").asText());
    assertEquals(0, sigal.at("/lastReload/errors").size());
    assertEquals("allowed", sigal.get("simultaneous").asText());
    assertEquals("refused", rulesets.get(1).get("simultaneous").asText());
    JsonNode reciprocity = null;
    for (JsonNode rule : sigal.get("rules")) {
      if (rule.get("id").asText().equals("reciprocity")) {
        reciprocity = rule;
      }
    }
    assertTrue(reciprocity != null, "sigal serves its reciprocity rule: " + sigal.get("rules"));
    assertEquals("stated", reciprocity.get("basis").asText());
    assertTrue(reciprocity.get("source").asText().contains("reciprocate step by step"), reciprocity.toString());
    assertEquals("sigal/reciprocity.drl", reciprocity.get("file").asText());
  }

  @Test
  void a_request_picks_its_doctrine_with_ruleset() {
    JsonNode body = api.post("/v1/evaluate", "{\"ruleset\": \"denuclearization-first\", \"completed\": []}").json();

    assertEquals("denuclearization-first", body.at("/ruleset/name").asText());
    assertEquals("peace-declaration", body.at("/blocked/0/id").asText());
    assertEquals("[\"dismantlement\"]", body.at("/blocked/0/reasons/0/requires").toString());
  }

  @Test
  void compare_shows_one_state_under_every_doctrine_and_the_steps_that_differ() {
    Api.Reply reply = api.post("/v1/compare",
        "{\"completed\": [{\"step\": \"peace-declaration\"}, {\"step\": \"dismantlement\"}]}");

    assertEquals(200, reply.status(), reply.text());
    JsonNode body = reply.json();
    assertEquals(List.of("sigal", "denuclearization-first", "treaty-first"),
        body.get("decisions").findValuesAsText("name"));
    assertEquals(List.of("peace-mechanism", "interim-peace-agreement", "dismantlement", "missile-restraint",
        "denuclearization"),
        body.get("differences").findValuesAsText("id"), body.get("differences").toString());
    JsonNode mechanism = body.at("/differences/0");
    assertEquals("{\"sigal\":\"unlocked\",\"denuclearization-first\":\"blocked\",\"treaty-first\":\"unlocked\"}",
        mechanism.get("status").toString());
  }

  @Test
  void compare_can_be_limited_to_some_rule_sets() {
    JsonNode body = api.post("/v1/compare", "{\"rulesets\": [\"treaty-first\", \"sigal\"], \"completed\": "
        + "[{\"step\": \"peace-declaration\"}, {\"step\": \"dismantlement\"}, {\"step\": \"peace-mechanism\"}]}").json();

    assertEquals(List.of("treaty-first", "sigal"), body.get("decisions").findValuesAsText("name"));
    assertEquals("interim-peace-agreement", body.at("/differences/0/id").asText());
    assertEquals("{\"treaty-first\":\"unlocked\",\"sigal\":\"blocked\"}", body.at("/differences/0/status").toString());
    assertEquals("dismantlement", body.at("/differences/1/id").asText());
    assertEquals("{\"treaty-first\":\"blocked\",\"sigal\":\"unlocked\"}", body.at("/differences/1/status").toString());
  }

  @Test
  void compare_rejects_bad_input_like_evaluate() {
    Api.Reply unknownRuleSet = api.post("/v1/compare", "{\"rulesets\": [\"sigl\"], \"completed\": []}");
    assertEquals(404, unknownRuleSet.status());
    assertEquals("unknown_ruleset", unknownRuleSet.json().get("code").asText());

    Api.Reply singular = api.post("/v1/compare", "{\"ruleset\": \"sigal\", \"completed\": []}");
    assertEquals(400, singular.status());
    assertEquals("rulesets", singular.json().at("/details/0/suggestion").asText());

    Api.Reply badStep = api.post("/v1/compare", "{\"completed\": [{\"step\": \"treaty\"}]}");
    assertEquals(400, badStep.status());
    assertEquals("unknown_step", badStep.json().at("/details/0/code").asText());

    Api.Reply notAList = api.post("/v1/compare", "{\"rulesets\": \"sigal\", \"completed\": []}");
    assertEquals(400, notAList.status());
    assertEquals("rulesets", notAList.json().at("/details/0/field").asText());
  }
}
