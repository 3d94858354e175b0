package org.peacepath.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.peacepath.Bundled;
import org.peacepath.http.Api;
import org.peacepath.wire.Json;

/**
 * The page only shows what the server says. It is run against a test double: the real server behind a
 * proxy that changes its answers into ones no rule of the page could have worked out (a blocked step
 * said to be open, a date order against the dates, a record said not to count for a reason of the
 * double's own, a party the catalog does not have). A page that computed a status, an order, a verdict
 * or its vocabulary itself would show its own word, and this test would fail.
 */
class WorkbenchShowsTheServersWordTest {
  static final String NEXT_WHY = "the server says the treaty comes first today";
  static final String OPEN_TREATY = "The test double says the peace treaty may be taken now.";
  static final String NOT_COUNTED = "The test double does not count it.";
  /** What the double says of a word it does not know, and the step it says was meant: no speller would pick it. */
  static final String SPELT = "the test double reads this word as the peace treaty.";
  static final String MEANT = "peace-treaty";

  static Api api;
  static Javalin proxy;
  static ChromeDriver browser;
  static WebDriverWait wait;

  @BeforeAll
  static void start(@TempDir Path profile) {
    browser = Chromium.start(profile, null);
    wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    api = new Api(Bundled.ruleSets());
    proxy = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.staticFiles.add("/web", Location.CLASSPATH);
      config.staticFiles.enableWebjars();
      config.routes.get("/v1/{path}", ctx -> forward(ctx, HttpRequest.newBuilder(api.uri(ctx.path()
          + (ctx.queryString() == null ? "" : "?" + ctx.queryString()))).GET().build()));
      config.routes.get("/v1/rulesets/{name}/changes", ctx -> forward(ctx, HttpRequest.newBuilder(api.uri(ctx.path())).GET().build()));
      config.routes.post("/v1/{path}", ctx -> forward(ctx, HttpRequest.newBuilder(api.uri(ctx.path()))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(ctx.body())).build()));
    }).start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (proxy != null) {
      proxy.stop();
    }
    if (api != null) {
      api.close();
    }
  }

  /** Sends the page's request to the real server, and its answer back, said otherwise by the double. */
  static void forward(Context ctx, HttpRequest request) throws Exception {
    Api.Reply reply = api.send(request);
    ctx.status(reply.status()).contentType("application/json");
    if (reply.status() != 200 && reply.json() != null && reply.json().has("details")) {
      // "did you mean", said otherwise: the suggestion for an unknown step is one no speller would make
      JsonNode refusal = reply.json().deepCopy();
      refusal.path("details").forEach(d -> {
        if (d.path("code").asText().equals("unknown_step")) {
          ((ObjectNode) d).put("message", SPELT).put("suggestion", MEANT);
        }
      });
      ctx.result(Json.MAPPER.writeValueAsString(refusal));
      return;
    }
    if (reply.status() != 200 || reply.json() == null) {
      ctx.result(reply.text());
      return;
    }
    JsonNode answer = reply.json().deepCopy();
    switch (ctx.path()) {
      case "/v1/evaluate" -> contradict((ObjectNode) answer);
      case "/v1/compare" -> answer.path("decisions").forEach(d -> contradict((ObjectNode) d));
      case "/v1/steps" -> {
        ((ArrayNode) answer.path("vocabulary").path("parties")).add("EU");
        // and who takes the declaration when a record does not say: the EU too, which no page would guess
        answer.path("steps").forEach(step -> {
          if (step.path("id").asText().equals("peace-declaration")) {
            ((ArrayNode) step.path("defaultParties")).add("EU");
          }
        });
      }
      default -> { }
    }
    ctx.result(Json.MAPPER.writeValueAsString(answer));
  }

  /** The peace treaty open, the records in the reverse of their date order, the first record not counted. */
  static void contradict(ObjectNode decision) {
    // what to do next: a dismantlement (which may be taken any number of times) taken "again", and the
    // first other open step mended as record 2, which is not a record of it
    String mended = null;
    for (JsonNode open : decision.path("unlocked")) {
      if (mended == null && !open.path("id").asText().equals("dismantlement")) {
        mended = open.path("id").asText();
      }
    }
    for (JsonNode step : decision.path("steps")) {
      if (step.path("id").asText().equals("dismantlement")) {
        ((ObjectNode) step).putObject("next").put("action", "take-again");
      } else if (step.path("id").asText().equals(mended)) {
        ((ObjectNode) step).putObject("next").put("action", "mend").put("record", 1);
      }
    }
    // the next move with no goal: the treaty, for a reason no client would give
    decision.putObject("nextMove").put("why", NEXT_WHY).putArray("steps").add("peace-treaty");
    for (JsonNode step : decision.path("steps")) {
      if (step.path("id").asText().equals("peace-treaty")) {
        ((ObjectNode) step).put("status", "unlocked").put("why", OPEN_TREATY);
      }
    }
    ArrayNode records = (ArrayNode) decision.path("records");
    int n = records.size();
    for (JsonNode record : records) {
      ObjectNode r = (ObjectNode) record;
      if (r.has("order")) {
        r.put("order", n - 1 - r.path("order").asInt());
      }
      if (r.path("index").asInt() == 0) {
        r.put("verdict", "not-counted").put("why", NOT_COUNTED);
      }
    }
  }

  @Test
  void the_graph_the_timeline_and_the_parties_show_what_the_server_says_even_against_every_rule_of_the_page() {
    browser.get("http://127.0.0.1:" + proxy.port()
        + "/?ruleset=sigal&done=peace-declaration,dismantlement&record=peace-declaration:d=2027-03-01,dismantlement:d=2027-05");
    wait.until(d -> "1".equals(browser.executeScript(
        "return document.body.dataset.settled >= 1 && !document.body.dataset.busy ? '1' : '0'")));

    // the status: the graph paints the treaty open, because the server says so
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#graph g.node.unlocked[data-step='peace-treaty']")));
    browser.executeScript("document.querySelector(\"#graph g.node[data-step='peace-treaty']\")"
        + ".dispatchEvent(new MouseEvent('click', {bubbles: true}));");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("graph-why"), "may be taken now"));

    // the order: the server's, against the dates; each record keeps its number
    @SuppressWarnings("unchecked")
    List<String> shown = (List<String>) browser.executeScript("return [...document.querySelectorAll('#timeline li.record')]"
        + ".map(li => li.querySelector('.record-number').textContent + ' ' + li.dataset.step);");
    assertEquals(List.of("2 dismantlement", "1 peace-declaration"), shown);

    // the verdict: the server's, in its words
    String verdict = browser.findElement(By.cssSelector("#timeline li.record[data-index='0'] .verdict")).getText();
    assertEquals(NOT_COUNTED, verdict);

    // what to do next: as the server says, against whether the step may be taken again or has a record
    assertEquals("Mark taken again", browser.findElement(By.cssSelector("#unlocked li[data-step='dismantlement'] button")).getText());
    assertEquals("Edit record 2", browser.findElement(By.cssSelector("#unlocked li.step-item:not([data-step='dismantlement'])"
        + " button")).getText());

    // the next move, with no goal chosen: the server's, in its words
    String next = browser.findElement(By.id("next-move")).getText();
    assertTrue(next.contains("Peace treaty") && next.contains(NEXT_WHY), next);

    // the vocabulary: a party the catalog does not have is offered, because the server names it
    assertEquals(2, browser.findElements(By.cssSelector("#timeline input[type=checkbox][value='EU']")).size());
    // and who takes a step when the record does not say: the server's catalog, not a rule of the page's
    assertTrue(browser.findElement(By.cssSelector("#timeline li.record[data-step='peace-declaration']"
        + " input[type=checkbox][value='EU']")).isSelected(), "the declaration's default parties, as the catalog says");
    assertFalse(browser.findElement(By.cssSelector("#timeline li.record[data-step='dismantlement']"
        + " input[type=checkbox][value='EU']")).isSelected());
  }

  @Test
  void a_shared_link_with_a_misspelt_step_is_mended_as_the_server_says_not_as_the_page_would_guess() {
    browser.get("http://127.0.0.1:" + proxy.port() + "/?ruleset=sigal&done=peace-declartion");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status-text"), "This link was not opened"));
    String said = browser.findElement(By.id("status-text")).getText();
    assertTrue(said.contains("\u201cdone\u201d, its first item (\u201cpeace-declartion\u201d): the server says " + SPELT), said);
    assertFalse(said.contains("peace-declaration"), "no guess of the page's own: " + said);

    browser.findElement(By.id("fix-link")).click();
    wait.until(d -> browser.getCurrentUrl().contains("done=" + MEANT));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#timeline li.record[data-step='" + MEANT + "']")));
  }
}
