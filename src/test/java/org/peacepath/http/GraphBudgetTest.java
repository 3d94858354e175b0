package org.peacepath.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.peacepath.bench.SyntheticRules;
import org.peacepath.rules.RuleSets;

/**
 * {@code GET /v1/graph} has a budget like a plan's: a graph too costly to learn (a chain of 250 steps, each
 * needing the one before, is a plan to each step) is answered 422 {@code graph_budget_exceeded} at its
 * budget, the next call at once, and the server answers meanwhile.
 */
class GraphBudgetTest {

  @Test
  void a_graph_too_costly_to_learn_is_refused_at_its_budget_and_the_next_call_at_once() throws Exception {
    Path dir = Files.createTempDirectory("peacepath-chain");
    try (Api api = new Api(RuleSets.load(SyntheticRules.write(dir, "chain", 250)))) {
      HttpRequest graph = HttpRequest.newBuilder(api.uri("/v1/graph?ruleset=synthetic"))
          .timeout(Duration.ofSeconds(90)).GET().build();
      long start = System.nanoTime();
      CompletableFuture<Api.Reply> first = CompletableFuture.supplyAsync(() -> api.send(graph));
      List<Integer> health = Collections.synchronizedList(new ArrayList<>());
      while (!first.isDone() && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(90)) {
        health.add(api.get("/health").status());
        Thread.sleep(100);
      }
      Api.Reply reply = first.get(90, TimeUnit.SECONDS);
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);

      assertEquals(422, reply.status(), reply.text());
      assertEquals("graph_budget_exceeded", reply.json().get("code").asText());
      assertTrue(reply.json().get("error").asText().startsWith("the step graph of rule set synthetic could not be "
          + "learnt within its budget (100,000 states or 10 s for the plans to all its steps)"), reply.text());
      assertTrue(seconds < 60, "stopped at its budget: " + seconds + " s");
      assertFalse(health.isEmpty());
      assertEquals(List.of(200), health.stream().distinct().toList());

      long again = System.nanoTime();
      Api.Reply second = api.send(graph);
      assertEquals(422, second.status());
      assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - again) < 5, "the refusal is remembered for the revision");
    } finally {
      HotReloadTest.deleteTree(dir);
    }
  }
}
