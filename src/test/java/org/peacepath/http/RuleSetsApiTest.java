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

  /**
   * Each step's status in one evaluate answer: completed, unlocked or blocked, as /v1/compare names them. (A
   * repeatable step that counts stands in unlocked or blocked, so its status there wins.)
   */
  static java.util.Map<String, String> statuses(JsonNode decision) {
    java.util.Map<String, String> status = new java.util.LinkedHashMap<>();
    decision.get("completed").forEach(step -> status.put(step.asText(), "completed"));
    decision.get("unlocked").forEach(step -> status.put(step.get("id").asText(), "unlocked"));
    decision.get("blocked").forEach(step -> status.put(step.get("id").asText(), "blocked"));
    return status;
  }

  /**
   * What /v1/compare must say of {@code completed} under {@code rulesets}: the steps whose status differs
   * between the doctrines' own evaluate answers, in catalog order. Read from the answers, not written down:
   * what each doctrine decides lives in its scenario files.
   */
  static void assertComparisonAgreesWithEvaluate(List<String> rulesets, String completed, JsonNode comparison) {
    List<java.util.Map<String, String>> each = rulesets.stream().map(name -> statuses(api.post("/v1/evaluate",
        "{\"ruleset\": \"" + name + "\", \"completed\": " + completed + "}").json())).toList();
    List<String> catalog = api.get("/v1/steps").json().findValuesAsText("id");
    List<String> differing = new java.util.ArrayList<>();
    for (String step : catalog) {
      java.util.Set<String> seen = new java.util.HashSet<>();
      each.forEach(statuses -> seen.add(statuses.get(step)));
      if (seen.size() > 1) {
        differing.add(step);
      }
    }
    assertEquals(rulesets, comparison.get("decisions").findValuesAsText("name"));
    assertEquals(differing, comparison.get("differences").findValuesAsText("id"), comparison.get("differences").toString());
    for (JsonNode difference : comparison.get("differences")) {
      for (int i = 0; i < rulesets.size(); i++) {
        assertEquals(each.get(i).get(difference.get("id").asText()),
            difference.at("/status/" + rulesets.get(i)).asText(), difference.toString());
      }
    }
  }

  @Test
  void compare_shows_one_state_under_every_doctrine_and_the_steps_that_differ() {
    String completed = "[{\"step\": \"peace-declaration\"}, {\"step\": \"dismantlement\"}]";
    Api.Reply reply = api.post("/v1/compare", "{\"completed\": " + completed + "}");

    assertEquals(200, reply.status(), reply.text());
    List<String> names = reply.json().get("decisions").findValuesAsText("name");
    assertEquals("sigal", names.get(0), "the default rule set first");
    assertEquals(java.util.Set.of("sigal", "denuclearization-first", "treaty-first"), java.util.Set.copyOf(names));
    assertComparisonAgreesWithEvaluate(names, completed, reply.json());
    assertTrue(reply.json().get("differences").size() > 0, "the bundled doctrines disagree on this state");
  }

  @Test
  void compare_can_be_limited_to_some_rule_sets() {
    String completed = "[{\"step\": \"peace-declaration\"}, {\"step\": \"dismantlement\"}, "
        + "{\"step\": \"peace-mechanism\"}]";
    JsonNode body = api.post("/v1/compare", "{\"rulesets\": [\"treaty-first\", \"sigal\"], \"completed\": "
        + completed + "}").json();

    assertComparisonAgreesWithEvaluate(List.of("treaty-first", "sigal"), completed, body);
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
