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
import org.peacepath.wire.Json;

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
        new DecisionService(Bundled.ruleSets()).evaluate(new org.peacepath.wire.Requests(
            new DecisionService(Bundled.ruleSets())).evaluate(Json.MAPPER.readTree(request)))));
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
    assertEquals("", run.out(), "nothing on standard output but answers");
    JsonNode error = Json.MAPPER.readTree(run.err());
    assertEquals("invalid_request", error.get("code").asText());
    assertEquals("peace-treaty", error.at("/details/0/suggestion").asText());

    Run text = run("evaluate", "--text", "--rules", Bundled.RULES.toString(), file.toString());
    assertEquals(2, text.code());
    assertEquals("completed[0].step: \"peace-treat\" is not a step in the catalog; did you mean \"peace-treaty\"?",
        text.err().strip(), "plain words under --text");
  }

  @Test
  void plan_reads_an_evaluate_or_a_plan_body_and_its_options_win() throws Exception {
    Path file = Files.writeString(dir.resolve("plan.json"),
        "{\"completed\": [], \"goal\": \"peace-treaty\", \"advice\": \"ignore\", \"packages\": true}");

    Run asFiled = run("plan", "--rules", Bundled.RULES.toString(), "--goal", "denuclearization", file.toString());
    Run followed = run("plan", "--rules", Bundled.RULES.toString(), "--goal", "denuclearization", "--advice", "follow",
        file.toString());

    assertEquals(0, asFiled.code(), asFiled.err());
    assertTrue(asFiled.out().contains("\"goal\":\"denuclearization\",\"advice\":\"ignore\"") && asFiled.out().contains("\"length\":2"),
        asFiled.out());
    assertTrue(followed.out().contains("\"advice\":\"follow\"") && followed.out().contains("\"length\":4"), followed.out());
  }

  @Test
  void a_file_that_is_not_there_is_said_in_one_line() {
    Run run = run("evaluate", "--text", "--rules", Bundled.RULES.toString(), dir.resolve("nosuch.json").toString());

    assertEquals(2, run.code());
    assertEquals("cannot read " + dir.resolve("nosuch.json") + ": no such file", run.err().strip());
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "serve {0} fails at once in one line")
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "--port 99999 | port 99999 is out of range: pass --port N with N from 1 to 65535 (or 0 for any free port)",
      "--host 10.255.255.1 | cannot listen on 10.255.255.1: not an address of this machine; pass --host 127.0.0.1, or 0.0.0.0 for every address",
      "--rules /nonexistent/rules --port 0 | no rules folder at /nonexistent/rules: run from the project folder or pass --rules DIR"})
  void a_start_up_mistake_is_said_in_one_line_before_the_rules_are_compiled(String args, String line) {
    long start = System.nanoTime();
    Run run = run(("serve " + args).split(" "));
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertEquals(2, run.code());
    assertEquals(line, run.err().strip());
    assertTrue(millis < 5000, "within 5 s: " + millis + " ms");
  }

  @Test
  void a_port_in_use_is_said_in_one_line() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Run run = run("serve", "--rules", Bundled.RULES.toString(), "--port", String.valueOf(taken.getLocalPort()));

      assertEquals(2, run.code());
      assertEquals("port " + taken.getLocalPort() + " is in use: pass --port N, or stop what is listening on it",
          run.err().strip());
    }
  }

  @Test
  void a_decision_log_path_that_is_a_symbolic_link_stops_the_start_in_one_line() throws Exception {
    Path target = Files.writeString(dir.resolve("passwd"), "root:x:0:0:root:/root:/bin/sh\n");
    Path link = Files.createSymbolicLink(dir.resolve("decisions.jsonl"), target);

    Run run = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(120),
        () -> run("serve", "--rules", Bundled.RULES.toString(), "--port", "0", "--decision-log", link.toString()));

    assertEquals(2, run.code(), run.out() + run.err());
    assertEquals("cannot open the decision log " + link + ": a symbolic link stands at its path, and the decision log "
        + "follows none (it could lead anywhere); give the path of the file itself", run.err().strip());
    assertEquals("root:x:0:0:root:/root:/bin/sh\n", Files.readString(target));
  }

  @Test
  void a_rule_file_that_does_not_compile_stops_the_start_with_file_and_line_and_exit_code_3() {
    RulesCopy.of(dir);
    RulesCopy.write(dir, "sigal/reciprocity.drl", "package peacepath;\n\nrule \"Unfinished\"\nwhen\n    Open(\nthen\nend\n");

    Run run = run("serve", "--rules", dir.toString(), "--port", "0");

    assertEquals(3, run.code());
    assertTrue(run.err().contains(dir.resolve("sigal/reciprocity.drl") + ":5: a parenthesis ( opened on this line is never"
        + " closed; add the ) that closes it"), "said where the slip is, not where the parser gave up: " + run.err());
    assertTrue(run.err().contains("peacepath did not start"), run.err());
  }

  @Test
  void a_quote_not_in_the_source_stops_the_start_when_the_server_knows_the_source() throws Exception {
    RulesCopy.of(dir);
    Path source = dir.resolve("source.txt");
    // The source text: every quote of the bundled rules, as the rules quote it; then one quote paraphrased.
    StringBuilder text = new StringBuilder();
    for (var ruleSet : Bundled.ruleSets().all()) {
      ruleSet.rules().values().forEach(r -> text.append(r.source().replace("\u2026", "\n")).append('\n'));
      ruleSet.catalog().steps().forEach(s -> text.append(s.source().replace("\u2026", "\n")).append('\n'));
      text.append(ruleSet.simultaneousSource()).append('\n');
    }
    Files.writeString(source, text);
    String treaty = Files.readString(dir.resolve("common/preconditions.rules.csv"));
    RulesCopy.write(dir, "common/preconditions.rules.csv", treaty.replace("redeployment of the North\u2019s forward-deployed",
        "redeployment of the North's forward-deployed"));

    Run run = run("serve", "--rules", dir.toString(), "--port", "0", "--source", source.toString());

    assertEquals(3, run.code(), run.err());
    assertTrue(run.err().contains("the @source of the rule \"treaty-conditions\" is not word for word in the source"), run.err());
    assertTrue(run.err().contains("they first differ in \"North's\": the quote has ' (U+0027 apostrophe) where the source"
        + " has \u2019 (U+2019 right single quotation mark)"), run.err());
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
  void evaluate_and_plan_compile_only_the_rule_set_they_answer_under() throws Exception {
    RulesCopy.of(dir);
    // A rule set the command does not use, broken: compiling it would stop the command.
    RulesCopy.write(dir, "treaty-first/broken.drl", "package peacepath;\n\nrule \"Unfinished\"\nwhen\n    Open(\nthen\nend\n");
    Path sigal = Files.writeString(dir.resolve("sigal.json"), "{\"completed\": [{\"step\": \"peace-declaration\"}]}");
    Path treatyFirst = Files.writeString(dir.resolve("treaty-first.json"),
        "{\"ruleset\": \"treaty-first\", \"completed\": []}");

    Run evaluate = run("evaluate", "--rules", dir.toString(), sigal.toString());
    Run plan = run("plan", "--rules", dir.toString(), "--goal", "peace-mechanism", sigal.toString());
    Run broken = run("evaluate", "--rules", dir.toString(), treatyFirst.toString());
    Run brokenPlan = run("plan", "--rules", dir.toString(), "--ruleset", "treaty-first", "--goal", "peace-mechanism");

    assertEquals(0, evaluate.code(), evaluate.err());
    assertTrue(evaluate.out().contains("\"name\":\"sigal\""), evaluate.out());
    assertEquals(0, plan.code(), plan.err());
    assertEquals(3, broken.code(), broken.out() + broken.err());
    assertTrue(broken.err().contains(dir.resolve("treaty-first/broken.drl") + ":5: "), broken.err());
    assertEquals(3, brokenPlan.code(), brokenPlan.out() + brokenPlan.err());
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
    assertTrue(text.contains("  - Joint fishing area in the West Sea, by DPRK and ROK.\n"), text);
    assertTrue(text.contains("[reciprocity, stated; firm by the design brief: reciprocity for dismantlement]"), text);
    assertTrue(text.contains("  - Missile restraint and Satellite launch services, taken together [missiles-for-satellites].\n"), text);
    assertTrue(text.contains("  - Peace mechanism (record 3, 2014-02) was taken while a firm rule blocked it "
        + "[mechanism-after-declaration].\n"), text);
    assertTrue(text.contains("[treaty-negotiated-by-four, stated]"), text);
  }

  @Test
  void plan_names_an_unknown_goal_with_the_nearest_step() {
    Run run = run("plan", "--rules", Bundled.RULES.toString(), "--goal", "peace-treat");
    assertEquals(2, run.code());
    assertTrue(run.err().contains("did you mean \\\"peace-treaty\\\"?"), run.err());
  }

  @Test
  void serve_listens_on_this_machine_only_unless_told_otherwise() {
    picocli.CommandLine command = new picocli.CommandLine(new Main());
    ServeCommand serve = (ServeCommand) command.parseArgs("serve").subcommand().commandSpec().userObject();
    assertEquals("127.0.0.1", serve.host);
    assertEquals(7070, serve.port);
    assertEquals(List.of(), serve.corsOrigins, "CORS is off by default");
    assertEquals(List.of(), serve.allowedHosts, "only the addresses listened on are answered");
    assertEquals(null, serve.decisionLog);

    ServeCommand open = (ServeCommand) new picocli.CommandLine(new Main())
        .parseArgs("serve", "--host", "0.0.0.0", "--cors-origin", "https://a.example", "--cors-origin", "https://b.example",
            "--allow-host", "peacepath.example.org", "--allow-host", "desk.example.org")
        .subcommand().commandSpec().userObject();
    assertEquals("0.0.0.0", open.host);
    assertEquals(List.of("peacepath.example.org", "desk.example.org"), open.allowedHosts);
    assertEquals(List.of("https://a.example", "https://b.example"), open.corsOrigins);
  }

  @Test
  void a_missing_rules_folder_is_named_by_every_command() {
    String nowhere = dir.resolve("nowhere").toString();
    for (String[] args : List.of(new String[] {"serve", "--port", "0", "--rules", nowhere},
        new String[] {"evaluate", "--rules", nowhere, "-"}, new String[] {"plan", "--goal", "peace-treaty", "--rules", nowhere},
        new String[] {"check", nowhere})) {
      Run run = run(args);

      assertEquals(2, run.code(), String.join(" ", args));
      assertTrue(run.err().startsWith("no rules folder at " + nowhere + ": run from the project folder"), run.err());
      assertEquals(1, run.err().strip().lines().count(), run.err());
    }
  }
}
