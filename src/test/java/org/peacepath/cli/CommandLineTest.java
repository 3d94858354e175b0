package org.peacepath.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peacepath.Bundled;
import org.peacepath.RulesCopy;
import org.peacepath.decide.DecisionService;
import org.peacepath.decide.Json;

/** The commands as an engineer or a policy editor runs them. */
class CommandLineTest {
  @TempDir Path dir;

  public record Run(int code, String out, String err) {}

  public static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void evaluate_prints_exactly_the_json_the_api_returns() throws Exception {
    String request = "{\"completed\": [{\"step\": \"peace-declaration\"}, {\"step\": \"dismantlement\"}]}";
    Path file = Files.writeString(dir.resolve("state.json"), request);

    Run run = run("evaluate", "--rules", Bundled.RULES.toString(), file.toString());

    assertEquals(0, run.code(), run.err());
    JsonNode printed = Json.MAPPER.readTree(run.out());
    JsonNode api = Json.MAPPER.readTree(Json.write(
        new DecisionService(Bundled.ruleSets()).evaluate(Json.MAPPER.readTree(request))));
    ((com.fasterxml.jackson.databind.node.ObjectNode) printed).remove("decisionId");
    ((com.fasterxml.jackson.databind.node.ObjectNode) api).remove("decisionId");
    assertEquals(api, printed);
    assertEquals(1, run.out().lines().count(), "one line of JSON, nothing else on standard output");
  }

  @Test
  void evaluate_prints_the_api_error_and_exits_2_on_a_bad_request() throws Exception {
    Path file = Files.writeString(dir.resolve("state.json"), "{\"completed\": [{\"step\": \"peace-treat\"}]}");

    Run run = run("evaluate", "--rules", Bundled.RULES.toString(), file.toString());

    assertEquals(2, run.code());
    JsonNode error = Json.MAPPER.readTree(run.out());
    assertEquals("invalid_request", error.get("code").asText());
    assertEquals("peace-treaty", error.at("/details/0/suggestion").asText());
  }

  @Test
  void a_rule_file_that_does_not_compile_stops_the_start_with_file_and_line_and_exit_code_3() {
    RulesCopy.of(dir);
    RulesCopy.write(dir, "sigal/reciprocity.drl", "package peacepath;\n\nrule \"Unfinished\"\nwhen\n    Open(\nthen\nend\n");

    Run run = run("serve", "--rules", dir.toString(), "--port", "0");

    assertEquals(3, run.code());
    assertTrue(run.err().contains(dir.resolve("sigal/reciprocity.drl") + ":7: mismatched input 'end' in rule \"Unfinished\""), run.err());
    assertTrue(run.err().contains("peacepath did not start"), run.err());
  }

  @Test
  void plan_prints_the_shortest_road_as_json_or_as_a_numbered_list() {
    Run json = run("plan", "--rules", Bundled.RULES.toString(), "--goal", "denuclearization");
    assertEquals(0, json.code(), json.err());
    assertTrue(json.out().contains("\"length\":4"), json.out());

    Run text = run("plan", "--rules", Bundled.RULES.toString(), "--goal", "denuclearization",
        "--ruleset", "denuclearization-first", "--text");
    assertEquals(0, text.code(), text.err());
    assertTrue(text.out().startsWith("The shortest road to denuclearization under denuclearization-first, following "
        + "advice, takes 5 steps:\n  1. Dismantlement of a nuclear or missile facility (dismantlement): DPRK — "), text.out());

    Run together = run("plan", "--rules", Bundled.RULES.toString(), "--goal", "satellite-launch-services",
        "--advice", "ignore", "--text");
    assertEquals(0, together.code(), together.err());
    assertTrue(together.out().startsWith("The shortest road to satellite-launch-services under sigal, on firm rules only, "
        + "takes 2 steps in 1 moves:\n  1. together: "), together.out());
    assertTrue(together.out().contains("[missiles-for-satellites]"), together.out());
  }

  @Test
  void evaluate_with_text_reads_the_decision_aloud_for_a_briefing() throws Exception {
    Path file = Files.writeString(dir.resolve("record.json"), """
        {"completed": [
          {"step": "peace-declaration", "date": "2014-05"},
          {"step": "dismantlement", "facility": "Yongbyon 5 MW reactor", "date": "2014-06"},
          {"step": "peace-mechanism", "date": "2014-02"},
          {"step": "dismantlement", "facility": "yongbyon 5 MW reactor", "date": "2014-07"}]}""");

    Run run = run("evaluate", "--rules", Bundled.RULES.toString(), "--text", "--packages", file.toString());

    assertEquals(0, run.code(), run.err());
    String text = run.out();
    assertTrue(text.startsWith("Decided under sigal (revision "), text);
    assertTrue(text.contains("Counted: Peace declaration; Peace mechanism; Dismantlement of a nuclear or missile facility.\n"), text);
    assertTrue(text.contains("  - Dismantlement of a nuclear or missile facility (record 4): the Yongbyon 5 MW reactor was "
        + "already dismantled (completed[1]).\n"), text);
    assertTrue(text.contains("  - Joint fishing area in the West Sea, by DPRK with ROK or US.\n"), text);
    assertTrue(text.contains("Advised first: the open skies across the DMZ."), text);
    assertTrue(text.contains("  - Missile restraint and Satellite launch services, taken together [missiles-for-satellites].\n"), text);
    assertTrue(text.contains("  - Peace mechanism (record 3, 2014-02) was taken while a firm rule blocked it "
        + "[mechanism-after-declaration].\n"), text);
    assertTrue(text.contains("[reciprocity, stated]"), text);
  }

  @Test
  void plan_names_an_unknown_goal_with_the_nearest_step() {
    Run run = run("plan", "--rules", Bundled.RULES.toString(), "--goal", "peace-treat");
    assertEquals(2, run.code());
    assertTrue(run.out().contains("did you mean \\\"peace-treaty\\\"?"), run.out());
  }

  @Test
  void serve_listens_on_this_machine_only_unless_told_otherwise() {
    picocli.CommandLine command = new picocli.CommandLine(new Main());
    ServeCommand serve = (ServeCommand) command.parseArgs("serve").subcommand().commandSpec().userObject();
    assertEquals("127.0.0.1", serve.host);
    assertEquals(7070, serve.port);
    assertEquals(List.of(), serve.corsOrigins, "CORS is off by default");
    assertEquals(null, serve.decisionLog);

    ServeCommand open = (ServeCommand) new picocli.CommandLine(new Main())
        .parseArgs("serve", "--host", "0.0.0.0", "--cors-origin", "https://a.example", "--cors-origin", "https://b.example")
        .subcommand().commandSpec().userObject();
    assertEquals("0.0.0.0", open.host);
    assertEquals(List.of("https://a.example", "https://b.example"), open.corsOrigins);
  }

  @Test
  void a_missing_rules_folder_is_named() {
    Run run = run("serve", "--rules", dir.resolve("nowhere").toString());

    assertEquals(3, run.code());
    assertTrue(run.err().contains("nowhere"), run.err());
  }
}
