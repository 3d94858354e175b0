package org.peacepath.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peacepath.BundledRoads;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.PrintsPage;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.print.PageSize;
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.peacepath.Bundled;
import org.peacepath.decide.DecisionService;
import org.peacepath.http.Api;
import org.peacepath.http.ApiServer;
import org.peacepath.http.ServerOptions;
import org.peacepath.ops.Metrics;

/**
 * The workbench in a real browser: Debian's headless Chromium, driven by Selenium through
 * /usr/bin/chromedriver. Skipped, and said so, where that browser is not installed; .ci/run installs it.
 *
 * <p>Each interaction is timed in the browser, from just before the action until the page has drawn the
 * server's answer ({@code performance.now()} around it); the figures are printed at the end, not asserted.
 */
class WorkbenchBrowserTest {
  static Api api;
  static WebDriver browser;
  static WebDriverWait wait;
  static final Map<String, List<Double>> TIMINGS = new LinkedHashMap<>();

  @BeforeAll
  static void start(@TempDir Path profile) {
    browser = Chromium.start(profile, null);
    api = new Api(Bundled.ruleSets());
    wait = new WebDriverWait(browser, Duration.ofSeconds(15));
  }

  @AfterAll
  static void stop() {
    if (!TIMINGS.isEmpty()) {
      StringBuilder table = new StringBuilder("\nWorkbench interactions, measured in the browser against the local server"
          + " (ms from the action until the page has drawn the answer):\n");
      table.append(String.format("  %-58s %5s %8s %8s %8s%n", "interaction", "n", "median", "max", "mean"));
      TIMINGS.forEach((what, list) -> {
        List<Double> sorted = list.stream().sorted().toList();
        double median = sorted.get(sorted.size() / 2);
        double max = sorted.get(sorted.size() - 1);
        double mean = list.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        table.append(String.format("  %-58s %5d %8.0f %8.0f %8.0f%n", what, list.size(), median, max, mean));
      });
      List<Double> all = TIMINGS.entrySet().stream().filter(e -> !e.getKey().startsWith("First answer"))
          .flatMap(e -> e.getValue().stream()).sorted().toList();
      if (!all.isEmpty()) {
        table.append(String.format("  %-58s %5d %8.0f %8.0f%n", "all interactions (not the first answer)", all.size(),
            all.get(all.size() / 2), all.get(all.size() - 1)));
      }
      System.out.println(table);
    }
    if (browser != null) {
      browser.quit();
    }
    if (api != null) {
      api.close();
    }
  }

  @BeforeEach
  void openAFreshPage() {
    open(api.uri("/").toString());
  }

  @AfterEach
  void restoreTheScreen() {
    chrome().executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    chrome().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
  }

  // ---- helpers ------------------------------------------------------------------------------

  static ChromeDriver chrome() {
    return (ChromeDriver) browser;
  }

  static Object js(String script, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(script, args);
  }

  /** Opens a page and waits until it has drawn its first answer. */
  static void open(String url) {
    browser.get(url);
    wait.until(d -> "1".equals(js("return document.body.dataset.settled >= 1 && !document.body.dataset.busy ? '1' : '0'")));
    Object first = js("return document.body.dataset.firstAnswer");
    if (first != null) {
      TIMINGS.computeIfAbsent("First answer, from the start of the page's load", k -> new ArrayList<>())
          .add(Double.parseDouble(first.toString()));
    }
  }

  /**
   * Runs a user's action and returns how long the page took, measured in the browser with
   * performance.now() from just before the action until the page has drawn the server's answer.
   */
  static double timed(String what, Runnable action) {
    js("window.__timing = new Promise((resolve) => { const t0 = performance.now();"
        + " document.addEventListener('peacepath:settled', () => requestAnimationFrame(() =>"
        + " setTimeout(() => resolve(performance.now() - t0), 0)), { once: true }); });");
    action.run();
    Object ms = ((JavascriptExecutor) browser).executeAsyncScript(
        "window.__timing.then(arguments[arguments.length - 1]);");
    double value = ((Number) ms).doubleValue();
    TIMINGS.computeIfAbsent(what, k -> new ArrayList<>()).add(value);
    assertEquals(List.of(), js(AGREE), "after \u201c" + what + "\u201d the graph, the answer and the comparison disagree");
    return value;
  }

  /**
   * Where the graph, the answer's lists and the comparison's column for the doctrine in use say a step
   * stands otherwise than one another: each step's painted box, its place under "May be taken now" or
   * "Blocked", and its cell in the comparison must all give the one status.
   */
  static final String AGREE = """
      const out = [];
      const ruleset = document.getElementById('ruleset').value;
      const column = [...document.querySelectorAll('#compare thead th')].findIndex(th => th.dataset.ruleset === ruleset);
      for (const g of document.querySelectorAll('#graph g.node')) {
        const id = g.dataset.step;
        const painted = ['completed', 'unlocked', 'blocked'].find(c => g.classList.contains(c));
        const listed = document.querySelector(`#unlocked li[data-step="${id}"]`) ? 'unlocked'
          : document.querySelector(`#blocked li[data-step="${id}"]`) ? 'blocked' : 'completed';
        if (painted !== listed) out.push(`${id}: the graph says ${painted}, the answer ${listed}`);
        const row = document.querySelector(`#compare tbody tr[data-step="${id}"]`);
        if (row && column > 0) {
          const cell = row.children[column];
          const said = ['completed', 'unlocked', 'blocked'].find(c => cell.classList.contains(c));
          if (said !== painted) out.push(`${id}: the graph says ${painted}, the comparison ${said}`);
        }
      }
      return out;
      """;

  static WebElement blocked(String step) {
    return wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#blocked li[data-step='" + step + "']")));
  }

  static WebElement ruleGroup(String ruleId) {
    return wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#blocked .rule-group[data-rule='" + ruleId + "']")));
  }

  static void awaitUnlocked(String step) {
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#unlocked li[data-step='" + step + "']")));
  }

  /** Marks a step taken from the answer, leaving its date out at the prompt. */
  static void take(String step) {
    browser.findElement(By.cssSelector("#unlocked li[data-step='" + step + "'] button.take")).click();
    undated("Mark taken");
  }

  /** Answers the prompt of a step being taken: without a date. */
  static void undated(String what) {
    WebElement skip = wait.until(ExpectedConditions.elementToBeClickable(By.id("take-undated")));
    timed(what, skip::click);
  }

  /** Answers the prompt of a step being taken with a date (and a facility, where one is asked), timing the answer. */
  static void dated(String what, String date, String facility) {
    WebElement field = wait.until(ExpectedConditions.elementToBeClickable(By.id("take-date")));
    field.sendKeys(Keys.chord(Keys.CONTROL, "a"), date);
    if (facility != null) {
      browser.findElement(By.cssSelector("#take-facilities input")).sendKeys(facility);
    }
    timed(what, () -> browser.findElement(By.id("take-confirm")).click());
  }

  /** The notices of the answer, opened, as text. */
  static String notices() {
    js("document.getElementById('notices').open = true;");
    return text("notices");
  }

  /** The steps of the plan on screen, read in one go so that a redraw cannot come between. */
  @SuppressWarnings("unchecked")
  static List<String> planSteps() {
    return (List<String>) js("return [...document.querySelectorAll('#plan li')].map(li => li.dataset.step);");
  }

  /** The records of the timeline, in order, as "step" or "step@date". */
  @SuppressWarnings("unchecked")
  static List<String> timeline() {
    return (List<String>) js("return [...document.querySelectorAll('#timeline li.record')].map(li => li.dataset.step"
        + " + (li.querySelector('input.date').value ? '@' + li.querySelector('input.date').value : ''));");
  }

  /** Record n (its number, which is its place in the request and which it keeps), wherever the timeline shows it. */
  static WebElement record(int n) {
    return browser.findElement(By.cssSelector("#timeline li.record[data-index='" + (n - 1) + "']"));
  }

  /** Types into a field of the n-th record and leaves it, as a user does, timing the answer. */
  static void typeInto(int n, String field, String text, String what) {
    WebElement input = record(n).findElement(By.cssSelector("input[id^='" + field + "-']"));
    timed(what, () -> input.sendKeys(Keys.chord(Keys.CONTROL, "a"), text, Keys.TAB));
  }

  static void chooseGoal(String goal) {
    timed("Choose a goal", () -> new Select(browser.findElement(By.id("goal"))).selectByValue(goal));
  }

