package org.peacepath.diff;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.peacepath.decide.Decision;
import org.peacepath.decide.EvaluateRequest;
import org.peacepath.decide.Evaluator;
import org.peacepath.decide.InvalidInputException;
import org.peacepath.rules.RuleFailureException;
import org.peacepath.rules.RuleSet;
import org.peacepath.wire.Json;
import org.peacepath.wire.Requests;

/**
 * Replays a decision log ({@code serve --decision-log}, one JSON line per answer: {@code kind},
 * {@code decisionId}, {@code time}, {@code ruleset}, {@code revision}, {@code request}, {@code answer}):
 * each decision logged under a rule set being compared is answered again under the revision before the edit
 * and the one after, as the API would answer it (its packages when it asked for them, its irregular records
 * when every record is dated), and the answers are compared. A log ending in {@code .gz} is read compressed.
 */
public final class LogReplay {
  /** How many examples are kept for each rule set. */
  static final int EXAMPLES = 3;
  /** How many distinct requests are remembered, so that a request logged many times is answered once. */
  private static final int REMEMBERED = 100_000;

  private LogReplay() {}

  /**
   * What replaying a log found.
   *
   * @param file the log, as given
   * @param lines how many lines it has
   * @param unreadable lines that are not a JSON object with a request (a line cut short by a crash)
   * @param others lines of other kinds (comparisons, plans) or of rule sets not compared
   * @param rulesets what the decisions of each rule set compared found, by name
   */
  public record Replay(String file, long lines, long unreadable, long others, Map<String, Found> rulesets) {}

  /**
   * The decisions of one rule set in the log.
   *
   * @param decisions how many were logged under it
   * @param different how many would now be answered differently
   * @param examples the first few of those, in the log's order
   */
  public record Found(long decisions, long different, List<Example> examples) {}

  /**
   * A logged decision that the edit answers differently.
   *
   * @param line its line in the log, from 1
   * @param decisionId the id it was answered with
   * @param time when
   * @param revision the revision that answered it then
   * @param request the request as logged
   * @param rules the rules that now say something different ({@code @id}s)
   * @param steps the steps whose answer differs
   * @param beforeAnswer its answer under the revision before the edit (or why there is none)
   * @param afterAnswer its answer under the revision after it
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Example(long line, String decisionId, String time, String revision, JsonNode request,
      List<String> rules, List<String> steps, Object beforeAnswer, Object afterAnswer) {}

  /** Replays the log at {@code file} for each rule set of {@code pairs} (name to its revisions before and after). */
  public static Replay replay(Path file, Map<String, RuleSet[]> pairs) throws IOException {
    Map<String, long[]> counts = new LinkedHashMap<>();
    Map<String, List<Example>> examples = new LinkedHashMap<>();
    pairs.keySet().forEach(name -> {
      counts.put(name, new long[2]);
      examples.put(name, new ArrayList<>());
    });
    Map<String, Example> remembered = new HashMap<>();
    long lines = 0;
    long unreadable = 0;
    long others = 0;
    try (BufferedReader reader = open(file)) {
      String text;
      while ((text = reader.readLine()) != null) {
        lines++;
        if (text.isBlank()) {
          continue;
        }
        JsonNode line;
        try {
          line = Json.MAPPER.readTree(text);
        } catch (IOException e) {
          unreadable++;
          continue;
        }
        if (line == null || !line.isObject() || !line.path("request").isObject()) {
          unreadable++;
          continue;
        }
        String name = line.path("ruleset").asText();
        if (!line.path("kind").asText().equals("decision") || !pairs.containsKey(name)) {
          others++;
          continue;
        }
        counts.get(name)[0]++;
        String key = name + "\n" + line.get("request");
        Example differs = remembered.get(key);
        if (differs == null && !remembered.containsKey(key)) {
          RuleSet[] pair = pairs.get(name);
          differs = compare(line.get("request"), pair[0], pair[1]);
          if (remembered.size() < REMEMBERED) {
            remembered.put(key, differs);
          }
        }
        if (differs != null) {
          counts.get(name)[1]++;
          if (examples.get(name).size() < EXAMPLES) {
            examples.get(name).add(new Example(lines, line.path("decisionId").asText(null), line.path("time").asText(null),
                line.path("revision").asText(null), line.get("request"), differs.rules(), differs.steps(),
                differs.beforeAnswer(), differs.afterAnswer()));
          }
        }
      }
    }
    Map<String, Found> found = new LinkedHashMap<>();
    counts.forEach((name, n) -> found.put(name, new Found(n[0], n[1], List.copyOf(examples.get(name)))));
    return new Replay(file.toString(), lines, unreadable, others, found);
  }

  private static BufferedReader open(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    if (file.getFileName().toString().endsWith(".gz")) {
      in = new GZIPInputStream(in, 1 << 16); // reads every member of the file, as zcat does
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
  }

  /** The request answered under both revisions, or {@code null} when the answers are the same. */
  static Example compare(JsonNode request, RuleSet before, RuleSet after) {
    Object was = answer(request, before);
    Object is = answer(request, after);
    if (was instanceof Decision a && is instanceof Decision b) {
      Delta delta = Delta.of(a, b);
      return delta == null ? null : new Example(0, null, null, null, request, List.copyOf(delta.rules()),
          List.copyOf(delta.steps()), withoutId(a), withoutId(b));
    }
    if (was.equals(is)) {
      return null;
    }
    return new Example(0, null, null, null, request, List.of(), List.of(),
        was instanceof Decision a ? withoutId(a) : was, is instanceof Decision b ? withoutId(b) : is);
  }

  /** The answer as the API would give it, or why there is none, in words. */
  private static Object answer(JsonNode request, RuleSet ruleSet) {
    try {
      EvaluateRequest read = Requests.evaluate(request, ruleSet);
      return Evaluator.evaluate(ruleSet, read.completed(), read.packages());
    } catch (InvalidInputException e) {
      return "refused as bad input: " + e.getMessage();
    } catch (RuleFailureException e) {
      return "no answer (" + e.code() + "): " + e.getMessage();
    }
  }

  /** Without its id, and without the steps and records that follow from the rest (logs older than them lack them). */
  private static Decision withoutId(Decision d) {
    return d.bare();
  }
}
