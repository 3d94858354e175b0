package org.peacepath.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium for the workbench's browser tests, and axe-core run in the page: skipped,
 * and said so, where the browser is not installed (required where PEACEPATH_REQUIRE_BROWSER is set).
 */
final class Chromium {
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static String axe;

  private Chromium() {}

  /** A new browser of a desktop's size, or a phone's when {@code mobileEmulation} is given. */
  static ChromeDriver start(Path profile, Map<String, Object> mobileEmulation) {
    boolean installed = Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
    String missing = "Debian's chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)";
    if (System.getenv("PEACEPATH_REQUIRE_BROWSER") != null) {
      assertTrue(installed, missing);
    }
    Assumptions.assumeTrue(installed, missing);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1440,1000");
    if (mobileEmulation != null) {
      options.setExperimentalOption("mobileEmulation", mobileEmulation);
    }
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    ChromeDriver browser = new ChromeDriver(service, options);
    browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    return browser;
  }

  /**
   * Runs axe-core on the page as it stands, with its experimental check that a control's accessible name
   * holds its visible words, and returns its serious and critical violations, each as "rule: the
   * elements it names", so that a failure says what to mend.
   */
  @SuppressWarnings("unchecked")
  static List<String> seriousViolations(ChromeDriver browser) {
    JavascriptExecutor js = browser;
    if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object'"))) {
      js.executeScript(axeSource());
    }
    return (List<String>) js.executeAsyncScript("const done = arguments[arguments.length - 1];"
        // label-content-name-mismatch is experimental in axe-core, so off unless asked for; target-size too
        + "axe.run(document, { resultTypes: ['violations'], rules: { 'label-content-name-mismatch': { enabled: true },"
        + " 'target-size': { enabled: true } } }).then(r => done(r.violations"
        + "  .filter(v => v.impact === 'serious' || v.impact === 'critical')"
        + "  .flatMap(v => v.nodes.slice(0, 3).map(n => v.id + ': ' + n.target.join(' ') + ' ' + n.html.slice(0, 80)))))"
        + ".catch(e => done(['axe failed: ' + e]));");
  }

  private static synchronized String axeSource() {
    if (axe == null) {
      try (InputStream in = Chromium.class.getClassLoader().getResourceAsStream("axe.min.js")) {
        assertTrue(in != null, "axe.min.js (com.deque.html.axe-core:selenium) is on the test classpath");
        axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return axe;
  }
}
