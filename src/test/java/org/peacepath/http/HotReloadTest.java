package org.peacepath.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peacepath.RulesCopy;
import org.peacepath.rules.RuleSets;
import org.peacepath.rules.RulesWatcher;
import org.peacepath.scenario.ScenarioGate;

/** Editing a copy of rules/ under a running server, as policy staff do. */
class HotReloadTest {
  static final String STATE = "{\"completed\": [{\"step\": \"peace-declaration\"}]}";
  static final String MECHANISM_REASON = "The peace mechanism is the second step";

  @TempDir Path dir;
  RuleSets ruleSets;
  RulesWatcher watcher;
  Api api;

  @BeforeEach
  void start() throws Exception {
    RulesCopy.of(dir);
    // Patience, not a timing claim: under the load of a shared machine (and of the requests some of these
    // tests send throughout), judging sigal in the child took over the default 60 s deadline, and a refusal
    // for time said nothing of what each test looks for.
    ruleSets = RuleSets.load(dir, new ScenarioGate(), Duration.ofSeconds(180));
    watcher = RulesWatcher.start(ruleSets, Duration.ofMillis(50));
    api = new Api(ruleSets);
  }

  @AfterEach
  void stop() {
    api.close();
    watcher.close();
  }

  void edit(String file, String from, String to) throws Exception {
    String text = Files.readString(dir.resolve(file));
    assertTrue(text.contains(from), file + " has no " + from);
    Files.writeString(dir.resolve(file), text.replace(from, to));
  }

  String revision() {
    return api.get("/health").json().at("/rulesets/0/revision").asText();
  }

  JsonNode sigalStatus() {
    return api.get("/v1/rulesets").json().at("/rulesets/0");
  }

  /**
   * Waits, at most 200 s, for the status of sigal to satisfy the condition: patience for a machine whose other
   * work slows the watcher and the reload child many times over, not a promise of speed.
   */
  JsonNode awaitStatus(Predicate<JsonNode> condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(200);
    JsonNode status = sigalStatus();
    while (!condition.test(status) && System.nanoTime() < deadline) {
      Thread.sleep(20);
      status = sigalStatus();
    }
    assertTrue(condition.test(status), "the reload never came: " + status);
    return status;
  }

  @Test
  void a_saved_edit_goes_live_without_a_restart() throws Exception {
    String before = revision();

    edit("common/preconditions.rules.csv", MECHANISM_REASON, "The peace mechanism is step two");
    JsonNode status = awaitStatus(s -> !s.get("revision").asText().equals(before));

    assertEquals("loaded", status.at("/lastReload/result").asText());
    JsonNode reason = api.post("/v1/evaluate", "{\"completed\": []}").json().at("/blocked/0/reasons/0/reason");
    assertTrue(reason.asText().startsWith("The peace mechanism is step two"), reason.asText());
  }

  @Test
  void an_edit_that_does_not_compile_keeps_the_last_good_revision_and_shows_the_error_with_file_and_line()
      throws Exception {
    String before = revision();

    edit("sigal/reciprocity.drl", "    $open : Open( step == \"dismantlement\" )", "    $open : Open( step == \"dismantlement\" ");
    JsonNode status = awaitStatus(s -> s.at("/lastReload/result").asText().equals("refused"));

    assertEquals(before, status.get("revision").asText());
    JsonNode error = status.at("/lastReload/errors/0");
    assertEquals("sigal/reciprocity.drl", error.get("file").asText());
    assertTrue(error.get("line").asInt() > 30, error.toString());
    Api.Reply reply = api.post("/v1/evaluate", STATE);
    assertEquals(200, reply.status());
    assertEquals(before, reply.json().at("/ruleset/revision").asText());
  }

  @Test
  void a_misspelt_step_id_in_a_rule_is_refused_by_reload() throws Exception {
    String before = revision();

    edit("common/advisories.drl", "not Done( step == \"peace-declaration\" )", "not Done( step == \"peace-declaraton\" )");
    JsonNode status = awaitStatus(s -> s.at("/lastReload/result").asText().equals("refused"));

    assertEquals(before, status.get("revision").asText());
    assertEquals("unknown_step", status.at("/lastReload/errors/0/code").asText());
    assertTrue(status.at("/lastReload/errors/0/message").asText().contains("did you mean \"peace-declaration\"?"));
  }

