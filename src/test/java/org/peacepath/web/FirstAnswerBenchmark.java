package org.peacepath.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The workbench's first answer on a server just started, as the first person to open it meets it (a
 * benchmark, not a test): for each round, a browser with an empty cache is opened, then {@code ./peacepath
 * serve} is started, and the page is loaded the moment the server says it serves; the figure is
 * the page's own note of when its first answer was drawn, from the start of its load. Run from the
 * project's folder, after {@code mvn -B -q package -DskipTests}:
 *
 * <pre>
 * mvn -B -q test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *   -Dexec.args="-cp %classpath org.peacepath.web.FirstAnswerBenchmark 5"
 * </pre>
 *
 * <p>The arguments: rounds (5), the port (7393), and any third to print when each request of the load
 * started and ended. {@code -Dpeacepath.dir=DIR} runs the server of another build.
 */
public final class FirstAnswerBenchmark {
  private FirstAnswerBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 7393;
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
    List<Long> firsts = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      Path profile = Files.createTempDirectory("peacepath-first-answer");
      ChromeDriver browser = Chromium.start(profile, null);
      // another build's folder (its own target/peacepath.jar and rules/), to compare two builds turn by turn
      Path dir = Path.of(System.getProperty("peacepath.dir", "."));
      Path said = Files.createTempFile("peacepath-serve", ".log");
      Process server = new ProcessBuilder("./peacepath", "serve", "--port", String.valueOf(port))
          .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(said.toFile()).start();
      try {
        long started = System.nanoTime();
        // the moment it says it serves, as an operator sees it start
        while (!Files.readString(said).contains("peacepath serving") || !up(http, port)) {
          if (!server.isAlive()) {
            throw new IllegalStateException("the server stopped: " + Files.readString(said));
          }
          Thread.sleep(10);
        }
        long serving = (System.nanoTime() - started) / 1_000_000;
        browser.get("http://127.0.0.1:" + port + "/");
        Object first = null;
        for (int i = 0; i < 1000 && first == null; i++) {
          first = browser.executeScript("return document.body && document.body.dataset.firstAnswer || null");
          if (first == null) {
            Thread.sleep(5);
          }
        }
        long ms = Long.parseLong(String.valueOf(first));
        firsts.add(ms);
        System.out.printf("round %d: serving %d ms after start; first answer %d ms from the start of the page's load%n",
            round + 1, serving, ms);
        if (args.length > 2) {
          // where the time went: each request of the load, when it started and ended, from the start of the load
          System.out.println(browser.executeScript("const n = performance.getEntriesByType('navigation')[0];"
              + "return 'page ' + Math.round(n.responseEnd) + ' ms, DOMContentLoaded ' + Math.round(n.domContentLoadedEventEnd) + '\\n'"
              + " + performance.getEntriesByType('resource').map(r => '  ' + r.name.replace(/^https?:\\/\\/[^/]+/, '')"
              + " + ' ' + Math.round(r.startTime) + '-' + Math.round(r.responseEnd)).join('\\n');"));
        }
      } finally {
        browser.quit();
        server.destroy();
        server.waitFor();
      }
    }
    List<Long> sorted = firsts.stream().sorted().toList();
    System.out.printf("first answer: median %d ms, slowest %d ms, fastest %d ms (%d rounds)%n",
        sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), sorted.get(0), sorted.size());
  }

  private static boolean up(HttpClient http, int port) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (Exception e) {
      return false;
    }
  }
}
