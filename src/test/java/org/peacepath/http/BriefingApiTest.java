package org.peacepath.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.peacepath.Bundled;
import org.peacepath.brief.Briefing;
import org.peacepath.decide.Advice;
import org.peacepath.decide.Evaluator;
import org.peacepath.decide.RecordedStep;
import org.peacepath.plan.Planner;
import org.peacepath.rules.RuleSet;

/** One briefing renderer: the page's Markdown says what evaluate --text and plan --text say. */
class BriefingApiTest {
  @org.junit.jupiter.api.extension.RegisterExtension
  static final ServerExtension SERVER = ServerExtension.bundled();

  static Api api;

  @BeforeAll
  static void start() {
    api = SERVER.api();
  }

  @Test
  void the_briefing_is_markdown_with_the_decision_and_the_road_to_the_goal() {
    Api.Reply reply = api.post("/v1/briefing", "{\"completed\": [{\"step\": \"peace-declaration\"}, "
        + "{\"step\": \"dismantlement\"}], \"goal\": \"peace-treaty\"}");

    assertEquals(200, reply.status(), reply.text());
    assertTrue(reply.contentType().startsWith("text/markdown"), reply.contentType());
    String text = reply.text();
    assertTrue(text.startsWith("# Briefing\n\nDecided under sigal (revision "), text);
    assertTrue(text.contains("\n## May be taken now\n\n- Peace mechanism, by US, DPRK and ROK."), text);
    assertTrue(text.contains("\n## Only together\n\n- Missile restraint and Satellite launch services, taken together"), text);
    assertTrue(text.contains("\n## Plan\n\nThe shortest road to peace-treaty under sigal, following advice, takes 8 steps:\n\n"
        + "1. Peace mechanism (peace-mechanism): US, DPRK, ROK — "), text);
    assertTrue(text.contains("(there on advice: treaty-after-process)"), text);
  }

  @Test
  void the_markdown_says_in_the_same_words_what_the_command_line_text_says() {
    RuleSet sigal = Bundled.ruleSets().get("sigal").orElseThrow();
    var record = java.util.List.of(RecordedStep.of("peace-declaration"));
    String markdown = api.post("/v1/briefing", "{\"completed\": [{\"step\": \"peace-declaration\"}], "
        + "\"goal\": \"denuclearization\", \"advice\": \"ignore\"}").text();
    String decision = Briefing.decision(Evaluator.evaluate(sigal, record, true), sigal.catalog(), Briefing.Style.TEXT);
    String plan = Briefing.plan(new Planner(sigal).plan(record, "denuclearization", Advice.IGNORE), sigal.catalog(),
        Briefing.Style.TEXT);

    for (String line : (decision + "\n" + plan).split("\n")) {
      String said = line.strip().replaceFirst("^- ", "").replaceFirst(":$", "").replaceFirst("^\\d+\\. ", "");
      if (!said.isEmpty()) {
        assertTrue(markdown.contains(said), "the Markdown says \"" + said + "\":\n" + markdown);
      }
    }
  }

  @Test
  void a_misspelt_goal_is_a_bad_request_naming_the_field() {
    Api.Reply reply = api.post("/v1/briefing", "{\"completed\": [], \"goal\": \"peace-traety\"}");

    assertEquals(400, reply.status());
    assertEquals("goal", reply.json().at("/details/0/field").asText());
    assertEquals("peace-treaty", reply.json().at("/details/0/suggestion").asText());
  }
}