  @Test
  void a_misspelt_step_in_a_table_row_is_refused_by_reload_at_its_row_and_column() throws Exception {
    String before = revision();

    edit("common/preconditions.rules.csv", "peace-treaty,,firm,four-party-talks,", "peace-treaty,,firm,four-party-talk,");
    JsonNode status = awaitStatus(s -> s.at("/lastReload/result").asText().equals("refused"));

    assertEquals(before, status.get("revision").asText());
    JsonNode error = status.at("/lastReload/errors/0");
    assertEquals("unknown_step", error.get("code").asText());
    assertEquals("common/preconditions.rules.csv", error.get("file").asText());
    assertTrue(error.get("message").asText().matches("row \\d+, column needs: 'four-party-talk' is not a step; did you mean"
        + " \"four-party-talks\"\\?"), error.toString());
  }

  @Test
  void a_catalog_that_does_not_parse_is_refused_by_reload() throws Exception {
    String before = revision();

    edit("catalog.yaml", "  - id: navy-hotline\n", "  - id: navy-hotline\n    parties: [US\n");
    JsonNode status = awaitStatus(s -> s.at("/lastReload/result").asText().equals("refused"));

    assertEquals(before, status.get("revision").asText());
    assertEquals("catalog.yaml", status.at("/lastReload/errors/0/file").asText());
  }

  @Test
  void an_edit_that_adds_a_runaway_rule_is_refused_when_its_scenarios_catch_it() throws Exception {
    String before = revision();

    RulesCopy.write(dir, "common/runaway.scenarios.yaml", org.peacepath.BrokenRules.RUNAWAY_SCENARIO);
    RulesCopy.write(dir, "common/runaway.drl", org.peacepath.BrokenRules.RUNAWAY);
    JsonNode status = awaitStatus(s -> s.at("/lastReload/result").asText().equals("refused")
        && s.at("/lastReload/errors").toString().contains("runaway"));

    assertEquals(before, status.get("revision").asText());
    assertEquals("runaway_rule", status.at("/lastReload/errors/0/code").asText());
    assertEquals("common/runaway.drl", status.at("/lastReload/errors/0/file").asText());
    assertEquals(200, api.post("/v1/evaluate", "{\"completed\": [{\"step\": \"normalization\"}]}").status());
  }

  @Test
  void a_hostile_rule_file_is_refused_by_reload_and_nothing_of_it_runs() throws Exception {
    String before = revision();
    for (org.peacepath.HostileRules.Hostile hostile : org.peacepath.HostileRules.ALL) {
      Path marker = dir.resolveSibling(dir.getFileName() + "-marker");
      RulesCopy.write(dir, "common/hostile.drl", hostile.at(marker));
      JsonNode status = awaitStatus(s -> s.at("/lastReload/result").asText().equals("refused")
          && s.at("/lastReload/errors").toString().contains("common/hostile.drl"));

      assertEquals(before, status.get("revision").asText(), hostile.label());
      assertEquals(hostile.line(), status.at("/lastReload/errors/0/line").asInt(), hostile.label() + ": " + status);
      assertFalse(Files.exists(marker), hostile.label() + ": nothing of it ran");
      Files.delete(dir.resolve("common/hostile.drl"));
      awaitStatus(s -> s.at("/lastReload/result").asText().equals("unchanged"));
    }
    assertEquals(200, api.post("/v1/evaluate", STATE).status());
  }

  @Test
  void a_rule_file_whose_joins_have_no_bound_is_refused_by_reload_and_the_server_keeps_answering() throws Exception {
    String before = revision();
    for (org.peacepath.HostileRules.Hostile join : org.peacepath.HostileRules.JOINS) {
      RulesCopy.write(dir, "common/join.drl", join.text());
      JsonNode status = awaitStatus(s -> s.at("/lastReload/result").asText().equals("refused")
          && s.at("/lastReload/errors").toString().contains("common/join.drl"));

      assertEquals(before, status.get("revision").asText(), join.label());
      assertEquals("unbounded_join", status.at("/lastReload/errors/0/code").asText(), join.label());
      assertEquals(join.line(), status.at("/lastReload/errors/0/line").asInt(), join.label() + ": " + status);
      assertEquals(200, api.get("/health").status());
      assertEquals(200, api.post("/v1/evaluate", STATE).status());
      Files.delete(dir.resolve("common/join.drl"));
      awaitStatus(s -> s.at("/lastReload/result").asText().equals("unchanged"));
    }
  }

