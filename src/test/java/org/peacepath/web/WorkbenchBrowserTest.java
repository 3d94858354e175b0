package org.peacepath.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.peacepath.Bundled;
import org.peacepath.http.Api;

/**
 * The workbench in a real browser: Debian's headless Chromium, driven by Selenium through
 * /usr/bin/chromedriver. Skipped, and said so, where that browser is not installed; .ci/run installs it.
 */
class WorkbenchBrowserTest {
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  static Api api;
  static WebDriver browser;
  static WebDriverWait wait;

  @BeforeAll
  static void start(@TempDir Path profile) {
    boolean installed = Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
    String missing = "Debian's chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)";
    if (System.getenv("PEACEPATH_REQUIRE_BROWSER") != null) {
      assertTrue(installed, missing);
    }
    Assumptions.assumeTrue(installed, missing);
    api = new Api(Bundled.ruleSets());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1440,1000");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
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

  @BeforeEach
  void openAFreshPage() {
    browser.get(api.uri("/").toString());
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#steps .step-row"), 19));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#unlocked li")));
  }

  static WebElement blocked(String step) {
    return wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#blocked li[data-step='" + step + "']")));
  }

  static void awaitUnlocked(String step) {
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#unlocked li[data-step='" + step + "']")));
  }

  /** The steps of the plan on screen, read in one go so that a redraw cannot come between. */
  @SuppressWarnings("unchecked")
  static List<String> planSteps() {
    return (List<String>) ((JavascriptExecutor) browser).executeScript(
        "return [...document.querySelectorAll('#plan li')].map(li => li.dataset.step);");
  }

  static void setCount(String step, int times) {
    WebElement count = browser.findElement(By.id("count-" + step));
    count.sendKeys(Keys.chord(Keys.CONTROL, "a"), String.valueOf(times), Keys.TAB);
  }

  @Test
  void a_negotiator_walks_from_the_declaration_to_the_plan_for_a_treaty_and_compares_doctrines() {
    assertTrue(browser.getTitle().contains("peacepath"));

    browser.findElement(By.id("step-peace-declaration")).click();
    WebElement mechanism = blocked("peace-mechanism");
    wait.until(ExpectedConditions.textToBePresentInElement(mechanism, "Interim agreements signed so far: 1"));
    assertTrue(mechanism.getText().contains("Still needs: Dismantlement of a nuclear or missile facility"),
        mechanism.getText());
    assertTrue(mechanism.getText().contains(
        "Rule: Each interim agreement is reciprocated with a dismantlement before the next is signed stated"),
        mechanism.getText());

    setCount("dismantlement", 1);
    awaitUnlocked("peace-mechanism");
    WebElement treaty = blocked("peace-treaty");
    assertTrue(treaty.getText().contains("Advised first: Peace mechanism hedged"), treaty.getText());

    new Select(browser.findElement(By.id("goal"))).selectByValue("peace-treaty");
    browser.findElement(By.id("plan-button")).click();
    wait.until(d -> planSteps().size() == 8);
    assertEquals(List.of("peace-mechanism", "dismantlement", "four-party-talks", "normalization",
        "border-rectification", "artillery-redeployment", "force-posture-changes", "peace-treaty"), planSteps());
    assertTrue(browser.findElement(By.id("plan-summary")).getText()
        .startsWith("8 steps to Peace treaty, following advice"));

    new Select(browser.findElement(By.id("ruleset"))).selectByValue("denuclearization-first");
    wait.until(d -> planSteps().size() == 9);
    assertEquals("dismantlement", planSteps().get(0));
    assertTrue(planSteps().contains("denuclearization"));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#compare tr[data-step='peace-mechanism']")));
    assertTrue(browser.findElement(By.cssSelector("#compare tr[data-step='peace-mechanism']")).getText()
        .contains("blocked"));
    WebElement road = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#compare tr[data-road='peace-treaty']")));
    wait.until(ExpectedConditions.textToBePresentInElement(road, "9 steps"));
    assertEquals("Road to Peace treaty 8 steps 9 steps 7 steps", road.getText().replace('\n', ' '));
  }

  @Test
  void a_negotiation_can_be_walked_from_an_empty_state_to_the_treaty_by_following_the_plan() {
    new Select(browser.findElement(By.id("goal"))).selectByValue("peace-treaty");
    wait.until(d -> planSteps().size() == 10);
    for (int remaining = 10; remaining > 0; remaining--) {
      String next = planSteps().get(0);
      browser.findElement(By.cssSelector("#unlocked li[data-step='" + next + "'] button.take")).click();
      int left = remaining - 1;
      wait.until(d -> planSteps().size() == left);
    }

    wait.until(ExpectedConditions.textToBe(By.id("plan-summary"), "Peace treaty has been reached."));
    assertTrue(browser.findElement(By.id("step-peace-treaty")).isSelected());
    assertEquals("2", browser.findElement(By.id("count-dismantlement")).getAttribute("value"));
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
      assertTrue(banner.getText().contains("The last edit of these rules was refused"), banner.getText());
      assertTrue(banner.getText().contains("sigal/reciprocity.drl:"), banner.getText());
      assertTrue(browser.findElement(By.id("revision")).getText().contains("revision " + revision));
    }
  }

