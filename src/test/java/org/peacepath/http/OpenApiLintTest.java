package org.peacepath.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peacepath.wire.Json;

/**
 * Lints the OpenAPI document with Redocly's CLI, pinned, under the rules of {@code redocly.yaml}
 * (Redocly's recommended ones): any error or warning fails. Skipped, and says so, where Node.js's
 * {@code npx} is not installed, except in CI ({@code CI=true}) or with {@code PEACEPATH_REQUIRE_LINT=1},
 * where a lint that cannot run fails.
 */
class OpenApiLintTest {
  /** The linter, at an exact version: a newer one may bring new rules. */
  static final String REDOCLY = "@redocly/cli@2.77.0";
  static final Path DOCUMENT = Path.of("src/main/resources/openapi.yaml");

  @Test
  void the_openapi_document_has_no_error_and_no_warning_under_redocly_recommended_rules(@TempDir Path dir)
      throws Exception {
    assertTrue(Files.isRegularFile(Path.of("redocly.yaml")) && Files.isRegularFile(DOCUMENT),
        "run from the project's top folder, where redocly.yaml is");
    boolean required = "true".equals(System.getenv("CI")) || "1".equals(System.getenv("PEACEPATH_REQUIRE_LINT"));
    Optional<Path> npx = onPath("npx");
    String missing = "npx is not installed (Node.js and npm), so the OpenAPI document is not linted";
    if (npx.isEmpty()) {
      skipUnlessRequired(required, missing);
    }

    Path out = dir.resolve("lint.json");
    Path err = dir.resolve("lint.err");
    ProcessBuilder command = new ProcessBuilder(npx.get().toString(), "--yes", REDOCLY, "lint",
        "--config=redocly.yaml", "--format=json", DOCUMENT.toString())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    command.environment().put("REDOCLY_TELEMETRY", "off");
    command.environment().put("NO_UPDATE_NOTIFIER", "1");
    Process lint = command.start();
    if (!lint.waitFor(5, TimeUnit.MINUTES)) {
      lint.destroyForcibly();
      fail("npx " + REDOCLY + " lint did not finish in 5 minutes");
    }
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    JsonNode report;
    try {
      report = Json.MAPPER.readTree(out.toFile());
    } catch (java.io.IOException e) {
      report = null;
    }
    if (report == null || !report.has("totals")) {
      // npx could not fetch or start the linter (offline, say): not a verdict on the document.
      String why = "npx " + REDOCLY + " lint gave no report (exit " + lint.exitValue() + "):\n" + tail(stderr);
      skipUnlessRequired(required, why);
    }
    List<String> problems = new ArrayList<>();
    report.path("problems").forEach(problem -> problems.add(problem.path("severity").asText() + " "
        + problem.path("ruleId").asText() + " at " + problem.path("location").path(0).path("pointer").asText()
        + " (line " + problem.path("location").path(0).path("start").path("line").asText() + "): "
        + problem.path("message").asText()));
    assertEquals(List.of(), problems, DOCUMENT + " under " + REDOCLY + " lint; run it by hand for the details");
    assertEquals(0, report.path("totals").path("ignored").asInt(), "no problem may be ignored by an ignore file");
    assertEquals(0, lint.exitValue(), tail(stderr));
  }

  /** Fails where the lint is required; elsewhere skips the test, saying why where the build shows it. */
  static void skipUnlessRequired(boolean required, String why) {
    if (required) {
      fail(why + " (CI=true or PEACEPATH_REQUIRE_LINT=1: the lint is required)");
    }
    System.err.println("OpenApiLintTest skipped: " + why);
    Assumptions.abort(why);
  }

  static Optional<Path> onPath(String program) {
    String path = System.getenv("PATH");
    return path == null ? Optional.empty() : Stream.of(path.split(File.pathSeparator))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, program))
        .filter(Files::isExecutable)
        .findFirst();
  }

  static String tail(String text) {
    return text.length() <= 2_000 ? text : "…" + text.substring(text.length() - 2_000);
  }
}
