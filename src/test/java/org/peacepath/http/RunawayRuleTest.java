package org.peacepath.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peacepath.RulesCopy;
import org.peacepath.rules.RuleSets;

/** A rule that fires without end is stopped, named, and does not take the server down with it. */
class RunawayRuleTest {

  @TempDir Path dir;

  @Test
  void a_runaway_rule_gets_500_naming_the_rule_set_and_the_rule_and_the_server_keeps_serving() throws Exception {
    RulesCopy.of(dir);
    RulesCopy.write(dir, "common/runaway.drl", org.peacepath.BrokenRules.RUNAWAY);
    try (Api api = new Api(RuleSets.load(dir))) {
      long start = System.nanoTime();
      Api.Reply reply = api.post("/v1/evaluate", org.peacepath.BrokenRules.LONG_RECORD);
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertEquals(500, reply.status(), reply.text());
      assertEquals("runaway_rule", reply.json().get("code").asText());
      String error = reply.json().get("error").asText();
      assertTrue(error.contains("rule set sigal"), error);
      assertTrue(error.contains("\"Normalization is checked again and again\" (common/runaway.drl:4)"), error);
      assertTrue(millis < 30_000, "stopped, not hung: " + millis + " ms");

      assertEquals(200, api.post("/v1/evaluate", "{\"completed\": [{\"step\": \"peace-declaration\"}]}").status());
      assertEquals(200, api.get("/health").status());
    }
  }

  @Test
  void a_reload_refused_for_a_fault_no_check_foresaw_says_where_and_why_in_words() throws Exception {
    RulesCopy.of(dir);
    RuleSets ruleSets = RuleSets.load(dir, new org.peacepath.scenario.ScenarioGate());
    try (Api api = new Api(ruleSets)) {
      RulesCopy.write(dir, "common/dividing.drl", org.peacepath.BrokenRules.DIVIDING);
      ruleSets.reload();
      String refused = api.get("/v1/rulesets").text();
      com.fasterxml.jackson.databind.JsonNode errors = api.get("/v1/rulesets").json().at("/rulesets/0/lastReload/errors");
      assertEquals("common/dividing.drl", errors.get(0).get("file").asText(), refused);
      assertEquals(5, errors.get(0).get("line").asInt(), refused);
      assertTrue(errors.get(0).get("message").asText().contains("failed while facts were matched against its "
          + "conditions: it divides by zero"), refused);

      java.nio.file.Files.delete(dir.resolve("common/dividing.drl"));
      RulesCopy.write(dir, "common/deep.drl", org.peacepath.BrokenRules.DEEP);
      ruleSets.reload();
      String deep = api.get("/v1/rulesets").text();
      errors = api.get("/v1/rulesets").json().at("/rulesets/0/lastReload/errors");
      assertEquals("common/deep.drl", errors.get(0).get("file").asText(), deep);
      assertEquals(11, errors.get(0).get("line").asInt(), deep);
      for (String text : java.util.List.of(refused, deep)) {
        assertTrue(!text.matches("(?s).*(Exception|Error\\b|java\\.|org\\.drools|mvel).*"), "no Java class: " + text);
      }
      assertEquals(200, api.post("/v1/evaluate", "{\"completed\": []}").status(), "the last good revision serves");
    }
  }

  @Test
  void a_rule_that_fails_when_it_fires_gets_500_naming_the_rule_and_the_server_keeps_serving() throws Exception {
    RulesCopy.of(dir);
    RulesCopy.write(dir, "common/failing.drl", org.peacepath.BrokenRules.FAILING);
    try (Api api = new Api(RuleSets.load(dir))) {
      Api.Reply reply = api.post("/v1/evaluate", "{\"completed\": [{\"step\": \"peace-declaration\"}]}");

      assertEquals(500, reply.status(), reply.text());
      assertEquals("rule_failed", reply.json().get("code").asText());
      String error = reply.json().get("error").asText();
      assertEquals("rule set sigal: the rule \"Normalization counts the declarations\" (common/failing.drl:6) failed "
          + "when it fired: String.format's %d is given text, which it cannot format; fix what the rule does after "
          + "\"then\"", error, "in words, without a Java class");
      assertEquals(200, api.post("/v1/evaluate", "{\"completed\": []}").status());
    }
  }
}
