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
  void a_rule_that_fails_when_it_fires_gets_500_naming_the_rule_and_the_server_keeps_serving() throws Exception {
    RulesCopy.of(dir);
    RulesCopy.write(dir, "common/failing.drl", org.peacepath.BrokenRules.FAILING);
    try (Api api = new Api(RuleSets.load(dir))) {
      Api.Reply reply = api.post("/v1/evaluate", "{\"completed\": [{\"step\": \"peace-declaration\"}]}");

      assertEquals(500, reply.status(), reply.text());
      assertEquals("rule_failed", reply.json().get("code").asText());
      String error = reply.json().get("error").asText();
      assertTrue(error.startsWith("rule set sigal: the rule \"Normalization counts the declarations\" "
          + "(common/failing.drl:6) failed when it fired, with IllegalFormatConversionException"), error);
      assertEquals(200, api.post("/v1/evaluate", "{\"completed\": []}").status());
    }
  }
}