  @Test
  void files_an_editor_leaves_behind_are_not_read() throws Exception {
    String before = revision();
    Files.writeString(dir.resolve("sigal/._reciprocity.drl"), "\u0000\u0005binary resource fork");
    Files.writeString(dir.resolve("sigal/reciprocity.drl~"), "rule broken");
    Files.writeString(dir.resolve("sigal/.reciprocity.drl.swp"), "rule broken");
    edit("common/preconditions.rules.csv", MECHANISM_REASON, "The peace mechanism is step two");

    JsonNode status = awaitStatus(s -> !s.get("revision").asText().equals(before));
    assertEquals("loaded", status.at("/lastReload/result").asText(), status.toString());
  }

  @Test
  void a_deleted_rule_set_folder_is_withdrawn_and_the_default_is_kept() throws Exception {
    deleteTree(dir.resolve("treaty-first"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (api.post("/v1/evaluate", "{\"ruleset\": \"treaty-first\", \"completed\": []}").status() == 200
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(404, api.post("/v1/evaluate", "{\"ruleset\": \"treaty-first\", \"completed\": []}").status());
    assertFalse(api.get("/v1/rulesets").text().contains("\"name\":\"treaty-first\""));

    String before = revision();
    deleteTree(dir.resolve("sigal"));
    JsonNode status = awaitStatus(s -> s.at("/lastReload/result").asText().equals("refused"));
    assertEquals("missing_default", status.at("/lastReload/errors/0/code").asText());
    assertEquals(before, status.get("revision").asText());
    assertEquals(200, api.post("/v1/evaluate", STATE).status());
  }

  /** Four clients sending {@link #STATE} without pause, each answer handed to {@code look}, until {@link #close()}. */
  final class Streams implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService clients = Executors.newFixedThreadPool(4);
    private final List<Future<?>> streams = new ArrayList<>();

    Streams(java.util.function.Consumer<Api.Reply> look) {
      for (int i = 0; i < 4; i++) {
        streams.add(clients.submit(() -> {
          while (running.get()) {
            look.accept(api.post("/v1/evaluate", STATE));
          }
        }));
      }
    }

    @Override
    public void close() throws Exception {
      running.set(false);
      for (Future<?> stream : streams) {
        stream.get(30, TimeUnit.SECONDS);
      }
      clients.shutdown();
    }
  }

  @Test
  void a_file_an_editor_empties_before_writing_it_is_never_served_under_load() throws Exception {
    Path reciprocity = dir.resolve("sigal/reciprocity.drl");
    String text = Files.readString(reciprocity);
    List<String> wrong = Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.atomic.AtomicInteger answers = new java.util.concurrent.atomic.AtomicInteger();
    JsonNode status;
    try (Streams streams = new Streams(reply -> {
      answers.incrementAndGet();
      if (reply.status() != 200 || !reply.json().at("/blocked/0/id").asText().equals("peace-mechanism")) {
        wrong.add(reply.status() + " " + reply.text());
      }
    })) {
      // An editor that truncates the file, then writes it a moment later.
      for (int edit = 0; edit < 5; edit++) {
        Files.writeString(reciprocity, "");
        Thread.sleep(60);
        Files.writeString(reciprocity, text + "\n// saved " + edit + "\n");
        Thread.sleep(150);
      }
      // And one that leaves it empty.
      Files.writeString(reciprocity, "");
      status = awaitStatus(s -> s.at("/lastReload/result").asText().equals("refused"));
      Thread.sleep(300);
    }

    assertEquals(List.of(), wrong.subList(0, Math.min(3, wrong.size())), "no answer unlocked the mechanism");
    assertTrue(answers.get() > 20, "requests kept flowing: " + answers.get());
    assertTrue(status.at("/lastReload/errors").toString().contains("empty_rule_file")
        || status.at("/lastReload/scenarioFailures").size() > 0, status.toString());
  }

  static void deleteTree(Path root) throws Exception {
    try (var files = Files.walk(root)) {
      for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  @Test
  void a_new_rule_set_folder_is_served_without_a_restart() throws Exception {
    java.nio.file.Files.createDirectories(dir.resolve("sigal-strict"));
    RulesCopy.write(dir, "sigal-strict/ruleset.yaml", "title: Talks first\nincludes: []\nsimultaneous: refused\n"
        + "simultaneousSource: following US demands that it take \"unilateral steps\"\n");
    RulesCopy.write(dir, "sigal-strict/strict.scenarios.yaml", """
        scenarios:
          - name: normalization waits for the talks
            given: [peace-declaration]
            blocked:
              normalization: [four-party-talks]
        """);
    RulesCopy.write(dir, "sigal-strict/strict.drl", """
        package peacepath;
        import org.peacepath.facts.Open;
        import org.peacepath.facts.Done;
        import org.peacepath.facts.Blocked;

        rule "Normalization waits for the four-party talks"
            @id("normalization-after-talks")
            @basis("inferred")
            @source("Who would participate in peace talks?")
        when
            Open( step == "normalization" )
            not Done( step == "four-party-talks" )
        then
            insert( new Blocked( "normalization", "The four-party talks come first.", "four-party-talks" ) );
        end
        """);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (api.post("/v1/evaluate", "{\"ruleset\": \"sigal-strict\", \"completed\": []}").status() != 200
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }

    JsonNode body = api.post("/v1/evaluate", "{\"ruleset\": \"sigal-strict\", \"completed\": "
        + "[{\"step\": \"peace-declaration\"}]}").json();
    assertEquals("sigal-strict", body.at("/ruleset/name").asText());
    assertTrue(body.get("blocked").toString().contains("Normalization waits for the four-party talks"));
  }

  @Test
  void an_edit_with_a_rule_that_fails_when_it_fires_is_refused() throws Exception {
    String before = revision();

    RulesCopy.write(dir, "common/failing.drl", org.peacepath.BrokenRules.FAILING);
    JsonNode status = awaitStatus(s -> s.at("/lastReload/result").asText().equals("refused"));

    assertEquals(before, status.get("revision").asText());
    assertEquals("rule_failed", status.at("/lastReload/errors/0/code").asText());
    assertEquals("common/failing.drl", status.at("/lastReload/errors/0/file").asText());
    assertEquals(200, api.post("/v1/evaluate", STATE).status());
  }

  @Test
  void an_edit_whose_scenarios_fail_is_refused_and_the_failures_are_shown() throws Exception {
    String before = revision();
    edit("common/preconditions.rules.csv", "peace-mechanism,,firm,peace-declaration,",
        "peace-mechanism,,firm,\"peace-declaration, normalization\",");
    JsonNode status = awaitStatus(s -> s.at("/lastReload/scenarioFailures").size() > 0);

    assertEquals("refused", status.at("/lastReload/result").asText());
    assertEquals(before, status.get("revision").asText(), "the last good revision keeps serving");
    JsonNode failure = status.at("/lastReload/scenarioFailures/0");
    assertEquals("scenario_failed", failure.get("code").asText());
    assertTrue(failure.get("message").asText().contains("expected peace-mechanism to be blocked requiring "
        + "[peace-declaration], but it is blocked requiring [normalization, peace-declaration]"), failure.toString());
  }

  @Test
  void a_reload_while_requests_stream_in_loses_no_request_and_answers_only_the_old_or_the_new_revision()
      throws Exception {
    String old = revision();
    List<String> revisions = Collections.synchronizedList(new ArrayList<>());
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    String fresh;
    try (Streams streams = new Streams(reply -> {
      if (reply.status() != 200) {
        failures.add(reply.status() + " " + reply.text());
      } else {
        String revision = reply.json().at("/ruleset/revision").asText();
        String reason = reply.json().at("/blocked/0/reasons/0/reason").asText();
        revisions.add(revision + " " + reason.substring(0, 11));
      }
    })) {
      Thread.sleep(200);
      edit("sigal/reciprocity.drl", "Interim agreements signed so far", "Agreements signed so far");
      fresh = awaitStatus(s -> !s.get("revision").asText().equals(old)).get("revision").asText();
      Thread.sleep(300);
    }

    assertEquals(List.of(), failures);
    assertNotEquals(old, fresh);
    Set<String> seen = new HashSet<>(revisions);
    assertEquals(Set.of(old + " Interim agr", fresh + " Agreements "), seen,
        "each answer is wholly the old rules or wholly the new, and names which");
    assertTrue(revisions.size() > 20, "requests kept flowing: " + revisions.size());
  }
}