  @Test
  void the_graph_tells_completed_unlocked_and_blocked_steps_apart() {
    browser.findElement(By.id("step-peace-declaration")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#graph g.node.completed[data-step='peace-declaration']")));

    assertEquals(1, browser.findElements(By.cssSelector("#graph g.node.unlocked[data-step='dismantlement']")).size());
    assertEquals(1, browser.findElements(By.cssSelector("#graph g.node.blocked[data-step='peace-treaty']")).size());
    assertTrue(browser.findElements(By.cssSelector("#graph path[marker-end]")).size() >= 25);
    assertTrue(browser.findElements(By.cssSelector("#graph path.advice")).size() > 0, "advice is drawn dashed");
  }

  @Test
  void the_state_lives_in_the_address_so_a_link_can_be_shared() {
    browser.findElement(By.id("step-peace-declaration")).click();
    setCount("dismantlement", 2);
    new Select(browser.findElement(By.id("goal"))).selectByValue("denuclearization");
    wait.until(d -> d.getCurrentUrl().contains("done=peace-declaration%2Cdismantlement*2")
        && d.getCurrentUrl().contains("goal=denuclearization"));
    String link = browser.getCurrentUrl();

    browser.get("about:blank");
    browser.get(link);

    wait.until(ExpectedConditions.elementSelectionStateToBe(By.id("step-peace-declaration"), true));
    assertEquals("2", browser.findElement(By.id("count-dismantlement")).getAttribute("value"));
    wait.until(d -> planSteps().size() == 2);
    assertEquals(List.of("peace-mechanism", "denuclearization"), planSteps());
  }

  @Test
  void a_party_left_out_of_a_step_is_shown_as_not_counted(@TempDir Path dir) {
    browser.findElement(By.id("step-peace-declaration")).click();
    browser.findElement(By.cssSelector(".step-row[data-step='peace-declaration'] summary")).click();
    browser.findElement(By.id("party-peace-declaration-ROK")).click();

    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("not-counted"),
        "Not counted: Peace declaration, because ROK did not take part."));
    awaitUnlocked("peace-declaration");
  }

  @Test
  void a_record_can_be_dated_suspended_and_given_a_facility_and_the_link_keeps_it() {
    browser.findElement(By.id("step-peace-declaration")).click();
    browser.findElement(By.cssSelector(".step-row[data-step='peace-declaration'] summary")).click();
    browser.findElement(By.id("date-peace-declaration-0")).sendKeys("2027-03", Keys.TAB);
    new Select(browser.findElement(By.id("status-peace-declaration-0"))).selectByValue("suspended");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("not-counted"),
        "Not counted: Peace declaration, because it is suspended."));
    awaitUnlocked("peace-declaration");
    assertEquals("not counted: suspended", browser.findElement(By.id("state-peace-declaration-0")).getText());

    setCount("dismantlement", 2);
    browser.findElement(By.cssSelector(".step-row[data-step='dismantlement'] summary")).click();
    browser.findElement(By.id("facility-dismantlement-0")).sendKeys("Yongbyon reactor", Keys.TAB);
    browser.findElement(By.id("facility-dismantlement-1")).sendKeys("yongbyon  Reactor", Keys.TAB);
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("not-counted"),
        "Not counted: Dismantlement of a nuclear or missile facility (record 2), because"));
    wait.until(d -> d.getCurrentUrl().contains("record=") && d.getCurrentUrl().contains("dismantlement.2"));
    String link = browser.getCurrentUrl();

    browser.get("about:blank");
    browser.get(link);

    wait.until(ExpectedConditions.attributeToBe(By.id("facility-dismantlement-1"), "value", "yongbyon  Reactor"));
    assertEquals("2027-03", browser.findElement(By.id("date-peace-declaration-0")).getAttribute("value"));
    assertEquals("suspended", new Select(browser.findElement(By.id("status-peace-declaration-0")))
        .getFirstSelectedOption().getAttribute("value"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("not-counted"),
        "Not counted: Peace declaration, because it is suspended."));
  }

  @Test
  void a_package_is_offered_to_be_taken_together_and_taking_it_records_both() {
    WebElement offer = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#packages li[data-steps='missile-restraint satellite-launch-services']")));
    assertTrue(offer.getText().contains("Take together: Missile restraint and Satellite launch services"),
        offer.getText());
    blocked("missile-restraint");
    blocked("satellite-launch-services");

    new Select(browser.findElement(By.id("advice"))).selectByValue("ignore");
    new Select(browser.findElement(By.id("goal"))).selectByValue("satellite-launch-services");
    wait.until(d -> planSteps().equals(List.of("missile-restraint+satellite-launch-services")));
    WebElement move = browser.findElement(By.cssSelector("#plan li"));
    assertTrue(move.getText().startsWith("together: Missile restraint and Satellite launch services"),
        move.getText());
    assertTrue(browser.findElement(By.id("plan-summary")).getText()
        .startsWith("2 steps in 1 move to Satellite launch services, by firm rules only"));

    // the decision has been drawn again since: find the offer anew
    browser.findElement(By.cssSelector("#packages li[data-steps~='satellite-launch-services'] button.take")).click();
    wait.until(ExpectedConditions.elementSelectionStateToBe(By.id("step-missile-restraint"), true));
    assertTrue(browser.findElement(By.id("step-satellite-launch-services")).isSelected());
    wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#graph g.node.completed[data-step='missile-restraint']")));
    wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#graph g.node.completed[data-step='satellite-launch-services']")));
    wait.until(ExpectedConditions.textToBe(By.id("plan-summary"), "Satellite launch services has been reached."));
    assertTrue(browser.findElements(By.cssSelector("#packages li")).isEmpty());
    assertTrue(browser.getCurrentUrl().contains("done=missile-restraint%2Csatellite-launch-services"),
        browser.getCurrentUrl());
  }

  @Test
  void switching_the_plan_to_firm_rules_only_shortens_the_road_and_the_link_keeps_it() {
    new Select(browser.findElement(By.id("goal"))).selectByValue("peace-treaty");
    wait.until(d -> planSteps().size() == 10);
    assertTrue(browser.findElement(By.id("plan-summary")).getText()
        .startsWith("10 steps to Peace treaty, following advice"));

    new Select(browser.findElement(By.id("advice"))).selectByValue("ignore");
    wait.until(d -> planSteps().size() == 6);
    assertEquals(List.of("four-party-talks", "normalization", "border-rectification", "artillery-redeployment",
        "force-posture-changes", "peace-treaty"), planSteps());
    assertTrue(browser.findElement(By.id("plan-summary")).getText()
        .startsWith("6 steps to Peace treaty, by firm rules only"));
    List<WebElement> reasons = browser.findElements(By.cssSelector("#plan li .move-reason"));
    assertEquals(6, reasons.size());
    for (WebElement reason : reasons.subList(0, 5)) {
      assertTrue(reason.getText().startsWith("For the peace treaty: "), reason.getText());
    }
    assertEquals("The goal.", reasons.get(5).getText());
    WebElement road = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#compare tr[data-road='peace-treaty']")));
    wait.until(ExpectedConditions.textToBePresentInElement(road, "6 steps"));
    assertEquals("Road to Peace treaty 6 steps 9 steps 6 steps", road.getText().replace('\n', ' '));

    wait.until(d -> d.getCurrentUrl().contains("advice=ignore"));
    String link = browser.getCurrentUrl();
    browser.get("about:blank");
    browser.get(link);
    wait.until(d -> planSteps().size() == 6);
    assertEquals("ignore", new Select(browser.findElement(By.id("advice"))).getFirstSelectedOption()
        .getAttribute("value"));
  }

  @Test
  void a_state_can_be_loaded_from_a_file_and_an_api_error_is_shown_in_words(@TempDir Path dir) throws Exception {
    Path good = Files.writeString(dir.resolve("state.json"),
        "{\"ruleset\": \"treaty-first\", \"completed\": [{\"step\": \"peace-declaration\"},"
            + " {\"step\": \"dismantlement\", \"facility\": \"Yongbyon 5 MW reactor\", \"date\": \"2027-05\"}]}");
    browser.findElement(By.id("load")).sendKeys(good.toString());
    awaitUnlocked("peace-mechanism");
    assertEquals("Yongbyon 5 MW reactor", browser.findElement(By.id("facility-dismantlement-0")).getAttribute("value"));
    assertEquals("2027-05", browser.findElement(By.id("date-dismantlement-0")).getAttribute("value"));
    assertEquals("treaty-first", new Select(browser.findElement(By.id("ruleset"))).getFirstSelectedOption()
        .getAttribute("value"));

    Path bad = Files.writeString(dir.resolve("bad.json"), "{\"completed\": [{\"step\": \"peace-declaraton\"}]}");
    browser.findElement(By.id("load")).sendKeys(bad.toString());
    WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("api-error")));
    wait.until(ExpectedConditions.textToBePresentInElement(error, "did you mean \"peace-declaration\"?"));
    assertTrue(error.getText().contains("completed[0].step"), error.getText());
    assertEquals("treaty-first", new Select(browser.findElement(By.id("ruleset"))).getFirstSelectedOption()
        .getAttribute("value"), "the refused file leaves the state as it was");
    assertTrue(browser.findElement(By.id("step-peace-declaration")).isSelected());
  }

  @Test
  void every_control_has_a_label_and_the_page_loads_nothing_from_another_host() {
    Object unlabelled = ((JavascriptExecutor) browser).executeScript(
        "return [...document.querySelectorAll('input, select')]"
            + ".filter(e => e.labels.length === 0 && !e.getAttribute('aria-label')).map(e => e.id);");
    assertEquals(List.of(), unlabelled);
    Object foreign = ((JavascriptExecutor) browser).executeScript(
        "return performance.getEntriesByType('resource').map(r => r.name)"
            + ".filter(n => !n.startsWith(location.origin));");
    assertEquals(List.of(), foreign);
  }

  @Test
  void swagger_ui_shows_every_operation_without_the_internet() {
    browser.get(api.uri("/docs").toString());
    wait.until(d -> d.findElements(By.cssSelector(".opblock")).size() == org.peacepath.http.ApiServer.ROUTES.size());
    Object foreign = ((JavascriptExecutor) browser).executeScript(
        "return performance.getEntriesByType('resource').map(r => r.name)"
            + ".filter(n => !n.startsWith(location.origin));");
    assertEquals(List.of(), foreign);
  }

  @Test
  void the_workbench_is_usable_from_the_keyboard() {
    WebElement declaration = browser.findElement(By.id("step-peace-declaration"));
    ((JavascriptExecutor) browser).executeScript("arguments[0].focus();", declaration);
    declaration.sendKeys(Keys.SPACE);
    blocked("peace-mechanism");

    WebElement goal = browser.findElement(By.id("goal"));
    ((JavascriptExecutor) browser).executeScript("arguments[0].focus();", goal);
    new Select(goal).selectByValue("peace-mechanism");
    browser.findElement(By.id("plan-button")).sendKeys(Keys.ENTER);
    wait.until(d -> planSteps().size() == 2);
    assertEquals(List.of("dismantlement", "peace-mechanism"), planSteps());
  }
}
