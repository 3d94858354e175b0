package org.peacepath.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.peacepath.HeavyRules;
import org.peacepath.RulesCopy;
import org.peacepath.rules.RuleSets;

/**
 * A decision's work is bounded whatever the rules allow: rules that keep to the language but make Drools
 * match for many seconds without firing are stopped at the budget, named, and the server answers {@code
 * /health} meanwhile; the work stops as soon as the client hangs up.
 */
class DecisionBudgetTest {
  static Path dir;
  static RuleSets ruleSets;
  static Api api;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("peacepath-heavy");
    RulesCopy.of(dir);
    RulesCopy.write(dir, "sigal/heavy.drl", HeavyRules.file());
    ruleSets = RuleSets.load(dir);
    api = new Api(ruleSets);
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
    HotReloadTest.deleteTree(dir);
  }

  @Test
  void rules_that_match_for_long_are_stopped_at_the_budget_naming_a_rule_that_spent_it_and_health_answers_meanwhile()
      throws Exception {
    long start = System.nanoTime();
    CompletableFuture<Api.Reply> heavy = CompletableFuture.supplyAsync(() -> api.post("/v1/evaluate", HeavyRules.LONG_RECORD));
    List<Integer> health = new ArrayList<>();
    while (!heavy.isDone() && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(60)) {
      health.add(api.get("/health").status());
      Thread.sleep(50);
    }
    Api.Reply reply = heavy.get(60, TimeUnit.SECONDS);
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);

    assertEquals(500, reply.status(), reply.text());
    assertEquals("runaway_rule", reply.json().get("code").asText());
    String error = reply.json().get("error").asText();
    assertTrue(error.matches("rule set sigal: the rule \"Heavy \\d+\" \\(sigal/heavy\\.drl:\\d+\\) kept Drools matching "
        + "past 2 s and was stopped; .*"), error);
    assertFalse(error.contains(HeavyRules.INNOCENT), "the rule that fired most spent nothing: " + error);
    assertTrue(seconds < 30, "stopped, not run to the end: " + seconds + " s");
    assertFalse(health.isEmpty(), "health was asked while the decision ran");
    assertEquals(List.of(200), health.stream().distinct().toList(), "health answered throughout");
    assertEquals(200, api.post("/v1/evaluate", "{\"completed\": [{\"step\": \"peace-declaration\"}]}").status());
  }

  @Test
  void a_decision_whose_client_hangs_up_is_abandoned() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/proc/net/tcp")),
        "the operating system tells of a closed connection through /proc/net/tcp");
    try (Api own = new Api(ruleSets)) {
      try (java.net.Socket socket = new java.net.Socket("127.0.0.1", own.uri("/").getPort())) {
        byte[] body = HeavyRules.LONG_RECORD.getBytes(StandardCharsets.UTF_8);
        socket.getOutputStream().write(("POST /v1/evaluate HTTP/1.1\r\nHost: 127.0.0.1:" + own.uri("/").getPort() + "\r\nContent-Type: application/json\r\n"
            + "Connection: close\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().write(body);
        socket.getOutputStream().flush();
        Thread.sleep(300); // the rules are matching; then the client hangs up
      }
      String metrics;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      do {
        Thread.sleep(100);
        metrics = own.get("/metrics").text();
      } while (!metrics.contains("peacepath_answers_total{kind=\"decision\"") && System.nanoTime() < deadline);
      assertTrue(metrics.contains("outcome=\"decision_abandoned\""), "the rules stopped when the client left, not at "
          + "the budget: " + metrics.lines().filter(line -> line.contains("kind=\"decision\"")).toList());
    }
  }

  @Test
  void every_decision_of_a_comparison_is_bounded_too() {
    Api.Reply reply = api.post("/v1/compare", HeavyRules.LONG_RECORD.replace("{\"completed\"",
        "{\"rulesets\": [\"treaty-first\", \"sigal\"], \"completed\""));

    assertEquals(500, reply.status(), reply.text());
    assertTrue(reply.json().get("error").asText().startsWith("rule set sigal: the rule \"Heavy "), reply.text());
  }
}
