package org.peacepath.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peacepath.Bundled;
import org.peacepath.RulesCopy;
import org.peacepath.cli.CommandLineTest.Run;
import org.peacepath.decide.Evaluator;
import org.peacepath.decide.RecordedStep;
import org.peacepath.diff.Delta;
import org.peacepath.rules.RuleSet;
import org.peacepath.rules.RuleSetCompiler;
import org.peacepath.wire.Json;

/**
 * {@code peacepath diff BEFORE AFTER}: what an edit changes, over every record up to the bound. The counts
 * here are worked out by hand from the rules, and a few records are decided afresh to check them.
 */
class DiffCommandTest {
  @TempDir Path dir;

  static Run run(String... args) {
    return CommandLineTest.run(args);
  }

  /** A copy of the bundled rules with, in the rule {@code id} of {@code file}, the first {@code from} after it made {@code to}. */
  Path edited(String file, String id, String from, String to) throws Exception {
    Path copy = RulesCopy.of(Files.createTempDirectory(dir, "edited"));
    String text = Files.readString(copy.resolve(file));
    int rule = text.indexOf("@id(\"" + id + "\")");
    int at = text.indexOf(from, rule);
    assertTrue(rule >= 0 && at >= 0, id + " and " + from + " in " + file);
    Files.writeString(copy.resolve(file), text.substring(0, at) + to + text.substring(at + from.length()));
    return copy;
  }

  /** A copy of the bundled rules with {@code from}, which {@code file} holds once, made {@code to}. */
  Path edited(String file, String from, String to) throws Exception {
    Path copy = RulesCopy.of(Files.createTempDirectory(dir, "edited"));
    String text = Files.readString(copy.resolve(file));
    assertTrue(text.indexOf(from) >= 0 && text.indexOf(from) == text.lastIndexOf(from), from + " once in " + file);
    Files.writeString(copy.resolve(file), text.replace(from, to));
    return copy;
  }

  /** interim-after-mechanism's row of the common table made firm: it needs the mechanism rather than recommending it. */
  Path interimAfterMechanismFirm() throws Exception {
    return edited("common/preconditions.rules.csv", "interim-after-mechanism,interim-peace-agreement,,advice,,peace-mechanism,",
        "interim-after-mechanism,interim-peace-agreement,,firm,peace-mechanism,,");
  }

