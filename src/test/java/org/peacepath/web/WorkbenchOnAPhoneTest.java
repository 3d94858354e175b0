package org.peacepath.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

/** The fifth walk: the workbench on a phone, a Chromium emulating a 390 × 844 screen (Selenium's mobileEmulation). */
class WorkbenchOnAPhoneTest {
  static Api api;
  static ChromeDriver browser;
  static WebDriverWait wait;

  @BeforeAll
  static void start(@TempDir Path profile) {
    browser = Chromium.start(profile, Map.of("deviceMetrics", Map.of("width", 390, "height", 844, "pixelRatio", 2.0, "touch", true)));
    api = new Api(Bundled.ruleSets());
    wait = new WebDriverWait(browser, Duration.ofSeconds(15));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (api != null) {
      api.close();
    }
  }

  static Object js(String script) {
    return browser.executeScript(script);
  }

  static void open(String link) {
    browser.get(api.uri(link).toString());
    wait.until(d -> "1".equals(js("return document.body.dataset.settled >= 1 && !document.body.dataset.busy ? '1' : '0'")));
  }

  @SuppressWarnings("unchecked")
  static List<String> timeline() {
    return (List<String>) js("return [...document.querySelectorAll('#timeline li.record')].map(li => li.dataset.step"
        + " + (li.querySelector('input.date').value ? '@' + li.querySelector('input.date').value : ''));");
  }

  @Test
  void the_answer_comes_first_nothing_scrolls_sideways_and_a_step_is_taken_with_a_tap() {
    open("/?ruleset=denuclearization-first&done=peace-declaration,dismantlement&goal=peace-treaty"
        + "&record=dismantlement:f=Yongbyon%2520reactor:d=2027-05");
    @SuppressWarnings("unchecked")
    Map<String, Object> at = (Map<String, Object>) js(
        "const r = (s) => document.querySelector(s).getBoundingClientRect();"
            + "const wider = [...document.querySelectorAll('body *')].filter(e => e.getClientRects().length"
            + "  && !e.closest('.table-scroll') && e.getBoundingClientRect().right > innerWidth + 1).map(e => e.id || e.tagName);"
            + "return { width: innerWidth, scroll: document.documentElement.scrollWidth, wider: wider.slice(0, 5),"
            + " answer: r('#answer').top, unlocked: r('#unlocked li').top, plan: r('#plan-panel').top, record: r('#record-panel').top,"
            + " select: r('#ruleset').right };");
    assertEquals(390L, at.get("width"));
    assertTrue(((Number) at.get("scroll")).intValue() <= 390, "the page scrolls sideways: " + at);
    assertEquals(List.of(), at.get("wider"));
    assertTrue(((Number) at.get("select")).doubleValue() <= 390, "the doctrine select fits: " + at);
    assertTrue(((Number) at.get("unlocked")).doubleValue() < 844, "the answer starts on the first screen: " + at);
    assertTrue(((Number) at.get("answer")).doubleValue() < ((Number) at.get("plan")).doubleValue()
        && ((Number) at.get("plan")).doubleValue() < ((Number) at.get("record")).doubleValue(), "answer, plan, record: " + at);

    browser.findElement(By.cssSelector("#unlocked li[data-step='joint-fishing-area'] button.take")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.id("take-undated"))).click();
    wait.until(d -> timeline().size() == 3);
    assertEquals(List.of("peace-declaration", "dismantlement@2027-05", "joint-fishing-area"), timeline());
    assertTrue(((Number) js("return document.documentElement.scrollWidth")).intValue() <= 390);
  }

  /** Every control a finger can reach is at least 24 × 24 CSS pixels (WCAG 2.2, target size minimum). */
  @Test
  void every_tap_target_is_at_least_24_pixels() {
    open("/?ruleset=sigal&done=peace-declaration,dismantlement,peace-mechanism&goal=peace-treaty&record=peace-mechanism:s=suspended");
    js("document.querySelectorAll('details').forEach(d => d.open = true);");
    @SuppressWarnings("unchecked")
    List<String> small = (List<String>) js("return [...document.querySelectorAll('main button, main summary, main select,"
        + " main input[type=text], main label.party, main label.file-button, header button, header select')]"
        + ".filter(e => e.getClientRects().length).map(e => [e, e.getBoundingClientRect()])"
        + ".filter(([e, r]) => r.width < 24 || r.height < 24)"
        + ".map(([e, r]) => (e.id || e.className || e.tagName) + ' ' + e.textContent.trim().slice(0, 20) + ' '"
        + " + Math.round(r.width) + 'x' + Math.round(r.height)).slice(0, 10);");
    assertEquals(List.of(), small);
  }

  /** The compare table as cards, its words whole; the graph as a list that fits; "Briefing" on the download button. */
  @Test
  void the_comparison_is_cards_the_graph_a_list_and_the_briefing_button_says_briefing() {
    open("/?ruleset=sigal&done=peace-declaration&goal=peace-treaty");
    wait.until(d -> ((Number) js("return document.querySelectorAll('#graph-list li').length")).intValue() > 0);
    @SuppressWarnings("unchecked")
    Map<String, Object> at = (Map<String, Object>) js(
        "const row = document.querySelector('#compare tbody tr');"
            + "const cells = [...row.children].map(c => c.getBoundingClientRect());"
            + "const list = document.getElementById('graph-list').getBoundingClientRect();"
            + "return { stacked: cells.every((c, i) => i === 0 || c.top >= cells[i - 1].bottom - 1),"
            + " broken: [...document.querySelectorAll('#compare td, #compare th')].filter(c => {"
            + "   const words = c.textContent.split(/\\s+/).filter(Boolean); const range = document.createRange();"
            + "   return words.length === 1 && c.getClientRects().length && (range.selectNodeContents(c), range.getClientRects().length > 1); }).length,"
            + " listRight: list.right, listItems: document.querySelectorAll('#graph-list li').length,"
            + " drawing: getComputedStyle(document.getElementById('graph')).display,"
            + " download: document.getElementById('download-briefing').innerText };");
    assertEquals(Boolean.TRUE, at.get("stacked"), "a row of the comparison is a card, its cells one under another: " + at);
    assertEquals(0L, at.get("broken"), "no word of the comparison is split: " + at);
    assertTrue(((Number) at.get("listRight")).doubleValue() <= 390, "the graph's list fits the screen: " + at);
    assertEquals(19L, at.get("listItems"), "every step in the list: " + at);
    assertEquals("none", at.get("drawing"), "the drawing, too wide for a phone, gives way to the list");
    assertTrue(String.valueOf(at.get("download")).contains("Briefing") || String.valueOf(at.get("download")).contains("briefing"), at.toString());

    // a step chosen in the list says why it stands where it does
    browser.findElement(By.cssSelector("#graph-list li[data-step='peace-treaty'] button")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("graph-why"), "Peace treaty"));
    assertEquals(List.of(), Chromium.seriousViolations(browser), "axe-core on the phone");
  }
}
