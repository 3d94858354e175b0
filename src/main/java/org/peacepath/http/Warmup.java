package org.peacepath.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.peacepath.catalog.Step;
import org.peacepath.decide.DecisionService;
import org.peacepath.plan.PlanService;
import org.peacepath.rules.RuleSet;
import org.peacepath.wire.Json;
import org.peacepath.wire.Requests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the server the workbench's first questions once before it says it serves, and again after each reload,
 * so that the first person to open the page does not pay for the first time each path runs: the rule sets and the catalog written as JSON, a few records of each rule set read, decided (a
 * dated one replayed), compared and written, the step graph laid out and a one-move plan found. Without
 * it the page's first answer on a server just started took about 2 s, ten times a warm one (see
 * docs/benchmarks.md). It goes through the same services and JSON writer as a request but not through
 * HTTP, so nothing it does is logged or counted, and its answers are thrown away.
 */
public final class Warmup {
  private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);
  /** Each question is asked this many times: once loads the classes, a few more give the JIT its first compilations. */
  private static final int ROUNDS = 3;

  private Warmup() {}

  /**
   * Asks now, before the server says it serves, so that the first person meets a warm server rather than
   * one busy warming itself up; and again in the background after each reload, for the new revisions.
   */
  public static void start(DecisionService service) {
    try {
      // the rules' copies for incremental sessions (for decisions, replays of dated records and packages'
      // trials), which the server started compiling as it was made: the warm-up then runs the paths that every
      // later request runs (a few seconds at most, on a busy machine)
      org.peacepath.rules.BackgroundCompile.awaitPrepared(java.time.Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    askAll(service, "at start");
    service.ruleSets().onReload(outcomes -> {
      Thread thread = new Thread(() -> askAll(service, "after a reload"), "peacepath-warmup");
      thread.setDaemon(true);
      thread.start();
    });
  }

  private static void askAll(DecisionService service, String when) {
    long started = System.nanoTime();
    PlanService planner = new PlanService(service);
    Requests requests = new Requests(service);
    for (int round = 0; round < ROUNDS; round++) {
      ask("the rule sets", () -> RuleSetsView.of(service.ruleSets()));
      for (RuleSet ruleSet : service.ruleSets().all()) {
        askOf(ruleSet, service, planner, requests);
      }
    }
    LOG.debug("warmed up {} in {} ms", when, (System.nanoTime() - started) / 1_000_000);
  }

  /**
   * Asks the server listening at {@code host:port}, over HTTP, for the page and every file it loads, twice:
   * serving a file from the jar the first time costs many times what it costs after, and the page loads
   * eighteen. These requests are counted in the metrics (route static); nothing else is.
   */
  public static void page(String host, int port) {
    String at = "http://" + (host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host)
        + ":" + port;
    try (java.io.InputStream in = Warmup.class.getResourceAsStream("/web/index.html")) {
      if (in == null) {
        return;
      }
      String index = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      List<String> paths = new ArrayList<>(List.of("/"));
      java.util.regex.Matcher file = java.util.regex.Pattern.compile("(?:href|src)=\"(/[^\"]+)\"").matcher(index);
      while (file.find()) {
        paths.add(file.group(1));
      }
      java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
          .connectTimeout(java.time.Duration.ofSeconds(1)).build();
      for (int round = 0; round < 2; round++) {
        for (String path : paths) {
          http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(at + path))
              .timeout(java.time.Duration.ofSeconds(2)).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      LOG.debug("warming up the page's files failed: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** What the workbench asks of one rule set when it opens: its catalog, a few decisions and comparisons, the graph, a plan. */
  private static void askOf(RuleSet ruleSet, DecisionService service, PlanService planner, Requests requests) {
    String name = ruleSet.name();
    List<Step> steps = ruleSet.catalog().steps();
    if (steps.size() < 2) {
      return;
    }
    ask("the catalog of " + name, () -> Handlers.Steps.of(ruleSet));
    String first = steps.get(0).id();
    String second = steps.get(1).id();
    List<String> records = new ArrayList<>(List.of("[]", "[{\"step\": \"" + first + "\"}]",
        "[{\"step\": \"" + first + "\", \"date\": \"2027\"}, {\"step\": \"" + second + "\", \"date\": \"2027-05\"}]"));
    for (String completed : records) {
      JsonNode evaluate = read("{\"ruleset\": \"" + name + "\", \"completed\": " + completed + ", \"packages\": true}");
      ask("a decision under " + name, () -> service.evaluate(requests.evaluate(evaluate)));
      JsonNode compare = read("{\"completed\": " + completed + "}");
      ask("a comparison", () -> service.compare(requests.compare(compare)));
    }
    ask("the graph of " + name, () -> planner.graph(name));
    JsonNode plan = read("{\"ruleset\": \"" + name + "\", \"completed\": [], \"goal\": \"" + first + "\"}");
    ask("a plan under " + name, () -> planner.plan(requests.plan(plan)));
  }

  private static JsonNode read(String json) {
    try {
      return Json.MAPPER.readTree(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Works the answer out and writes it as JSON, as a request would; a failure is only noted. */
  private static void ask(String what, java.util.function.Supplier<Object> answer) {
    try {
      Json.MAPPER.writeValueAsBytes(answer.get());
    } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
      LOG.debug("warming up {} failed: {}", what, e.toString());
    }
  }
}
