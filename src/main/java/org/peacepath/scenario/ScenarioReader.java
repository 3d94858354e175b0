package org.peacepath.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peacepath.catalog.Catalog;
import org.peacepath.catalog.Party;
import org.peacepath.catalog.Spelling;
import org.peacepath.decide.RecordedStep;
import org.peacepath.rules.Problem;
import org.peacepath.rules.RuleSetException;
import org.peacepath.rules.SourceFile;

/** Reads a {@code .scenarios.yaml} file, naming the line of every mistake in it. */
public final class ScenarioReader {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final List<String> FIELDS = List.of("name", "rulesets", "given", "path", "unlocked",
      "blocked", "completed", "notCounted", "advisories");

  private ScenarioReader() {}

  /** The scenarios of the file, with every step id checked against the catalog. */
  public static List<Scenario> read(SourceFile file, Catalog catalog) throws RuleSetException {
    JsonNode root;
    try {
      root = YAML.readTree(file.text());
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new RuleSetException(new Problem("scenario_syntax", file.path(), line,
          "the scenario file is not valid YAML: " + org.peacepath.rules.CatalogReader.yamlMessage(e)));
    }
    if (root == null || !root.path("scenarios").isArray()) {
      throw new RuleSetException(new Problem("scenario_syntax", file.path(), 1,
          "a scenario file holds a list under \"scenarios:\""));
    }
    List<Problem> problems = new ArrayList<>();
    List<Scenario> scenarios = new ArrayList<>();
    for (JsonNode node : root.path("scenarios")) {
      String name = node.path("name").asText("");
      Context at = new Context(file, lineOf(file.text(), name), catalog, problems);
      if (name.isBlank()) {
        at.problem("scenario_field", "give every scenario a name: a sentence saying what it shows");
      }
      node.fieldNames().forEachRemaining(field -> {
        if (!FIELDS.contains(field)) {
          at.problem("scenario_field", "unknown field \"" + field + "\""
              + Spelling.suggest(field, FIELDS).map(s -> "; did you mean \"" + s + "\"?").orElse(""));
        }
      });
      List<RecordedStep> given = new ArrayList<>();
      for (JsonNode step : node.path("given")) {
        RecordedStep recorded = at.recorded(step);
        if (recorded != null) {
          given.add(recorded);
        }
      }
      Map<String, List<String>> blocked = new LinkedHashMap<>();
      node.path("blocked").fields().forEachRemaining(entry -> {
        if (at.step(entry.getKey()) != null) {
          blocked.put(entry.getKey(), at.steps(entry.getValue(), "blocked." + entry.getKey()));
        }
      });
      if (node.path("path").isEmpty() && node.path("unlocked").isEmpty() && blocked.isEmpty()
          && !node.has("completed") && !node.has("notCounted") && !node.has("advisories")) {
        at.problem("scenario_field", "scenario \"" + name + "\" expects nothing: add unlocked, blocked, "
            + "completed, notCounted, advisories or a path");
      }
      scenarios.add(new Scenario(name, file.path(), at.line, texts(node.path("rulesets")), given,
          at.steps(node.path("path"), "path"), at.steps(node.path("unlocked"), "unlocked"), blocked,
          node.has("completed") ? at.steps(node.path("completed"), "completed") : null,
          node.has("notCounted") ? at.steps(node.path("notCounted"), "notCounted") : null,
          node.has("advisories") ? texts(node.path("advisories")) : null));
    }
    if (!problems.isEmpty()) {
      throw new RuleSetException(problems);
    }
    return scenarios;
  }

  private static List<String> texts(JsonNode node) {
    List<String> texts = new ArrayList<>();
    node.forEach(item -> texts.add(item.asText()));
    return texts;
  }

  private static int lineOf(String text, String name) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].trim();
      if (!name.isEmpty() && line.startsWith("- name:") && line.contains(name)) {
        return i + 1;
      }
    }
    return 1;
  }

  /** Where the scenario being read stands, for problems. */
  private record Context(SourceFile file, int line, Catalog catalog, List<Problem> problems) {
    void problem(String code, String message) {
      problems.add(new Problem(code, file.path(), line, message));
    }

    String step(String id) {
      if (catalog.contains(id)) {
        return id;
      }
      problem("unknown_step", "unknown step id \"" + id + "\"; did you mean \"" + catalog.nearest(id) + "\"?");
      return null;
    }

    List<String> steps(JsonNode node, String field) {
      List<String> steps = new ArrayList<>();
      if (!node.isMissingNode() && !node.isNull() && !node.isArray()) {
        problem("scenario_field", field + " must be a list of step ids, such as [peace-declaration]");
        return steps;
      }
      for (JsonNode item : node) {
        String id = step(item.asText());
        if (id != null) {
          steps.add(id);
        }
      }
      return steps;
    }

    /** A step of {@code given}: a step id, or {step, parties, note}. */
    RecordedStep recorded(JsonNode node) {
      if (node.isTextual()) {
        String id = step(node.asText());
        return id == null ? null : RecordedStep.of(id);
      }
      String id = step(node.path("step").asText(""));
      List<Party> parties = null;
      if (node.has("parties")) {
        parties = new ArrayList<>();
        for (JsonNode code : node.path("parties")) {
          var party = Party.byCode(code.asText());
          if (party.isEmpty()) {
            problem("unknown_party", "unknown party \"" + code.asText() + "\"; the parties are " + Party.codes());
          } else {
            parties.add(party.get());
          }
        }
      }
      return id == null ? null : new RecordedStep(id, parties, node.path("note").asText(null));
    }
  }
}