  static void chooseDoctrine(String name) {
    timed("Switch the doctrine", () -> new Select(browser.findElement(By.id("ruleset"))).selectByValue(name));
  }

  static void planBy(String advice) {
    timed("Switch the plan between advice and firm rules", () ->
        browser.findElement(By.cssSelector("label[for='advice-" + advice + "']")).click());
  }

  static String text(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static Javalin serve(int port) {
    return ApiServer.create(new DecisionService(Bundled.ruleSets()),
        ServerOptions.defaults(new Metrics(Bundled.ruleSets()))).start("127.0.0.1", port);
  }

  // ---- a negotiator's tasks -------------------------------------------------------------------

  @Test
  void a_negotiator_walks_from_the_declaration_to_the_plan_for_a_treaty_and_compares_doctrines() {
    assertTrue(browser.getTitle().contains("peacepath"));
    WebElement brief = ruleGroup("mechanism-after-declaration");
    assertTrue(brief.getText().startsWith("The peace mechanism comes after the peace declaration hedged \u00b7 firm by the design brief"),
        "the text hedges, the design brief makes it firm, and the page says both: " + brief.getText());

    take("peace-declaration");
    WebElement reciprocity = ruleGroup("reciprocity");
    wait.until(ExpectedConditions.textToBePresentInElement(reciprocity, "Interim agreements signed so far: 1"));
    WebElement mechanism = blocked("peace-mechanism");
    assertTrue(mechanism.getText().contains("still needs Dismantlement of a nuclear or missile facility"), mechanism.getText());
    assertTrue(reciprocity.getText().startsWith(
        "Each interim agreement is reciprocated with a dismantlement before the next is signed stated"), reciprocity.getText());

    take("dismantlement");
    awaitUnlocked("peace-mechanism");
    WebElement treaty = blocked("peace-treaty");
    assertTrue(treaty.getText().contains("Advised first: Peace mechanism hedged"), treaty.getText());

    // The roads are read from the rule sets' roads scenarios, where an edit that changes them is mended.
    List<String> sigalRoad = road("sigal", BundledRoads.FROM_DECLARATION, "follow");
    List<String> denuclearizationRoad = road("denuclearization-first", BundledRoads.FROM_DECLARATION, "follow");
    chooseGoal("peace-treaty");
    wait.until(d -> planSteps().size() == sigalRoad.size());
    assertEquals(sigalRoad, planSteps());
    assertTrue(text("plan-summary").startsWith(sigalRoad.size() + " steps to Peace treaty, following advice"));

    chooseDoctrine("denuclearization-first");
    wait.until(d -> planSteps().equals(denuclearizationRoad));
    assertTrue(browser.findElement(By.cssSelector("#compare tr[data-step='peace-mechanism']")).getText()
        .contains("blocked"));
    WebElement road = browser.findElement(By.cssSelector("#compare tr[data-road='peace-treaty']"));
    assertEquals("Road to Peace treaty " + sigalRoad.size() + " steps " + denuclearizationRoad.size() + " steps "
        + road("treaty-first", BundledRoads.FROM_DECLARATION, "follow").size() + " steps", road.getText().replace('\n', ' '));
    // doctrines are named by their titles, and the one in use says what it holds
    String heads = browser.findElement(By.cssSelector("#compare thead")).getText();
    assertTrue(heads.contains("Sigal's proposal (2013)") && heads.contains("Treaty first (DPRK Foreign Ministry, 2010)"), heads);
    assertTrue(text("doctrine-summary").startsWith("Denuclearization first (US demand, 2012): The DPRK takes unilateral steps first"),
        text("doctrine-summary"));
    assertEquals("Denuclearization first (US demand, 2012)",
        new Select(browser.findElement(By.id("ruleset"))).getFirstSelectedOption().getText());
  }

  @Test
  void a_negotiation_can_be_walked_from_an_empty_state_to_the_treaty_by_following_the_plan() {
    chooseGoal("peace-treaty");
    wait.until(d -> planSteps().size() == 10);
    for (int remaining = 10; remaining > 0; remaining--) {
      String next = planSteps().get(0);
      take(next);
      int left = remaining - 1;
      wait.until(d -> planSteps().size() == left);
    }

    wait.until(ExpectedConditions.textToBe(By.id("plan-summary"), "Peace treaty has been reached."));
    assertEquals(List.of("peace-declaration", "dismantlement", "peace-mechanism", "dismantlement", "four-party-talks",
        "normalization", "border-rectification", "artillery-redeployment", "force-posture-changes", "peace-treaty"), timeline());
    awaitUnlocked("treaty-endorsement");
  }

  @Test
  void the_revision_serving_and_a_refused_edit_are_shown(@TempDir Path dir) throws Exception {
    org.peacepath.RulesCopy.of(dir);
    org.peacepath.rules.RuleSets ruleSets = org.peacepath.rules.RuleSets.load(dir);
    String revision = ruleSets.get("sigal").orElseThrow().revision();
    org.peacepath.RulesCopy.write(dir, "sigal/reciprocity.drl", "package peacepath;\nrule \"Unfinished\"\nwhen\n");
    ruleSets.reload();
    try (Api edited = new Api(ruleSets)) {
      browser.get(edited.uri("/").toString());

      WebElement banner = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reload-error")));
      assertTrue(banner.getText().contains("The last edit of the rules of Sigal's proposal (2013) was refused"), banner.getText());
      assertTrue(banner.getText().contains("sigal/reciprocity.drl:"), banner.getText());
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("doctrine-summary"), "Revision " + revision));
    }
  }

  /** The road to the peace treaty that a rule set's roads scenario names, step by step. */
  static List<String> road(String ruleset, String scenario, String advice) {
    return BundledRoads.steps(BundledRoads.road(ruleset, scenario, "peace-treaty", advice));
  }

  @Test
  void the_doctrine_panel_says_what_the_last_edit_changed(@TempDir Path dir) throws Exception {
    org.peacepath.RulesCopy.of(dir);
    org.peacepath.rules.RuleSets ruleSets = org.peacepath.rules.RuleSets.load(dir);
    String first = ruleSets.get("sigal").orElseThrow().revision();
    try (Api edited = new Api(ruleSets)) {
      browser.get(edited.uri("/").toString());
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("doctrine-summary"), "Revision " + first));
      assertFalse(browser.findElement(By.id("doctrine-changes")).isDisplayed(), "no edit yet, nothing to say");

      // Reword the reason of reciprocity, while the page is open.
      Path file = dir.resolve("sigal/reciprocity.drl");
      String text = Files.readString(file);
      int at = text.indexOf("Interim agreements signed so far", text.indexOf("@id(\"reciprocity\")"));
      Files.writeString(file, text.substring(0, at) + "Agreements signed so far"
          + text.substring(at + "Interim agreements signed so far".length()));
      String second = ruleSets.reload().get("sigal").revision();

      WebDriverWait patient = new WebDriverWait(browser, Duration.ofSeconds(120));
      patient.until(ExpectedConditions.textToBePresentInElementLocated(By.id("doctrine-changes"), "records now decide"));
      String said = text("doctrine-changes");
      assertTrue(said.startsWith("Revision " + second + ", "), said);
      assertTrue(said.contains(": 753,664 of 1,179,648 records now decide differently from revision " + first
          + "; the smallest: Peace declaration, where what is said of Peace mechanism changes (reciprocity) and what is "
          + "said of Further interim peace agreement changes (reciprocity)."), said);
    }
  }

  @Test
  void the_doctrine_panel_names_a_new_package_the_last_edit_made(@TempDir Path dir) throws Exception {
    org.peacepath.RulesCopy.of(dir);
    org.peacepath.rules.RuleSets ruleSets = org.peacepath.rules.RuleSets.load(dir);
    try (Api edited = new Api(ruleSets)) {
      browser.get(edited.uri("/").toString());
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("doctrine-summary"), "Revision "));

      // A row by which normalization waits for the treaty, which already waits for normalization.
      Path table = dir.resolve("sigal/denuclearization.rules.csv");
      Files.writeString(table, Files.readString(table) + org.peacepath.plan.CyclesTest.NORMALIZATION_AFTER_TREATY);
      assertEquals(org.peacepath.rules.ReloadOutcome.Result.LOADED, ruleSets.reload().get("sigal").result());

      WebDriverWait patient = new WebDriverWait(browser, Duration.ofSeconds(120));
      patient.until(ExpectedConditions.textToBePresentInElementLocated(By.id("doctrine-changes"), "New package"));
      String said = text("doctrine-changes");
      assertTrue(said.contains("records now decide differently"), said);
      assertTrue(said.contains(" New package: normalization and peace-treaty wait for each other:"
          + " normalization-after-treaty (sigal/denuclearization.rules.csv:3) says normalization needs peace-treaty;"), said);
      assertTrue(said.endsWith("Under sigal they can only be taken together, as a package."), said);
    }
  }

  @Test
  void the_graph_tells_completed_unlocked_and_blocked_steps_apart() {
    take("peace-declaration");
    wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#graph g.node.completed[data-step='peace-declaration']")));

    assertEquals(1, browser.findElements(By.cssSelector("#graph g.node.unlocked[data-step='dismantlement']")).size());
    assertEquals(1, browser.findElements(By.cssSelector("#graph g.node.blocked[data-step='peace-treaty']")).size());
    assertTrue(browser.findElements(By.cssSelector("#graph g.edge")).size() >= 25);
    assertTrue(browser.findElements(By.cssSelector("#graph g.edge.advice")).size() > 0, "advice is drawn dashed");
    assertEquals(1, browser.findElements(By.cssSelector("#graph g.edge.together")).size(), "a package is one two-headed edge");
  }

  @Test
  void a_step_of_the_graph_says_why_it_stands_where_it_does_by_keyboard_and_by_click() {
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#graph g.node[data-step='peace-treaty']")));
    // from the keyboard: the skip link to the graph, then Tab, the arrow keys and Enter
    js("document.activeElement.blur(); window.scrollTo(0, 0);");
    new Actions(browser).sendKeys(Keys.TAB, Keys.TAB, Keys.TAB, Keys.TAB, Keys.TAB).perform();
    assertEquals("Skip to the graph", js("return document.activeElement.textContent"));
    new Actions(browser).sendKeys(Keys.ENTER).sendKeys(Keys.TAB).perform();
    assertTrue(Boolean.TRUE.equals(js("return document.activeElement.matches('#graph g.node')")), "Tab lands on a box of the graph");
    assertEquals(0.0, ((Number) js("const x = (g) => g.getBoundingClientRect().left;"
        + "return x(document.activeElement) - Math.min(...[...document.querySelectorAll('#graph g.node')].map(x));")).doubleValue(), 1.0,
        "the first box is the drawing's first, at its left edge");
    // the arrow keys follow the drawing: right goes to a box to the right and left back; down to a box below and up back
    for (Keys key : List.of(Keys.ARROW_RIGHT, Keys.ARROW_LEFT, Keys.ARROW_DOWN, Keys.ARROW_UP)) {
      @SuppressWarnings("unchecked")
      Map<String, Object> before = (Map<String, Object>) js(CENTRE);
      new Actions(browser).sendKeys(key).perform();
      @SuppressWarnings("unchecked")
      Map<String, Object> after = (Map<String, Object>) js(CENTRE);
      double dx = ((Number) after.get("x")).doubleValue() - ((Number) before.get("x")).doubleValue();
      double dy = ((Number) after.get("y")).doubleValue() - ((Number) before.get("y")).doubleValue();
      boolean moved = switch (key) {
        case ARROW_RIGHT -> dx > 1;
        case ARROW_LEFT -> dx < -1;
        case ARROW_DOWN -> dy > 1;
        default -> dy < -1;
      };
      assertTrue(moved, key.name() + " from " + before + " to " + after);
    }
    String chosen = (String) js("return document.activeElement.dataset.step");
    new Actions(browser).sendKeys(Keys.ENTER).perform();
    wait.until(d -> Boolean.TRUE.equals(js("return document.querySelector(\"#graph g.node.selected[data-step='" + chosen + "']\") !== null")));
    mechanism();

    // by a click, drawn at once from the answer already on screen
    double clicked = ((Number) ((JavascriptExecutor) browser).executeScript(
        "const t0 = performance.now();"
            + "document.querySelector(\"#graph g.node[data-step='peace-treaty']\").dispatchEvent(new MouseEvent('click', {bubbles: true}));"
            + "return performance.now() - t0;")).doubleValue();
    TIMINGS.computeIfAbsent("Choose a step in the graph (no server)", k -> new ArrayList<>()).add(clicked);
    WebElement why = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("graph-why")));
    assertTrue(why.getText().startsWith("Peace treaty blocked"), why.getText());
    assertTrue(why.getText().contains("Normalization of relations, Rectification of land and sea borders,"
        + " Artillery redeployed out of range of Seoul and Changes in force postures and war plans \u2014 firm rule"
        + " \u201cThe peace treaty needs normal relations"), why.getText());
    assertTrue(why.getText().contains("Four-party peace talks \u2014 firm rule \u201cThe peace treaty is negotiated by the four"),
        why.getText());
    assertTrue(why.getText().contains("stated \u00b7 firm by the design brief"), "the brief's rule says what makes it firm: "
        + why.getText());
    assertTrue(why.getText().contains("Peace mechanism \u2014 advice \u201cThe peace treaty is best prepared by a peace process\u201d"),
        why.getText());
    assertTrue(why.getText().contains("It comes before:\nEndorsement of the treaty by Japan or Russia \u2014 firm rule"), why.getText());
    assertTrue(why.getText().contains("It still needs Four-party peace talks"), why.getText());
    assertEquals(1, browser.findElements(By.cssSelector("#graph g.node.selected[data-step='peace-treaty']")).size());
  }

  /** The centre of the focused box of the graph, as drawn. */
  static final String CENTRE = "const r = document.activeElement.getBoundingClientRect();"
      + " return { step: document.activeElement.dataset.step, x: r.left + r.width / 2, y: r.top + r.height / 2 };";

  /** Chooses the peace mechanism in the graph and reads why it stands where it does. */
  static void mechanism() {
    js("document.querySelector(\"#graph g.node[data-step='peace-mechanism']\").dispatchEvent(new MouseEvent('click', {bubbles: true}));");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("graph-why"), "Peace mechanism"));
    assertTrue(text("graph-why").contains("It stands after:\nPeace declaration \u2014 firm rule \u201cThe peace mechanism comes after the peace declaration\u201d"),
        text("graph-why"));
  }

  @Test
  void no_graph_label_is_cut_no_arrow_crosses_a_box_and_arrows_are_legible_under_every_doctrine() {
    for (String ruleset : List.of("sigal", "treaty-first", "denuclearization-first")) {
      if (!ruleset.equals("sigal")) {
        chooseDoctrine(ruleset);
      }
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#graph svg[data-ruleset='" + ruleset + "']")));
      @SuppressWarnings("unchecked")
      List<String> problems = (List<String>) js(GEOMETRY);
      assertEquals(List.of(), problems, "the graph of " + ruleset);
      assertTrue(browser.findElements(By.cssSelector("#graph g.edge")).size() >= 20, ruleset);
    }
  }

  /**
   * Checks the graph on screen as drawn: every label inside its box, every box inside the picture and the
   * picture inside its panel, no arrow (line, head or label) over a box other than its own two ends, and
   * every arrow and box border at 3:1 contrast or better against the page.
   */
  static final String GEOMETRY = """
      const svg = document.querySelector('#graph svg');
      const out = [];
      const nodes = [...svg.querySelectorAll('g.node')].map(g => {
        const b = g.querySelector('path, polygon').getBBox();
        return { id: g.dataset.step, g, x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height };
      });
      const inside = (x, y, n) => x > n.x0 + 0.5 && x < n.x1 - 0.5 && y > n.y0 + 0.5 && y < n.y1 - 0.5;
      const overlaps = (r, n) => r.x < n.x1 && r.x + r.width > n.x0 && r.y < n.y1 && r.y + r.height > n.y0;
      for (const n of nodes) {
        for (const t of n.g.querySelectorAll('text')) {
          const r = t.getBBox();
          if (r.width === 0 || r.x < n.x0 + 1 || r.y < n.y0 || r.x + r.width > n.x1 - 1 || r.y + r.height > n.y1) {
            out.push(`the label "${t.textContent}" does not fit its box (${n.id})`);
          }
        }
      }
      const picture = svg.getBoundingClientRect(), panel = document.getElementById('graph').getBoundingClientRect();
      if (picture.left < panel.left - 1 || picture.right > panel.right + 1) out.push('the graph is wider than its panel');
      for (const n of nodes) {
        const r = n.g.getBoundingClientRect();
        if (r.left < picture.left - 1 || r.right > picture.right + 1 || r.top < picture.top - 1 || r.bottom > picture.bottom + 1) {
          out.push(`the box ${n.id} is cut by the edge of the picture`);
        }
      }
      for (const e of svg.querySelectorAll('g.edge')) {
        const name = `${e.dataset.from} -> ${e.dataset.to}`;
        const others = nodes.filter(n => n.id !== e.dataset.from && n.id !== e.dataset.to);
        for (const path of e.querySelectorAll('path')) {
          const length = path.getTotalLength();
          for (let s = 0; s <= length; s += 1) {
            const p = path.getPointAtLength(s);
            const hit = others.find(n => inside(p.x, p.y, n));
            if (hit) { out.push(`the arrow ${name} runs under the box ${hit.id}`); break; }
          }
        }
        for (const head of e.querySelectorAll('polygon')) {
          for (const p of head.points) {
            const hit = others.find(n => inside(p.x, p.y, n));
            if (hit) { out.push(`the arrowhead of ${name} lies on the box ${hit.id}`); break; }
          }
        }
        for (const t of e.querySelectorAll('text')) {
          const hit = nodes.find(n => overlaps(t.getBBox(), n));
          if (hit) out.push(`the label "${t.textContent}" of ${name} lies on the box ${hit.id}`);
        }
      }
      const luminance = (css) => {
        const [r, g, b] = css.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number).map(v => v / 255)
          .map(v => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const contrast = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
      const page = getComputedStyle(document.getElementById('graph-panel')).backgroundColor;
      const strokes = [...svg.querySelectorAll('g.edge path, g.edge polygon, g.node path, g.node polygon')];
      for (const s of strokes) {
        const c = contrast(getComputedStyle(s).stroke, page);
        if (c < 3) { out.push(`a line drawn in ${getComputedStyle(s).stroke} has a contrast of ${c.toFixed(2)}:1`); break; }
      }
      return [...new Set(out)];
      """;

  @Test
  void the_state_lives_in_the_address_so_a_link_can_be_shared() {
    take("peace-declaration");
    take("dismantlement");
    take("dismantlement");
    chooseGoal("denuclearization");
    wait.until(d -> d.getCurrentUrl().contains("done=peace-declaration%2Cdismantlement*2")
        && d.getCurrentUrl().contains("goal=denuclearization"));
    String link = browser.getCurrentUrl();

    browser.get("about:blank");
    open(link);

    assertEquals(List.of("peace-declaration", "dismantlement", "dismantlement"), timeline());
    wait.until(d -> planSteps().size() == 2);
    assertEquals(List.of("peace-mechanism", "denuclearization"), planSteps());
  }

  @Test
  void a_party_left_out_of_a_step_is_shown_as_not_counted_and_the_step_is_not_offered_again() {
    take("peace-declaration");
    record(1).findElement(By.cssSelector("details.parties-edit summary")).click();
    timed("Untick a party", () -> record(1).findElement(By.cssSelector("input[value='ROK']")).click());

    awaitUnlocked("peace-declaration");
    assertTrue(notices().contains("Not counted: Peace declaration (record 1). It does not count: ROK did not take part."), notices());
    assertEquals("It does not count: ROK did not take part.", record(1).findElement(By.cssSelector(".verdict")).getText());
    // offered to be mended, not to be taken a second time (which the server would refuse)
    assertTrue(browser.findElements(By.cssSelector("#unlocked li[data-step='peace-declaration'] button.take")).isEmpty());
    WebElement mend = browser.findElement(By.cssSelector("#unlocked li[data-step='peace-declaration'] button.edit"));
    assertEquals("Edit record 1", mend.getText());
    mend.click();
    WebElement rok = record(1).findElement(By.cssSelector("input[value='ROK']"));
    wait.until(ExpectedConditions.visibilityOf(rok));
    timed("Tick a party", rok::click);
    wait.until(ExpectedConditions.textToBe(By.cssSelector("#timeline li.record[data-index='0'] .verdict"), "It counts."));
    assertTrue(browser.findElements(By.cssSelector("#not-counted p")).isEmpty());
    assertTrue(text("changes").contains("Now counted: Peace declaration"), text("changes"));
  }

  /**
   * The first walk: a timeline with dates, a suspended step and a repeated facility, the answer
   * following each edit; taking a step asks for its date, prefilled with the last one used; records keep
   * their numbers while the timeline shows them in the server's date order.
   */
  @Test
  void a_timeline_with_dates_a_suspended_step_and_a_repeated_facility_changes_the_answer_as_each_is_edited() {
    // the declaration, dated
    new Select(browser.findElement(By.id("add-step"))).selectByValue("peace-declaration");
    browser.findElement(By.id("add-date")).sendKeys("2027-03-01");
    timed("Add a dated record", () -> browser.findElement(By.id("add-button")).click());
    assertEquals(List.of("peace-declaration@2027-03-01"), timeline());

    // a dismantlement, which reciprocates the declaration: the prompt offers the last date, and asks which facility
    blocked("peace-mechanism");
    browser.findElement(By.cssSelector("#unlocked li[data-step='dismantlement'] button.take")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("take-dialog")));
    assertEquals("2027-03-01", browser.findElement(By.id("take-date")).getAttribute("value"), "the last date used, offered");
    assertEquals("take-date", js("return document.activeElement.id"), "the prompt opens on the date");
    dated("Mark taken with a date", "2027-05", "Yongbyon 5 MW reactor");
    awaitUnlocked("peace-mechanism");
    assertTrue(text("changes").contains("Now open: Peace mechanism"), text("changes"));
    assertEquals("2027-05", record(2).findElement(By.cssSelector("input.date")).getAttribute("value"));
    assertEquals("Yongbyon 5 MW reactor", record(2).findElement(By.cssSelector("input[id^='facility-']")).getAttribute("value"));
    assertEquals("It counts.", record(2).findElement(By.cssSelector(".verdict")).getText());

    // the mechanism, set up in September, then suspended after a naval clash
    browser.findElement(By.cssSelector("#unlocked li[data-step='peace-mechanism'] button.take")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("take-dialog")));
    assertEquals("2027-05", browser.findElement(By.id("take-date")).getAttribute("value"));
    dated("Mark taken with a date", "2027-09-10", null);
    typeInto(3, "note", "after a naval clash", "Write a note");
    assertTrue(text("changes").endsWith("The answer is unchanged."), text("changes"));
    assertTrue((Boolean) js("return document.getElementById('changes').closest('li.record') !== null"),
        "what an edit did is said beside the record edited");
    timed("Suspend a record", () -> new Select(record(3).findElement(By.cssSelector("select[id^='status-']")))
        .selectByValue("suspended"));
    awaitUnlocked("peace-mechanism");
    assertTrue(notices().contains("Not counted: Peace mechanism (record 3, 2027-09-10). It does not count: suspended."), notices());
    assertTrue(text("advisories").contains("A step has been suspended or revoked"), text("advisories"));
    assertEquals("It does not count: suspended.", record(3).findElement(By.cssSelector(".verdict")).getText());
    assertTrue(text("changes").contains("No longer counted: Peace mechanism"), text("changes"));
    assertTrue(text("changes").contains("Now open: Peace mechanism"), text("changes"));
    assertTrue(browser.findElements(By.cssSelector("#timeline li.record.flash, #unlocked li.flash")).size() > 0,
        "what changed is lit");
    // a suspended step may be taken again: the button says so
    assertEquals("Mark taken again", browser.findElement(
        By.cssSelector("#unlocked li[data-step='peace-mechanism'] button.take")).getText());

    // the same reactor dismantled a second time, written differently: it counts once; it is record 4, shown third
    new Select(browser.findElement(By.id("add-step"))).selectByValue("dismantlement");
    browser.findElement(By.id("add-date")).sendKeys("2027-06");
    timed("Add a dated record", () -> browser.findElement(By.id("add-button")).click());
    assertEquals(List.of("peace-declaration@2027-03-01", "dismantlement@2027-05", "dismantlement@2027-06",
        "peace-mechanism@2027-09-10"), timeline(), "the timeline shows the server's date order");
    assertEquals(List.of("1", "2", "4", "3"), numbers(), "and every record keeps its number");
    typeInto(4, "facility", "yongbyon 5 MW  Reactor", "Name a facility");
    assertTrue(notices().contains("Not counted: Dismantlement of a nuclear or missile facility (record 4, 2027-06). It does not count:"
        + " the Yongbyon 5 MW reactor was already dismantled (record 2)."), notices());
    assertTrue(record(4).findElement(By.cssSelector(".verdict")).getText().startsWith("It does not count: the Yongbyon 5 MW reactor"));
    assertFalse(text("changes").contains("record 3 does not count"), "an old fact is not said again as new: " + text("changes"));

    // every record dated: the record is replayed in date order, and a step taken out of order is marked
    typeInto(1, "date", "2027-08", "Date a record");
    assertEquals(List.of("dismantlement@2027-05", "dismantlement@2027-06", "peace-declaration@2027-08",
        "peace-mechanism@2027-09-10"), timeline());
    assertEquals(List.of("2", "4", "1", "3"), numbers());
    assertTrue(record(2).getText().contains("Out of order. It counts, but it was taken while a firm rule blocked it: Dismantlement waits for a peace process under way."), record(2).getText());
    assertTrue(notices().contains("Out of order: Dismantlement of a nuclear or missile facility (record 2, 2027-05)"), notices());

    // the link keeps every detail
    String link = browser.getCurrentUrl();
    browser.get("about:blank");
    open(link);
    assertEquals(List.of("dismantlement@2027-05", "dismantlement@2027-06", "peace-declaration@2027-08",
        "peace-mechanism@2027-09-10"), timeline());
    assertEquals("suspended", new Select(record(3).findElement(By.cssSelector("select"))).getFirstSelectedOption()
        .getAttribute("value"));
    assertEquals("after a naval clash", record(3).findElement(By.cssSelector("input[id^='note-']")).getAttribute("value"));
    assertEquals("yongbyon 5 MW  Reactor", record(4).findElement(By.cssSelector("input[id^='facility-']")).getAttribute("value"));

    // a date that is not a date is refused beside the record, in words, and nothing changes
    WebElement date = record(3).findElement(By.cssSelector("input.date"));
    date.sendKeys(Keys.chord(Keys.CONTROL, "a"), "September", Keys.TAB);
    WebElement said = wait.until(ExpectedConditions.visibilityOf(record(3).findElement(By.cssSelector(".message"))));
    assertTrue(said.getText().startsWith("\u201cSeptember\u201d is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"), said.getText());
    assertEquals("2027-09-10", record(3).findElement(By.cssSelector("input.date")).getAttribute("value"));
    assertEquals(link, browser.getCurrentUrl());

    // a step taken without a date switches the out-of-order check off, and the page says so
    take("joint-fishing-area");
    assertTrue(text("changes").contains("Record 5 has no date, so the record is no longer replayed in date order"), text("changes"));
    assertTrue(notices().indexOf("Out of order") < 0, "no record is said to be out of order any more: " + notices());
    assertEquals(List.of("1", "2", "3", "4", "5"), numbers(), "shown in the order recorded, each under its number");
  }

  /** The numbers of the records, in the order the timeline shows them. */
  @SuppressWarnings("unchecked")
  static List<String> numbers() {
    return (List<String>) js("return [...document.querySelectorAll('#timeline li.record .record-number')].map(x => x.textContent);");
  }

  /** After a refused change the page does not contradict itself: the change is said beside its control, nothing else moves. */
  @Test
  void a_change_the_server_refuses_is_said_beside_it_and_leaves_every_panel_as_it_was() {
    take("peace-declaration");
    timed("Suspend a record", () -> new Select(record(1).findElement(By.cssSelector("select"))).selectByValue("suspended"));
    WebElement again = browser.findElement(By.cssSelector("#unlocked li[data-step='peace-declaration'] button.take"));
    assertEquals("Mark taken again", again.getText());
    again.click();
    undated("Mark taken");
    assertEquals(List.of("peace-declaration", "peace-declaration"), timeline());
    String link = browser.getCurrentUrl();
    String answer = text("answer");

    timed("A change the server refuses", () -> new Select(record(1).findElement(By.cssSelector("select")))
        .selectByValue("in-force"));
    WebElement said = wait.until(ExpectedConditions.visibilityOf(record(1).findElement(By.cssSelector(".message"))));
    assertEquals("Not done (marked record 1, Peace declaration in force): Peace declaration would be in force twice as"
        + " records 1 and 2, and it can be in force only once. Mark one of them suspended or revoked, or remove one.",
        said.getText());
    assertEquals("suspended", new Select(record(1).findElement(By.cssSelector("select"))).getFirstSelectedOption()
        .getAttribute("value"), "the control shows the state as it is");
    assertEquals(link, browser.getCurrentUrl(), "the address does not change");
    assertEquals(answer, text("answer"), "nor does the answer");
    assertTrue(browser.findElement(By.id("status-banner")).getAttribute("hidden") != null, "said once, where the user looks");

    // the next change goes through, and the message goes
    timed("Remove a record", () -> record(1).findElement(By.cssSelector("button.remove")).click());
    assertEquals(List.of("peace-declaration"), timeline());
    assertTrue(browser.findElements(By.cssSelector("#timeline .message")).isEmpty());
  }

  @Test
  void two_quick_clicks_are_both_kept_and_a_double_click_takes_a_step_once() {
    js("document.querySelector(\"#unlocked li[data-step='peace-declaration'] button.take\").click();"
        + "document.getElementById('take-undated').click();"
        + "document.querySelector(\"#unlocked li[data-step='border-rectification'] button.take\").click();"
        + "document.getElementById('take-undated').click();");
    wait.until(d -> timeline().size() == 2);
    assertEquals(List.of("peace-declaration", "border-rectification"), timeline());
    js("document.querySelector(\"#unlocked li[data-step='normalization'] button.take\").click();"
        + "const b = document.getElementById('take-confirm'); b.click(); b.click();");
    wait.until(d -> timeline().size() == 3);
    wait.until(d -> js("return document.body.dataset.busy") == null);
    assertEquals(List.of("peace-declaration", "border-rectification", "normalization"), timeline());
    assertTrue(browser.findElement(By.id("status-banner")).getAttribute("hidden") != null);
  }

  @Test
  void a_change_can_be_undone_with_the_button_and_with_the_browsers_back() {
    take("peace-declaration");
    take("dismantlement");
    assertEquals(List.of("peace-declaration", "dismantlement"), timeline());
    assertTrue(browser.findElement(By.id("undo")).getAttribute("title").contains("Marked Dismantlement of a nuclear or missile facility taken"));

    timed("Undo", () -> browser.findElement(By.id("undo")).click());
    assertEquals(List.of("peace-declaration"), timeline());
    assertTrue(text("changes").startsWith("Undone: marked Dismantlement of a nuclear or missile facility taken without a date."), text("changes"));
    blocked("peace-mechanism");

    timed("Redo", () -> browser.findElement(By.id("redo")).click());
    assertEquals(List.of("peace-declaration", "dismantlement"), timeline());
    awaitUnlocked("peace-mechanism");

    timed("Back in the browser", () -> browser.navigate().back());
    timed("Back in the browser", () -> browser.navigate().back());
    assertEquals(List.of(), timeline());
    assertTrue(browser.findElement(By.id("undo")).getAttribute("disabled") != null, "nothing left to undo");
    assertFalse(browser.getCurrentUrl().contains("done="), browser.getCurrentUrl());
  }

  @Test
  void switching_the_doctrine_says_what_changed() {
    take("peace-declaration");
    chooseDoctrine("treaty-first");
    String changes = text("changes");
    assertTrue(changes.startsWith("Switched the doctrine from Sigal's proposal (2013) to Treaty first (DPRK Foreign Ministry, 2010)."),
        changes);
    assertTrue(changes.contains("Now open: Peace mechanism"), changes);
    assertTrue(changes.contains("Now blocked: Dismantlement of a nuclear or missile facility"), changes);
    assertTrue(browser.findElements(By.cssSelector("#unlocked li.flash[data-step='peace-mechanism']")).size() == 1);
    assertTrue(browser.getCurrentUrl().contains("ruleset=treaty-first"));
  }

  @Test
  void a_package_is_offered_to_be_taken_together_and_taking_it_records_both() {
    WebElement offer = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#packages li[data-steps='missile-restraint satellite-launch-services']")));
    assertTrue(offer.getText().contains("Take together: Missile restraint and Satellite launch services"),
        offer.getText());
    blocked("missile-restraint");
    blocked("satellite-launch-services");

    planBy("ignore");
    chooseGoal("satellite-launch-services");
    wait.until(d -> planSteps().equals(List.of("missile-restraint+satellite-launch-services")));
    WebElement move = browser.findElement(By.cssSelector("#plan li"));
    assertTrue(move.getText().startsWith("together: Missile restraint and Satellite launch services"),
        move.getText());
    assertTrue(text("plan-summary").startsWith("2 steps in 1 move to Satellite launch services, by firm rules only"));

    browser.findElement(By.cssSelector("#packages li[data-steps~='satellite-launch-services'] button.take")).click();
    undated("Take a package together");
    assertEquals(List.of("missile-restraint", "satellite-launch-services"), timeline());
    wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#graph g.node.completed[data-step='missile-restraint']")));
    wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#graph g.node.completed[data-step='satellite-launch-services']")));
    assertEquals("Satellite launch services has been reached.", text("plan-summary"));
    assertTrue(browser.findElements(By.cssSelector("#packages li")).isEmpty());
    assertTrue(browser.getCurrentUrl().contains("done=missile-restraint%2Csatellite-launch-services"),
        browser.getCurrentUrl());
  }

  @Test
  void switching_the_plan_to_firm_rules_only_shortens_the_road_and_the_link_keeps_it() {
    List<String> follow = road("sigal", BundledRoads.FROM_EMPTY, "follow");
    List<String> ignore = road("sigal", BundledRoads.FROM_EMPTY, "ignore");
    chooseGoal("peace-treaty");
    wait.until(d -> planSteps().size() == follow.size());
    assertTrue(text("plan-summary").startsWith(follow.size() + " steps to Peace treaty, following advice"));
    // the moves on the road only because advice is followed are marked, with the advice that put them there
    WebElement advised = browser.findElement(By.cssSelector("#plan li.advised[data-step='peace-mechanism']"));
    assertTrue(advised.getText().contains("Advised, not required"), advised.getText());
    assertTrue(advised.getText().contains("\u201cThe peace treaty is best prepared by a peace process\u201d"), advised.getText());
    assertTrue(browser.findElements(By.cssSelector("#plan li.advised[data-step='peace-treaty']")).isEmpty(), "the goal is no advice");
    assertTrue(browser.findElements(By.cssSelector("#plan li.advised[data-step='normalization']")).isEmpty(),
        "a step a firm rule needs is not marked");

    planBy("ignore");
    wait.until(d -> planSteps().equals(ignore));
    assertTrue(text("plan-summary").startsWith(ignore.size() + " steps to Peace treaty, by firm rules only"));
    List<WebElement> reasons = browser.findElements(By.cssSelector("#plan li .move-reason"));
    assertEquals(ignore.size(), reasons.size());
    assertTrue(reasons.get(0).getText().startsWith("For the peace treaty: The peace treaty is negotiated by the four"),
        reasons.get(0).getText());
    assertTrue(reasons.get(1).getText().startsWith("For the peace treaty: The peace treaty needs normal relations"),
        reasons.get(1).getText());
    for (WebElement reason : reasons.subList(2, 5)) {
      assertEquals("For the peace treaty: the same rule as move 2.", reason.getText());
    }
    assertEquals("The goal.", reasons.get(reasons.size() - 1).getText());
    assertTrue(browser.findElements(By.cssSelector("#plan li.advised")).isEmpty(), "on firm rules only, no move is there by advice");
    WebElement road = browser.findElement(By.cssSelector("#compare tr[data-road='peace-treaty']"));
    assertEquals("Road to Peace treaty " + ignore.size() + " steps "
        + road("denuclearization-first", BundledRoads.FROM_EMPTY, "ignore").size() + " steps "
        + road("treaty-first", BundledRoads.FROM_EMPTY, "ignore").size() + " steps", road.getText().replace('\n', ' '));
    assertTrue(text("changes").contains("Road to Peace treaty: " + follow.size() + " steps \u2192 " + ignore.size()
        + " steps."), text("changes"));

    wait.until(d -> d.getCurrentUrl().contains("advice=ignore"));
    String link = browser.getCurrentUrl();
    browser.get("about:blank");
    open(link);
    wait.until(d -> planSteps().size() == 6);
    assertTrue(browser.findElement(By.id("advice-ignore")).isSelected());
  }

  @Test
  void a_state_can_be_loaded_from_a_file_and_a_refused_file_is_said_in_words_beside_the_button(@TempDir Path dir)
      throws Exception {
    Path good = Files.writeString(dir.resolve("state.json"),
        "{\"ruleset\": \"treaty-first\", \"completed\": [{\"step\": \"peace-declaration\"},"
            + " {\"step\": \"dismantlement\", \"facility\": \"Yongbyon 5 MW reactor\", \"date\": \"2027-05\"}]}");
    timed("Load a state from a file", () -> browser.findElement(By.id("load")).sendKeys(good.toString()));
    awaitUnlocked("peace-mechanism");
    assertEquals(List.of("peace-declaration", "dismantlement@2027-05"), timeline(), "not every record is dated: as recorded");
    assertEquals("Yongbyon 5 MW reactor", record(2).findElement(By.cssSelector("input[id^='facility-']")).getAttribute("value"));
    assertEquals("treaty-first", new Select(browser.findElement(By.id("ruleset"))).getFirstSelectedOption()
        .getAttribute("value"));
    String link = browser.getCurrentUrl();

    Path bad = Files.writeString(dir.resolve("bad.json"), "{\"completed\": [{\"step\": \"peace-declaraton\"}]}");
    browser.findElement(By.id("load")).sendKeys(bad.toString());
    WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("file-message")));
    assertEquals("bad.json was not loaded; the record on screen is unchanged. Record 1 (peace-declaraton) in bad.json:"
        + " \"peace-declaraton\" is not a step in the catalog; did you mean \"peace-declaration\"?", error.getText());
    assertFalse(error.getText().contains("completed[0]"), "no developer language");
    assertTrue(browser.findElement(By.id("status-banner")).getAttribute("hidden") != null, "said once, beside the button");
    assertEquals(link, browser.getCurrentUrl(), "the refused file leaves the state as it was");
    assertEquals(List.of("peace-declaration", "dismantlement@2027-05"), timeline());

    Path broken = Files.writeString(dir.resolve("broken.json"), "{\"completed\": [{\"step\": \"peace-declaration\"},]}");
    browser.findElement(By.id("load")).sendKeys(broken.toString());
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("file-message"), "broken.json was not loaded: it is not valid JSON"));
    assertFalse(text("file-message").contains("server"), "a file the page cannot read is not blamed on the server");
    assertEquals(link, browser.getCurrentUrl());
  }

  @Test
  void a_shared_link_that_names_an_unknown_step_doctrine_or_count_is_refused_in_words() {
    open(api.uri("/?ruleset=sigal&done=peace-declartion&goal=peace-treaty").toString());
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status-text"), "This link was not opened"));
    WebElement banner = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("status-banner")));
    assertEquals("This link was not opened, because of one problem: \u201cdone\u201d, its first item (\u201cpeace-declartion\u201d):"
        + " the server says \"peace-declartion\" is not a step in the catalog; did you mean \"peace-declaration\"?"
        + " Nothing from the link was loaded: the page shows an empty record under Sigal's proposal (2013)."
        + " The link was: ?ruleset=sigal&done=peace-declartion&goal=peace-treaty",
        banner.findElement(By.id("status-text")).getText());
    assertEquals(List.of(), timeline(), "nothing silently loaded");
    assertTrue(planSteps().isEmpty(), "not even the goal");
    timed("Open a refused link with its corrections", () -> browser.findElement(By.id("fix-link")).click());
    assertEquals(List.of("peace-declaration"), timeline());
    wait.until(d -> planSteps().size() == 9);
    assertTrue(browser.findElement(By.id("status-banner")).getAttribute("hidden") != null);

    open(api.uri("/?ruleset=sigl&done=peace-declaration").toString());
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status-text"), "This link was not opened"));
    String said = text("status-text");
    assertTrue(said.contains("The link names the doctrine \u201csigl\u201d: the server says there is no rule set \"sigl\";"
        + " the rule sets are "), said);
    assertTrue(said.contains("; did you mean \"sigal\"?"), said);
    assertTrue(browser.findElement(By.id("fix-link")).isDisplayed(), "the server's suggestion mends the link");
    assertEquals(List.of(), timeline());

    open(api.uri("/?done=peace-declaration,dismantlement*150&advice=maybe").toString());
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status-text"), "This link was not opened"));
    said = text("status-text");
    assertTrue(said.contains("because of 2 problems"), said);
    assertTrue(said.contains("records Dismantlement of a nuclear or missile facility 150 times; the workbench keeps at most 99"
        + " records of one step."), said);
    assertTrue(said.contains("\u201cadvice=maybe\u201d"), said);
    assertFalse(browser.findElement(By.id("fix-link")).isDisplayed(), "no correction to offer for a count");
    assertEquals(List.of(), timeline());

    // a state that reads well but that the server refuses: two declarations in force
    open(api.uri("/?done=peace-declaration*2").toString());
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status-text"), "This link was not opened"));
    said = text("status-text");
    assertTrue(said.contains("Peace declaration would be in force twice as records 1 and 2, and it can be in force only once."),
        said);
    assertEquals(List.of(), timeline());
  }

  /** The third walk: the server stops in the middle of the work and comes back. */
  @Test
  void when_the_server_stops_mid_use_the_page_pauses_and_recovers_by_itself_when_it_returns() throws Exception {
    int port = freePort();
    Javalin server = serve(port);
    try {
      open("http://127.0.0.1:" + port + "/");
      take("peace-declaration");
      blocked("peace-mechanism");

      server.stop();
      browser.findElement(By.cssSelector("#unlocked li[data-step='dismantlement'] button.take")).click();
      wait.until(ExpectedConditions.elementToBeClickable(By.id("take-undated"))).click();
      WebElement banner = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("status-banner")));
      assertTrue(banner.getText().startsWith("The server cannot be reached"), banner.getText());
      assertTrue(banner.getText().contains("Your change \u201cMarked Dismantlement of a nuclear or missile facility taken"
          + " without a date\u201d is waiting"), banner.getText());
      assertTrue(browser.findElement(By.id("retry")).isDisplayed());
      // the page does not contradict itself: what is shown is the last answer, for the record shown
      assertEquals(List.of("peace-declaration"), timeline());
      awaitUnlocked("dismantlement");
      blocked("peace-mechanism");
      assertTrue(browser.findElement(By.cssSelector("#unlocked li[data-step='dismantlement'] button.take")).getAttribute("disabled") != null,
          "editing is paused");

      server = serve(port);
      wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("status-banner")));
      assertEquals(List.of("peace-declaration", "dismantlement"), timeline());
      awaitUnlocked("peace-mechanism");
      assertTrue(text("changes").startsWith("The server answers again. Marked Dismantlement of a nuclear or missile facility taken"
          + " without a date."),
          text("changes"));
      assertTrue(browser.getCurrentUrl().contains("done=peace-declaration%2Cdismantlement"), browser.getCurrentUrl());
      assertEquals(null, browser.findElement(By.cssSelector("#unlocked li[data-step='peace-mechanism'] button.take"))
          .getAttribute("disabled"));

      // stopped while idle: the page notices by itself, and recovers by itself
      server.stop();
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("status-banner")));
      server = serve(port);
      wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("status-banner")));
      take("peace-mechanism");
      assertEquals(List.of("peace-declaration", "dismantlement", "peace-mechanism"), timeline());
    } finally {
      server.stop();
    }
  }

  @Test
  void the_answer_and_the_plan_are_on_the_first_screen_at_1280_by_800() {
    chrome().executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", 1280, "height", 800, "deviceScaleFactor", 1, "mobile", false));
    open(api.uri("/?ruleset=sigal&done=peace-declaration&goal=peace-treaty").toString());
    @SuppressWarnings("unchecked")
    Map<String, Object> at = (Map<String, Object>) js(
        "const top = (s) => document.querySelector(s).getBoundingClientRect().top;"
            + "const bottom = (s) => document.querySelector(s).getBoundingClientRect().bottom;"
            + "return { unlocked: bottom('#unlocked li'), blocked: bottom('#blocked .rule-group li'),"
            + " plan: bottom('#plan li'), summary: bottom('#plan-summary'), wide: document.documentElement.scrollWidth };");
    for (String part : List.of("unlocked", "blocked", "plan", "summary")) {
      assertTrue(((Number) at.get(part)).doubleValue() <= 800, part + " ends at " + at.get(part) + " px, below the first screen");
    }
    assertTrue(((Number) at.get("wide")).intValue() <= 1280, "no sideways scrolling: " + at.get("wide"));
  }

  /**
   * The answer first, on any record: with six records (one suspended, a facility dismantled twice, two taken
   * out of order) the notices fold into one line, and "May be taken now", its first step and the next move
   * stand within the first 800 pixels; the notices open on demand.
   */
  @Test
  void with_six_records_may_be_taken_now_is_within_the_first_800_pixels() {
    chrome().executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", 1280, "height", 800, "deviceScaleFactor", 1, "mobile", false));
    open(api.uri("/?ruleset=sigal&done=peace-mechanism,peace-declaration,dismantlement*2,joint-fishing-area,four-party-talks"
        + "&record=peace-mechanism:d=2027-01,peace-declaration:d=2027-03,dismantlement:d=2026-12:f=Yongbyon,"
        + "dismantlement.2:d=2027-05:f=yongbyon,joint-fishing-area:d=2027-06:s=suspended,four-party-talks:d=2027-07").toString());
    assertEquals(6, timeline().size());
    assertTrue(browser.findElement(By.id("notices")).isDisplayed());
    assertTrue(text("notices-summary").startsWith("Notices: "), text("notices-summary"));
    assertEquals(null, browser.findElement(By.id("notices")).getAttribute("open"), "folded until asked for");
    @SuppressWarnings("unchecked")
    Map<String, Object> at = (Map<String, Object>) js(
        "const r = (s) => document.querySelector(s).getBoundingClientRect();"
            + "return { heading: r('#unlocked-heading').top, first: r('#unlocked li').bottom, next: r('#next-move').bottom };");
    assertTrue(((Number) at.get("heading")).doubleValue() <= 800 && ((Number) at.get("first")).doubleValue() <= 800,
        "May be taken now, on the first screen: " + at);
    assertTrue(((Number) at.get("next")).doubleValue() <= 400, "the next move at the top: " + at);
    assertTrue(notices().contains("Out of order"), notices());
    assertTrue(notices().contains("Not counted"), notices());
  }

  /** The sixth walk: the briefing, printed and downloaded. */
  @Test
  void the_briefing_prints_on_at_most_two_a4_pages_without_controls_and_downloads_as_markdown(@TempDir Path dir)
      throws Exception {
    open(api.uri("/?ruleset=sigal&done=peace-declaration,dismantlement,peace-mechanism&goal=peace-treaty"
        + "&record=peace-declaration:d=2027-03-01:p=US.DPRK.ROK.PRC,dismantlement:d=2027-05:f=Yongbyon%25205%2520MW%2520reactor,"
        + "peace-mechanism:d=2027-09-10:s=suspended:n=after%2520a%2520naval%2520clash").toString());
    // the decision and the plan are written by the server (POST /v1/briefing), the one renderer of evaluate --text
    wait.until(d -> js("return document.getElementById('briefing').dataset.ready") != null);

    PrintOptions options = new PrintOptions();
    options.setPageSize(new PageSize(29.7, 21.0));
    String pdf = new String(Base64.getDecoder().decode(((PrintsPage) browser).print(options).getContent()),
        StandardCharsets.ISO_8859_1);
    Matcher count = Pattern.compile("/Type\\s*/Pages\\b[^>]*?/Count\\s+(\\d+)|/Count\\s+(\\d+)[^>]*?/Type\\s*/Pages\\b").matcher(pdf);
    assertTrue(count.find(), "a PDF page tree");
    int pages = Integer.parseInt(count.group(1) != null ? count.group(1) : count.group(2));
    System.out.println("The briefing prints on " + pages + " A4 page(s).");
    assertTrue(pages >= 1 && pages <= 2, pages + " pages");

    chrome().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
    @SuppressWarnings("unchecked")
    List<String> controls = (List<String>) js("return [...document.querySelectorAll('button, input, select, textarea, summary, a')]"
        + ".filter(e => e.getClientRects().length > 0).map(e => e.outerHTML.slice(0, 60));");
    assertEquals(List.of(), controls, "no controls on paper");
    String paper = text("briefing");
    for (String part : List.of("Briefing: the peace process on the Korean Peninsula", "The record", "The decision",
        "The plan", "Counted: Peace declaration; Dismantlement of a nuclear or missile facility.",
        "after a naval clash", "suspended", "May be taken now", "Advisories",
        "The shortest road to peace-treaty under sigal, following advice, takes 8 steps:")) {
      assertTrue(paper.contains(part), "the briefing lacks \u201c" + part + "\u201d:\n" + paper);
    }
    assertTrue(paper.contains("Peace mechanism (peace-mechanism): US, DPRK, ROK \u2014 for the peace treaty: The peace treaty is best prepared"),
        paper);
    assertTrue(paper.contains("(there on advice: treaty-after-process)"), paper);
    assertFalse(paper.contains("http"), "no raw link on paper: " + paper);
    // every page numbered: "Page n of m" in the bottom margin of the printed page
    Object numbered = js("return [...document.styleSheets].flatMap(s => [...s.cssRules])"
        + ".flatMap(r => r instanceof CSSMediaRule ? [...r.cssRules] : [r]).filter(r => r instanceof CSSPageRule)"
        + ".flatMap(r => [...(r.cssRules || [])]).map(m => m.style && m.style.content).filter(c => c && c.includes('counter(page)'));");
    assertEquals(1, ((List<?>) numbered).size(), "a page-number rule in the printed page's margin: " + numbered);
    chrome().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));

    chrome().executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", dir.toString()));
    browser.findElement(By.id("download-briefing")).click();
    wait.until(d -> {
      try (Stream<Path> files = Files.list(dir)) {
        return files.anyMatch(f -> f.getFileName().toString().endsWith(".md"));
      } catch (IOException e) {
        return false;
      }
    });
    Path markdown;
    try (Stream<Path> files = Files.list(dir)) {
      markdown = files.filter(f -> f.getFileName().toString().endsWith(".md")).findFirst().orElseThrow();
    }
    String md = Files.readString(markdown);
    assertTrue(md.startsWith("# Briefing: the peace process on the Korean Peninsula\n"), md);
    assertTrue(md.contains("\n## The record\n") && md.contains("\n## The decision\n") && md.contains("\n## The plan\n"), md);
    assertTrue(md.contains("| 3 | 2027-09-10 | Peace mechanism | US, DPRK, ROK | suspended | after a naval clash | It does not count: suspended. |"), md);
    assertTrue(md.contains("\n1. Peace mechanism (peace-mechanism): US, DPRK, ROK \u2014 for the peace treaty:"), md);
    assertTrue(md.contains("[Open this state in the workbench](http://"), "the Markdown carries the link: " + md);
  }

  @Test
  void every_control_has_a_label_and_the_page_loads_nothing_from_another_host() {
    take("peace-declaration");
    take("dismantlement");
    Object unlabelled = js(
        "return [...document.querySelectorAll('input, select')]"
            + ".filter(e => e.labels.length === 0 && !e.getAttribute('aria-label')).map(e => e.id);");
    assertEquals(List.of(), unlabelled);
    Object foreign = js(
        "return performance.getEntriesByType('resource').map(r => r.name)"
            + ".filter(n => !n.startsWith(location.origin));");
    assertEquals(List.of(), foreign);
  }

  @Test
  void swagger_ui_shows_every_operation_without_the_internet() {
    browser.get(api.uri("/docs").toString());
    wait.until(d -> d.findElements(By.cssSelector(".opblock")).size() == org.peacepath.http.ApiServer.ROUTES.size());
    Object foreign = js(
        "return performance.getEntriesByType('resource').map(r => r.name)"
            + ".filter(n => !n.startsWith(location.origin));");
    assertEquals(List.of(), foreign);
  }

  @Test
  void the_workbench_is_usable_from_the_keyboard() {
    js("document.activeElement.blur(); window.scrollTo(0, 0);");
    int presses = 0;
    new Actions(browser).sendKeys(Keys.TAB).perform();
    presses++;
    while (!Boolean.TRUE.equals(js("return document.activeElement.matches('#unlocked button.take')")) && presses < 60) {
      new Actions(browser).sendKeys(Keys.TAB).perform();
      presses++;
    }
    System.out.println("Tab presses from the top of the page to the first \u201cMark taken\u201d: " + presses);
    assertTrue(presses <= 13, presses + " presses of Tab to the first \u201cMark taken\u201d");
    assertEquals("take-peace-declaration", js("return document.activeElement.id"));
    // Enter asks for the date; Enter again takes the step; the focus lands on what the step did, not on the next step's button
    new Actions(browser).sendKeys(Keys.ENTER).perform();
    wait.until(d -> "take-date".equals(js("return document.activeElement.id")));
    timed("Mark taken (keyboard)", () -> new Actions(browser).sendKeys(Keys.ENTER).perform());
    assertEquals(List.of("peace-declaration"), timeline());
    assertEquals("changes", js("return document.activeElement.id"), "the focus is on the line that says what was done");
    assertTrue(text("changes").startsWith("Marked Peace declaration taken without a date."), text("changes"));

    // "Mark both taken": the focus stays beside the package, not at the top of the page
    js("document.querySelector('#packages button.take').focus();");
    new Actions(browser).sendKeys(Keys.ENTER).perform();
    wait.until(d -> "take-date".equals(js("return document.activeElement.id")));
    timed("Take a package together (keyboard)", () -> new Actions(browser).sendKeys(Keys.ENTER).perform());
    assertEquals(3, timeline().size());
    assertEquals("changes", js("return document.activeElement.id"));
    assertTrue((Boolean) js("return document.getElementById('changes').closest('.answer-column') !== null"),
        "said beside the packages, in the answer");

    // the skip link to "Add to the record"
    js("document.querySelector('.skip-links a').focus(); window.scrollTo(0, 0);");
    new Actions(browser).sendKeys(Keys.TAB, Keys.TAB, Keys.TAB).perform();
    assertEquals("Skip to \u201cAdd to the record\u201d", js("return document.activeElement.textContent"));
    new Actions(browser).sendKeys(Keys.ENTER, Keys.TAB).perform();
    assertEquals("add-step", js("return document.activeElement.id"));

    WebElement goal = browser.findElement(By.id("goal"));
    js("arguments[0].focus();", goal);
    timed("Choose a goal (keyboard)", () -> goal.sendKeys("Peace mechanism"));
    wait.until(d -> planSteps().size() == 2);
    assertEquals(List.of("dismantlement", "peace-mechanism"), planSteps());
    js("document.getElementById('advice-follow').focus();");
    timed("Switch the plan between advice and firm rules (keyboard)", () ->
        new Actions(browser).sendKeys(Keys.ARROW_RIGHT).perform());
    assertTrue(browser.findElement(By.id("advice-ignore")).isSelected());

    // Ctrl+Z undoes, outside a text field
    js("document.activeElement.blur();");
    timed("Undo (keyboard)", () -> new Actions(browser).keyDown(Keys.CONTROL).sendKeys("z").keyUp(Keys.CONTROL).perform());
    assertTrue(browser.findElement(By.id("advice-follow")).isSelected());

    // Undo by Enter until nothing is left: the disabled button does not drop the focus to the page's body
    js("document.getElementById('undo').focus();");
    // (typing "Peace mechanism" into the goal passed through "Peace declaration": two changes)
    for (int left = 8; left > 0 && browser.findElement(By.id("undo")).getAttribute("disabled") == null; left--) {
      timed("Undo (keyboard)", () -> new Actions(browser).sendKeys(Keys.ENTER).perform());
    }
    assertEquals(List.of(), timeline());
    assertTrue(browser.findElement(By.id("undo")).getAttribute("disabled") != null);
    assertEquals("changes", js("return document.activeElement.id"), "the focus moves to what Undo did");
  }

  /** axe-core finds nothing serious or critical, on the empty record and on a record with notices, a plan and a package taken. */
  @Test
  void axe_core_finds_no_serious_or_critical_violation() {
    assertEquals(List.of(), Chromium.seriousViolations(chrome()), "the empty record");
    open(api.uri("/?ruleset=sigal&done=peace-declaration,dismantlement,peace-mechanism,missile-restraint,satellite-launch-services"
        + "&goal=peace-treaty&record=peace-mechanism:s=suspended").toString());
    js("document.getElementById('notices').open = true;"
        + "document.querySelector(\"#graph g.node[data-step='peace-treaty']\")?.dispatchEvent(new MouseEvent('click', {bubbles: true}));");
    assertEquals(List.of(), Chromium.seriousViolations(chrome()), "a record with notices, a plan and the graph's why");
    browser.findElement(By.cssSelector("#unlocked button.take")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("take-dialog")));
    assertEquals(List.of(), Chromium.seriousViolations(chrome()), "the prompt for a step's date");
  }
}
