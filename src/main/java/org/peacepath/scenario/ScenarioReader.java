package org.peacepath.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peacepath.catalog.Catalog;
import org.peacepath.catalog.Spelling;
import org.peacepath.decide.InputProblem;
import org.peacepath.decide.RecordedStep;
import org.peacepath.wire.RecordReader;
import org.peacepath.rules.Problem;
import org.peacepath.rules.RuleSetException;
import org.peacepath.rules.SourceFile;

/** Reads a {@code .scenarios.yaml} file, naming the line of every mistake in it. */
public final class ScenarioReader {
  /** The most scenarios one file may hold. */
  public static final int MAX_SCENARIOS = 500;
  /** The most records a scenario may give, and the most moves its path may take: as many as a request may hold. */
  public static final int MAX_RECORDS = RecordReader.MAX_STEPS;

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final List<String> FIELDS = List.of("name", "rulesets", "given", "path", "unlocked",
      "blocked", "cautions", "completed", "notCounted", "advisories", "packages", "irregular", "roads");
  private static final List<String> EXPECTATIONS = FIELDS.subList(3, FIELDS.size());

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
    if (root.path("scenarios").size() > MAX_SCENARIOS) {
      throw new RuleSetException(new Problem("scenario_too_large", file.path(), 1, "the file holds "
          + String.format("%,d", root.path("scenarios").size()) + " scenarios; a scenario file holds at most "
          + MAX_SCENARIOS + ": split it into files by theme"));
    }
    List<Problem> problems = new ArrayList<>();
    List<Scenario> scenarios = new ArrayList<>();
    for (JsonNode node : root.path("scenarios")) {
      String name = node.path("name").asText("");
      Context at = new Context(file, lineOf(file.text(), name), catalog, problems);
      if (node.path("given").size() > MAX_RECORDS || node.path("path").size() > MAX_RECORDS) {
        at.problem("scenario_too_large", "scenario \"" + name + "\" gives " + String.format("%,d", node.path("given").size())
            + " records and a path of " + String.format("%,d", node.path("path").size()) + " moves; a scenario, like a "
            + "request, holds at most " + String.format("%,d", MAX_RECORDS) + " of each");
        continue;
      }
      if (name.isBlank()) {
        at.problem("scenario_field", "give every scenario a name: a sentence saying what it shows");
      }
      node.fieldNames().forEachRemaining(field -> {
        if (!FIELDS.contains(field)) {
          at.problem("scenario_field", "unknown field \"" + field + "\""
              + Spelling.didYouMean(field, FIELDS));
        }
      });
      List<RecordedStep> given = new ArrayList<>();
      JsonNode records = node.path("given");
      for (int i = 0; i < records.size(); i++) {
        RecordedStep recorded = at.recorded(records.get(i), "given[" + i + "]");
        if (recorded != null) {
          given.add(recorded);
        }
      }
      if (EXPECTATIONS.stream().noneMatch(node::has)) {
        at.problem("scenario_field", "scenario \"" + name + "\" expects nothing: add one of "
            + String.join(", ", EXPECTATIONS));
      }
      scenarios.add(new Scenario(name, file.path(), at.line, texts(node.path("rulesets")), given,
          at.moves(node.path("path"), "path"),
          at.steps(node.path("unlocked"), "unlocked"),
          at.expected(node.path("blocked"), "blocked", true),
          at.expected(node.path("cautions"), "cautions", false),
          node.has("completed") ? at.steps(node.path("completed"), "completed") : null,
          node.has("notCounted") ? at.steps(node.path("notCounted"), "notCounted") : null,
          node.has("advisories") ? texts(node.path("advisories")) : null,
          node.has("packages") ? at.moves(node.path("packages"), "packages") : null,
          node.has("irregular") ? at.irregular(node.path("irregular")) : null,
          at.roads(node.path("roads"))));
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

    /**
     * {@code roads: [{goal: peace-treaty, advice: follow, steps: 10, moves: 10}]}; {@code advice} defaults to
     * follow, {@code moves} may be left out, and {@code unreachable: true} stands for {@code steps}.
     * {@code via: [peace-declaration, [missile-restraint, satellite-launch-services]]} names the road itself,
     * move by move, and then stands for {@code steps} and {@code moves}.
     */
    List<Scenario.ExpectedRoad> roads(JsonNode node) {
      List<Scenario.ExpectedRoad> roads = new ArrayList<>();
      if (node.isMissingNode() || node.isNull()) {
        return roads;
      }
      if (!node.isArray()) {
        problem("scenario_field", "roads must be a list such as [{goal: peace-treaty, advice: follow, steps: 10}]");
        return roads;
      }
      for (JsonNode road : node) {
        java.util.Set<String> fields = new java.util.LinkedHashSet<>();
        road.fieldNames().forEachRemaining(fields::add);
        fields.removeAll(List.of("goal", "advice", "steps", "moves", "unreachable", "via"));
        if (!road.isObject() || !road.has("goal") || !fields.isEmpty()) {
          problem("scenario_field", "each road is {goal: STEP, advice: follow or ignore, steps: N, moves: N}"
              + " or {goal: STEP, advice: follow or ignore, via: [STEP, [STEP, STEP], ...]}"
              + (fields.isEmpty() ? "" : "; remove " + String.join(", ", fields)));
          continue;
        }
        String goal = step(road.path("goal").asText());
        String advice = road.path("advice").asText("follow");
        if (!List.of("follow", "ignore").contains(advice)) {
          problem("scenario_field", "a road's advice is follow or ignore, not \"" + advice + "\"");
          continue;
        }
        boolean unreachable = road.path("unreachable").asBoolean(false);
        List<List<String>> via = null;
        if (road.has("via")) {
          if (unreachable) {
            problem("scenario_field", "a road to " + road.path("goal").asText() + " cannot be unreachable and go via"
                + " steps; keep one of the two");
            continue;
          }
          via = moves(road.path("via"), "via");
          int steps = via.stream().mapToInt(List::size).sum();
          if ((road.has("steps") && road.path("steps").asInt() != steps)
              || (road.has("moves") && road.path("moves").asInt() != via.size())) {
            problem("scenario_field", "the road to " + road.path("goal").asText() + " goes via " + steps
                + " steps in " + via.size() + " moves, not as its steps or moves say; remove steps and moves,"
                + " via says both");
            continue;
          }
          if (via.isEmpty() || !via.get(via.size() - 1).contains(road.path("goal").asText())) {
            problem("scenario_field", "the road to " + road.path("goal").asText() + " must end with "
                + road.path("goal").asText() + " in its last move of via");
            continue;
          }
          if (goal != null) {
            roads.add(new Scenario.ExpectedRoad(goal, advice, steps, via.size(), List.copyOf(via)));
          }
          continue;
        }
        if (unreachable == road.has("steps")) {
          problem("scenario_field", "a road to " + road.path("goal").asText() + " says how many steps it takes"
              + " (steps: N), or that the goal cannot be reached (unreachable: true), one of the two");
          continue;
        }
        if ((road.has("steps") && !road.path("steps").canConvertToInt())
            || (road.has("moves") && !road.path("moves").canConvertToInt())) {
          problem("scenario_field", "a road's steps and moves are whole numbers");
          continue;
        }
        if (goal != null) {
          roads.add(new Scenario.ExpectedRoad(goal, advice, unreachable ? null : road.path("steps").asInt(),
              road.has("moves") ? road.path("moves").asInt() : null, null));
        }
      }
      return roads;
    }

    String step(String id) {
      if (catalog.contains(id)) {
        return id;
      }
      problem("unknown_step", "unknown step id \"" + id + "\"" + Spelling.didYouMean(catalog.suggest(id)));
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

    /** A list whose items are a step id, or a list of step ids taken together. */
    List<List<String>> moves(JsonNode node, String field) {
      List<List<String>> moves = new ArrayList<>();
      if (!node.isMissingNode() && !node.isNull() && !node.isArray()) {
        problem("scenario_field", field + " must be a list whose items are a step id or a list of step ids taken together");
        return moves;
      }
      for (JsonNode item : node) {
        List<String> move = item.isArray() ? steps(item, field) : steps(YAML.createArrayNode().add(item), field);
        if (!move.isEmpty()) {
          moves.add(move);
        }
      }
      return moves;
    }

    /** {@code step: [ids]} (the short form) or {@code step: {rules: [...], requires|recommends: [...]}}. */
    Map<String, Scenario.Expected> expected(JsonNode node, String field, boolean blocks) {
      Map<String, Scenario.Expected> expected = new LinkedHashMap<>();
      String stepsField = blocks ? "requires" : "recommends";
      node.fields().forEachRemaining(entry -> {
        if (step(entry.getKey()) == null) {
          return;
        }
        JsonNode value = entry.getValue();
        String where = field + "." + entry.getKey();
        if (value.isObject()) {
          value.fieldNames().forEachRemaining(name -> {
            if (!name.equals("rules") && !name.equals(stepsField)) {
              problem("scenario_field", where + " takes rules and " + stepsField + ", not \"" + name + "\"");
            }
          });
          expected.put(entry.getKey(), new Scenario.Expected(
              value.has("rules") ? texts(value.path("rules")) : null,
              value.has(stepsField) ? steps(value.path(stepsField), where + "." + stepsField) : null));
        } else if (blocks) {
          expected.put(entry.getKey(), new Scenario.Expected(null, steps(value, where)));
        } else {
          expected.put(entry.getKey(), new Scenario.Expected(texts(value), null));
        }
      });
      return expected;
    }

    List<Scenario.ExpectedIrregular> irregular(JsonNode node) {
      List<Scenario.ExpectedIrregular> irregular = new ArrayList<>();
      for (JsonNode item : node) {
        if (item.isInt()) {
          irregular.add(new Scenario.ExpectedIrregular(item.asInt(), null));
        } else if (item.path("index").isInt()) {
          irregular.add(new Scenario.ExpectedIrregular(item.path("index").asInt(),
              item.has("rules") ? texts(item.path("rules")) : null));
        } else {
          problem("scenario_field", "irregular takes the index of each irregular record in given, or {index: N, rules: [ids]}");
        }
      }
      return irregular;
    }

    /** A record of {@code given}: a step id, or {step, parties, note, facility, date, status} as a request writes it. */
    RecordedStep recorded(JsonNode node, String field) {
      JsonNode record = node;
      if (node.isTextual()) {
        record = YAML.createObjectNode().put("step", node.asText());
      } else if (node.isObject() && node.path("date").isNumber()) {
        record = ((ObjectNode) node.deepCopy()).set("date", TextNode.valueOf(node.path("date").asText()));
      }
      List<InputProblem> found = new ArrayList<>();
      var written = RecordReader.written(record, 0, field, found);
      RecordedStep recorded = written == null ? null : org.peacepath.decide.RecordCheck.one(written, catalog, found);
      found.forEach(p -> problem(p.code(), p.field() + ": " + p.message()));
      return recorded;
    }
  }
}
