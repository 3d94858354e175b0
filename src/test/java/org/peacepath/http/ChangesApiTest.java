package org.peacepath.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peacepath.RulesCopy;
import org.peacepath.rules.ReloadOutcome;
import org.peacepath.rules.RuleSets;

/**
 * {@code GET /v1/rulesets/{name}/changes}: after a live reload the new revision serves at once, and what it
 * changed against the revision before is worked out in the background and listed, the newest first.
 */
class ChangesApiTest {
  @TempDir Path dir;

  @Test
  void a_live_edit_serves_at_once_and_what_it_changed_follows() throws Exception {
    RulesCopy.of(dir);
    RuleSets ruleSets = RuleSets.load(dir);
    String first = ruleSets.get("sigal").orElseThrow().revision();
    try (Api api = new Api(ruleSets)) {
      JsonNode before = api.get("/v1/rulesets/sigal/changes").json();
      assertEquals(1, before.get("revisions").size());
      assertEquals("first", before.at("/revisions/0/status").asText(), "nothing before the first revision served");
      assertEquals(first, before.at("/revisions/0/revision").asText());

      // Reword the reason of one rule, reciprocity, and only that rule.
      Path file = dir.resolve("sigal/reciprocity.drl");
      String text = Files.readString(file);
      int rule = text.indexOf("@id(\"reciprocity\")");
      int at = text.indexOf("Interim agreements signed so far", rule);
      Files.writeString(file, text.substring(0, at) + "Agreements signed so far"
          + text.substring(at + "Interim agreements signed so far".length()));
      Map<String, ReloadOutcome> outcomes = ruleSets.reload();
      assertEquals(ReloadOutcome.Result.LOADED, outcomes.get("sigal").result());
      assertEquals(ReloadOutcome.Result.UNCHANGED, outcomes.get("treaty-first").result());
      String second = outcomes.get("sigal").revision();

      // The edit is served at once; the comparison, over more than a million records, is still under way.
      JsonNode decision = api.post("/v1/evaluate", "{\"completed\": [{\"step\": \"peace-declaration\"}]}").json();
      assertEquals(second, decision.at("/ruleset/revision").asText());
      JsonNode computing = api.get("/v1/rulesets/sigal/changes").json();
      assertEquals(List.of(second, first), revisions(computing));
      assertEquals("computing", computing.at("/revisions/0/status").asText());
      assertEquals(first, computing.at("/revisions/0/previous").asText());

      JsonNode done = await(api, "sigal");
      JsonNode latest = done.at("/revisions/0");
      assertEquals(2, latest.get("bound").asInt());
      assertEquals(1_179_648, latest.get("records").asLong());
      // The reason is said wherever reciprocity blocks: every record with fewer dismantlements (0 to 2) than
      // interim agreements (the declaration, the mechanism and 0 to 2 further ones), the further agreement being
      // always open: 23 of those 36 ways of counting the four steps, times 2^15 ways of the other fifteen.
      assertEquals(23 * 32_768, latest.get("different").asLong());
      assertEquals(1, latest.get("byRule").size());
      assertEquals("reciprocity", latest.at("/byRule/0/id").asText());
      assertEquals(List.of("peace-declaration"), texts(latest.at("/byRule/0/smallest")));
      // By step: the further agreement in every such record; the declaration and the mechanism where they are
      // open themselves, 9 of the 18 ways each, times 2^15.
      assertEquals(List.of("interim-peace-agreement 753664 [peace-declaration]", "peace-declaration 294912 [peace-mechanism]",
          "peace-mechanism 294912 [peace-declaration]"), groups(latest.get("byStep")));
      assertEquals(List.of("peace-declaration"), texts(latest.at("/smallest/record")));
      JsonNode change = latest.at("/smallest/steps/0");
      assertEquals("peace-mechanism", change.get("step").asText());
      assertEquals("blocked", change.get("before").asText());
      assertEquals("blocked", change.get("after").asText());
      assertEquals(List.of("reciprocity"), texts(change.get("rules")));
      assertEquals("first", done.at("/revisions/1/status").asText());
      assertTrue(api.get("/v1/rulesets/treaty-first/changes").json().get("revisions").size() == 1,
          "a rule set whose files did not change has no new revision");
    }
  }

  @Test
  void a_live_edit_that_makes_two_steps_wait_for_each_other_says_so_with_its_rules() throws Exception {
    RulesCopy.of(dir);
    RuleSets ruleSets = RuleSets.load(dir);
    try (Api api = new Api(ruleSets)) {
      Path table = dir.resolve("treaty-first/treaty-first.rules.csv");
      Files.writeString(table, Files.readString(table) + org.peacepath.plan.CyclesTest.NORMALIZATION_AFTER_TREATY);
      assertEquals(ReloadOutcome.Result.LOADED, ruleSets.reload().get("treaty-first").result());

      JsonNode latest = await(api, "treaty-first").at("/revisions/0");
      assertEquals(1, latest.get("newCycles").size(), latest.toString());
      JsonNode cycle = latest.at("/newCycles/0");
      assertEquals(List.of("normalization", "peace-treaty"), texts(cycle.get("steps")));
      assertTrue(cycle.get("together").asBoolean());
      assertEquals("normalization-after-treaty", cycle.at("/links/0/ruleIds/0").asText());
      assertTrue(cycle.get("sentence").asText().endsWith("Under treaty-first they can only be taken together, as a package."),
          cycle.toString());
    }
  }

  @Test
  void only_the_last_revisions_are_kept_and_an_unknown_rule_set_is_404() throws Exception {
    RulesCopy.of(dir);
    RuleSets ruleSets = RuleSets.load(dir);
    try (Api api = new Api(ruleSets)) {
      Path file = dir.resolve("sigal/reciprocity.drl");
      String text = Files.readString(file);
      for (int i = 1; i <= 11; i++) {
        Files.writeString(file, text + "\n// edit " + i + "\n");
        assertEquals(ReloadOutcome.Result.LOADED, ruleSets.reload().get("sigal").result());
      }
      JsonNode changes = api.get("/v1/rulesets/sigal/changes").json();
      assertEquals(10, changes.get("revisions").size(), "the last ten");
      assertEquals(ruleSets.get("sigal").orElseThrow().revision(), changes.at("/revisions/0/revision").asText());
      assertTrue(changes.findValues("status").stream().noneMatch(s -> s.asText().equals("first")),
          "the first revision has fallen out of the list");

      Api.Reply unknown = api.get("/v1/rulesets/sigil/changes");
      assertEquals(404, unknown.status());
      assertEquals("unknown_ruleset", unknown.json().get("code").asText());
    }
  }

  static JsonNode await(Api api, String ruleset) throws InterruptedException {
    long deadline = System.nanoTime() + 120_000_000_000L;
    JsonNode changes = null;
    while (System.nanoTime() < deadline) {
      changes = api.get("/v1/rulesets/" + ruleset + "/changes").json();
      if (!changes.at("/revisions/0/status").asText().equals("computing")) {
        assertEquals("done", changes.at("/revisions/0/status").asText(), changes.toString());
        return changes;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("still computing after two minutes: " + changes);
  }

  static List<String> revisions(JsonNode changes) {
    List<String> revisions = new ArrayList<>();
    changes.get("revisions").forEach(r -> revisions.add(r.get("revision").asText()));
    return revisions;
  }

  static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }

  static List<String> groups(JsonNode groups) {
    List<String> said = new ArrayList<>();
    groups.forEach(g -> said.add(g.get("id").asText() + " " + g.get("records").asLong() + " " + texts(g.get("smallest"))));
    return said;
  }
}