  static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }

  @Test
  void the_rules_against_themselves_change_nothing_and_diff_exits_0() {
    Run run = run("diff", Bundled.RULES.toString(), Bundled.RULES.toString());

    assertEquals(0, run.code(), run.out() + run.err());
    for (String name : List.of("sigal", "treaty-first", "denuclearization-first")) {
      assertTrue(run.out().contains(name + ": revision "), run.out());
    }
    // 17 steps counted or not, the two repeatable ones 0, 1 or 2 times: 2^17 × 3 × 3.
    assertEquals(3, run.out().split("1,179,648 records compared", -1).length - 1, run.out());
    assertEquals(3, run.out().split("No record decides differently", -1).length - 1, run.out());
  }

  @Test
  void interim_after_mechanism_made_firm_changes_every_record_without_the_mechanism_and_nothing_else() throws Exception {
    Path after = interimAfterMechanismFirm();

    Run run = run("diff", "--json", "--ruleset", "sigal", Bundled.RULES.toString(), after.toString());

    assertEquals(1, run.code(), run.err());
    JsonNode sigal = Json.MAPPER.readTree(run.out()).at("/rulesets/0");
    assertEquals(1_179_648, sigal.get("records").asLong());
    // The further agreement is open in every record; the advice held it wherever the mechanism does not count,
    // which is half the records, and there the caution becomes a block.
    assertEquals(589_824, sigal.get("different").asLong());
    assertEquals(1, sigal.get("byRule").size(), sigal.get("byRule").toString());
    JsonNode rule = sigal.at("/byRule/0");
    assertEquals("interim-after-mechanism", rule.get("id").asText());
    assertEquals(589_824, rule.get("records").asLong());
    assertEquals(List.of(), texts(rule.get("smallest")), "the smallest record is the empty one");
    assertEquals(1, sigal.get("byStep").size());
    assertEquals("interim-peace-agreement", sigal.at("/byStep/0/id").asText());

    JsonNode before = rule.get("beforeAnswer");
    JsonNode afterAnswer = rule.get("afterAnswer");
    JsonNode cautioned = find(before.get("unlocked"), "interim-peace-agreement");
    assertEquals("interim-after-mechanism", cautioned.at("/cautions/0/ruleId").asText());
    assertEquals(List.of("peace-mechanism"), texts(cautioned.at("/cautions/0/recommends")));
    JsonNode blocked = find(afterAnswer.get("blocked"), "interim-peace-agreement");
    assertEquals("interim-after-mechanism", blocked.at("/reasons/0/ruleId").asText());
    assertEquals(List.of("peace-mechanism"), texts(blocked.at("/reasons/0/requires")));
    assertTrue(!before.has("decisionId") && !afterAnswer.has("decisionId"));
  }

  @Test
  void treaty_after_reciprocity_made_firm_changes_the_records_that_owe_a_dismantlement() throws Exception {
    Path after = edited("sigal/reciprocity.drl", "treaty-after-reciprocity", "new Caution", "new Blocked");

    Run run = run("diff", "--json", "--bound", "1", Bundled.RULES.toString(), after.toString());

    assertEquals(1, run.code(), run.err());
    JsonNode report = Json.MAPPER.readTree(run.out());
    JsonNode sigal = report.at("/rulesets/0");
    assertEquals("sigal", sigal.get("ruleset").asText());
    assertEquals(524_288, sigal.get("records").asLong(), "2^19 records at bound 1");
    // The treaty open, and fewer dismantlements (0 or 1) than interim agreements (declaration, mechanism, 0 or 1
    // further): 11 of the 16 ways of counting those four steps, times 2^14 ways of the other fourteen.
    assertEquals(11 * 16_384, sigal.get("different").asLong());
    assertEquals("treaty-after-reciprocity", sigal.at("/byRule/0/id").asText());
    assertEquals(List.of("peace-declaration"), texts(sigal.at("/byRule/0/smallest")),
        "one agreement signed and none reciprocated, the first such record in the catalog's order");
    assertEquals(List.of("peace-treaty"), List.of(sigal.at("/byStep/0/id").asText()));
    assertEquals(1, sigal.get("byStep").size());
    for (int i = 1; i < 3; i++) {
      assertEquals(0, report.at("/rulesets/" + i + "/different").asLong(), "the rule is sigal's alone");
    }

    // A few records, decided afresh under both revisions.
    RuleSet was = Bundled.ruleSets().get("sigal").orElseThrow();
    RuleSet is = RuleSetCompiler.compile(after, "sigal");
    assertTrue(differs(was, is, "peace-declaration"));
    assertTrue(!differs(was, is, "peace-declaration", "dismantlement"));
    assertTrue(differs(was, is, "peace-declaration", "peace-mechanism", "dismantlement"));
    assertTrue(!differs(was, is, "peace-declaration", "peace-mechanism", "dismantlement", "peace-treaty"));
    assertTrue(!differs(was, is));
  }

  static boolean differs(RuleSet was, RuleSet is, String... steps) {
    List<RecordedStep> record = java.util.Arrays.stream(steps).map(RecordedStep::of).toList();
    return Delta.of(Evaluator.decide(was, record), Evaluator.decide(is, record)) != null;
  }

  @Test
  void a_row_that_makes_two_steps_wait_for_each_other_is_named_as_a_new_package_with_its_rules() throws Exception {
    Path after = RulesCopy.of(Files.createTempDirectory(dir, "edited"));
    Path table = after.resolve("treaty-first/treaty-first.rules.csv");
    Files.writeString(table, Files.readString(table) + org.peacepath.plan.CyclesTest.NORMALIZATION_AFTER_TREATY);

    Run run = run("diff", "--ruleset", "treaty-first", "--bound", "1", Bundled.RULES.toString(), after.toString());

    assertEquals(1, run.code(), run.err());
    assertTrue(run.out().contains("  New package: normalization and peace-treaty wait for each other:"
        + " normalization-after-treaty (treaty-first/treaty-first.rules.csv:5) says normalization needs peace-treaty;"
        + " treaty-conditions (common/preconditions.rules.csv:7) says peace-treaty needs normalization."), run.out());

    Run json = run("diff", "--json", "--ruleset", "treaty-first", "--bound", "1", Bundled.RULES.toString(), after.toString());
    JsonNode cycle = Json.MAPPER.readTree(json.out()).at("/rulesets/0/newCycles/0");
    assertEquals("[\"normalization\",\"peace-treaty\"]", cycle.get("steps").toString(), json.out());
    assertTrue(cycle.get("together").asBoolean());

    Run same = run("diff", "--ruleset", "treaty-first", "--bound", "1", after.toString(), after.toString());
    assertTrue(!same.out().contains("New package") && !same.out().contains("New cycle"), same.out());
  }

  @Test
  void a_title_changed_in_the_catalog_shows_as_a_change_of_the_catalog() throws Exception {
    Path after = RulesCopy.of(Files.createTempDirectory(dir, "edited"));
    Path catalog = after.resolve("catalog.yaml");
    Files.writeString(catalog, Files.readString(catalog).replace("title: Peace treaty", "title: The peace treaty"));

    Run run = run("diff", "--ruleset", "sigal", "--bound", "1", Bundled.RULES.toString(), after.toString());

    assertEquals(1, run.code(), run.err());
    assertTrue(run.out().contains("Catalog: peace-treaty: title “Peace treaty” → “The peace treaty”"), run.out());
    // The treaty's entry, and so its title, is in every answer where it does not count yet: half of 2^19.
    assertTrue(run.out().contains("262,144 of them (50.0%) now decide differently"), run.out());
    assertTrue(run.out().contains("(catalog) — the catalog"), run.out());
    assertTrue(run.out().contains("before: blocked, “Peace treaty”") && run.out().contains("after:  blocked, “The peace treaty”"),
        run.out());
  }

  @Test
  void a_decision_log_is_answered_again_under_both_revisions() throws Exception {
    Path after = interimAfterMechanismFirm();
    String empty = "{\"completed\": []}";
    String mechanism = "{\"completed\": [{\"step\": \"peace-declaration\"}, {\"step\": \"peace-mechanism\"}]}";
    Path log = dir.resolve("decisions.jsonl");
    Files.writeString(log, String.join("\n",
        line("decision", "a1", "sigal", empty),
        line("decision", "a2", "sigal", mechanism),
        line("plan", "a3", "sigal", "{\"completed\": [], \"goal\": \"peace-treaty\"}"),
        "{\"kind\": \"decision\", \"reques",
        line("decision", "a4", "treaty-first", empty),
        line("decision", "a5", "sigal", empty)) + "\n");

    Run run = run("diff", "--json", "--bound", "1", "--ruleset", "sigal", "--log", log.toString(),
        Bundled.RULES.toString(), after.toString());

    assertEquals(1, run.code(), run.err());
    JsonNode replay = Json.MAPPER.readTree(run.out()).get("log");
    assertEquals(6, replay.get("lines").asLong());
    assertEquals(1, replay.get("unreadable").asLong());
    assertEquals(2, replay.get("others").asLong(), "the plan, and the decision of a rule set not compared");
    JsonNode sigal = replay.at("/rulesets/sigal");
    assertEquals(3, sigal.get("decisions").asLong());
    assertEquals(2, sigal.get("different").asLong(), "the empty record, twice; not the record with the mechanism");
    assertEquals(List.of(1L, 6L), List.of(sigal.at("/examples/0/line").asLong(), sigal.at("/examples/1/line").asLong()));
    assertEquals("a1", sigal.at("/examples/0/decisionId").asText());
    assertEquals(List.of("interim-after-mechanism"), texts(sigal.at("/examples/0/rules")));

    Run same = run("diff", "--bound", "1", "--ruleset", "sigal", "--log", log.toString(), Bundled.RULES.toString(),
        Bundled.RULES.toString());
    assertEquals(0, same.code(), same.out());
    assertTrue(same.out().contains("3 logged decisions under this rule set; 0 would now be answered differently"), same.out());
  }

  static String line(String kind, String id, String ruleset, String request) {
    return "{\"kind\":\"" + kind + "\",\"decisionId\":\"" + id + "\",\"time\":\"2027-05-14T09:30:00.000000000Z\","
        + "\"ruleset\":\"" + ruleset + "\",\"revision\":\"00626c31d404\",\"request\":" + request + ",\"answer\":{}}";
  }

  @Test
  void a_wrong_folder_rule_set_bound_or_rule_exits_2_saying_what_is_wrong() throws Exception {
    String rules = Bundled.RULES.toString();

    Run missing = run("diff", rules, dir.resolve("nowhere").toString());
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("no rules folder at"), missing.err());

    Run unknown = run("diff", "--ruleset", "sigil", rules, rules);
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("has no rule set sigil; both folders have sigal, denuclearization-first, treaty-first"),
        unknown.err());

    Run bound = run("diff", "--bound", "0", rules, rules);
    assertEquals(2, bound.code());
    assertTrue(bound.err().contains("--bound is 0; it must be a whole number from 1 to 50"), bound.err());

    Path broken = edited("sigal/reciprocity.drl", "dismantlement-needs-peace-process", "not Done(", "not Dnoe(");
    Run compiled = run("diff", "--ruleset", "sigal", rules, broken.toString());
    assertEquals(2, compiled.code());
    assertTrue(compiled.err().contains(broken.resolve("sigal/reciprocity.drl") + ":"), compiled.err());
    assertEquals("", compiled.out());

    Run log = run("diff", "--log", dir.resolve("none.jsonl").toString(), rules, rules);
    assertEquals(2, log.code());
    assertTrue(log.err().contains("no decision log at"), log.err());
  }

  @Test
  void a_rule_that_fails_on_some_record_stops_the_comparison_and_is_named_with_the_record() throws Exception {
    Path after = RulesCopy.of(Files.createTempDirectory(dir, "edited"));
    RulesCopy.write(after, "treaty-first/failing.drl", org.peacepath.BrokenRules.FAILING);

    Run run = run("diff", "--ruleset", "treaty-first", "--bound", "1", Bundled.RULES.toString(), after.toString());

    assertEquals(2, run.code(), run.out());
    assertTrue(run.err().contains("a rule failed while comparing"), run.err());
    assertTrue(run.out().contains("The comparison stopped: under revision "), run.out());
    assertTrue(run.out().contains("peace-declaration") && run.out().contains("Normalization counts the declarations")
        && run.out().contains("failed when it fired"), run.out());
    assertTrue(!run.out().contains("now decide differently"), "no counts that would mislead: " + run.out());
  }

  static JsonNode find(JsonNode steps, String id) {
    for (JsonNode step : steps) {
      if (step.get("id").asText().equals(id)) {
        return step;
      }
    }
    throw new AssertionError(id + " not in " + steps);
  }
}
