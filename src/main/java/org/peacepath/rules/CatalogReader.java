package org.peacepath.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.peacepath.catalog.Catalog;
import org.peacepath.catalog.Party;
import org.peacepath.catalog.Spelling;
import org.peacepath.catalog.Step;

/** Reads {@code catalog.yaml}, naming the line of each mistake an editor made in it. */
public final class CatalogReader {
  /** How a step id is spelt: lowercase words joined by hyphens. */
  public static final Pattern STEP_ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

  /**
   * The most steps a catalog may list. Every decision is made over every step, and the step graph plans
   * a road to each, so a catalog of thousands makes every answer megabytes long and the graph unlearnable.
   */
  public static final int MAX_STEPS = 300;

  /**
   * The most kinds a catalog may list. A rule that counts by kind ranges over every tally, one per kind, so
   * the check that bounds a rule's joins ({@code JoinCheck}) counts on there being no more than these.
   */
  public static final int MAX_KINDS = 8;

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final List<String> FIELDS =
      List.of("id", "title", "kind", "parties", "atLeastOneOf", "mayAlsoSign", "repeatable", "description", "source");

  private CatalogReader() {}

  /** Parses the catalog text; {@code file} names it in problems. */
  public static Catalog read(String file, String text) throws RuleSetException {
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new RuleSetException(new Problem("catalog_syntax", file, line,
          "the catalog is not valid YAML: " + yamlMessage(e)));
    }
    if (root == null || !root.path("steps").isArray() || root.path("steps").isEmpty()) {
      throw new RuleSetException(new Problem("catalog_syntax", file, 1,
          "the catalog needs a list of steps under \"steps:\""));
    }
    if (root.path("steps").size() > MAX_STEPS) {
      throw new RuleSetException(new Problem("catalog_too_large", file, 1, "the catalog lists "
          + String.format("%,d", root.path("steps").size()) + " steps; peacepath takes at most " + MAX_STEPS
          + ", since every decision covers every step and the step graph plans a road to each"));
    }
    List<Problem> problems = new ArrayList<>();
    List<String> kinds = kinds(root, file, text, problems);
    String facilityKind = root.path("facilityKind").asText("");
    if (!kinds.contains(facilityKind)) {
      problems.add(new Problem("catalog_kind", file, lineOf(text, "facilityKind:"), "facilityKind \"" + facilityKind
          + "\" must name the kind whose records name a facility, one of " + String.join(", ", kinds)
          + Spelling.didYouMean(facilityKind, kinds)));
    }
    List<Step> steps = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    int index = 0;
    for (JsonNode node : root.path("steps")) {
      String id = node.path("id").asText("");
      String where = id.isEmpty() ? "step " + (index + 1) : "step " + id;
      int line = lineOf(text, id);
      index++;
      node.fieldNames().forEachRemaining(field -> {
        if (!FIELDS.contains(field)) {
          problems.add(new Problem("catalog_field", file, line, where + ": unknown field \"" + field
              + "\"" + Spelling.didYouMean(field, FIELDS)));
        }
      });
      if (!STEP_ID.matcher(id).matches()) {
        problems.add(new Problem("catalog_field", file, line, where
            + ": the id must be lowercase words joined by hyphens, such as peace-declaration"));
        continue;
      }
      if (seen.contains(id)) {
        problems.add(new Problem("catalog_duplicate", file, line, where + " is listed twice; remove one"));
        continue;
      }
      seen.add(id);
      if (node.path("title").asText("").isBlank()) {
        problems.add(new Problem("catalog_field", file, line, where + ": give the step a title"));
      }
      String kind = node.path("kind").asText("");
      if (!kinds.contains(kind)) {
        problems.add(new Problem("catalog_kind", file, line, where + ": kind \"" + kind + "\" is not one of "
            + String.join(", ", kinds) + Spelling.didYouMean(kind, kinds)));
      }
      List<Party> parties = parties(node.path("parties"), file, line, where + ": parties", problems);
      List<Party> atLeastOneOf = parties(node.path("atLeastOneOf"), file, line, where + ": atLeastOneOf", problems);
      if (parties.isEmpty() && atLeastOneOf.isEmpty()) {
        problems.add(new Problem("catalog_field", file, line, where
            + ": name who takes the step under \"parties\" (all of them) or \"atLeastOneOf\""));
      }
      List<Party> mayAlsoSign = parties(node.path("mayAlsoSign"), file, line, where + ": mayAlsoSign", problems);
      for (Party party : atLeastOneOf) {
        if (parties.contains(party)) {
          problems.add(new Problem("catalog_field", file, line, where + ": " + party
              + " is under both parties and atLeastOneOf; list it once"));
        }
      }
      for (Party party : mayAlsoSign) {
        if (parties.contains(party) || atLeastOneOf.contains(party)) {
          problems.add(new Problem("catalog_field", file, line, where + ": " + party
              + " is required and also under mayAlsoSign; list it once"));
        }
      }
      JsonNode repeatable = node.path("repeatable");
      if (!repeatable.isMissingNode() && !repeatable.isBoolean()) {
        problems.add(new Problem("catalog_field", file, line, where + ": repeatable must be true or false"));
      }
      steps.add(new Step(id, node.path("title").asText(""), kind, parties, atLeastOneOf, mayAlsoSign,
          repeatable.asBoolean(false), node.path("description").asText(""),
          node.path("source").asText("")));
    }
    if (!problems.isEmpty()) {
      throw new RuleSetException(problems);
    }
    return new Catalog(kinds, facilityKind, steps);
  }

  /** The kinds listed under {@code kinds:}, each spelt as an id, at most {@link #MAX_KINDS}. */
  private static List<String> kinds(JsonNode root, String file, String text, List<Problem> problems) {
    JsonNode node = root.path("kinds");
    int line = lineOf(text, "kinds:");
    if (!node.isArray() || node.isEmpty()) {
      problems.add(new Problem("catalog_kind", file, line,
          "the catalog needs its list of kinds under \"kinds:\", such as [interim-agreement, treaty]"));
      return List.of();
    }
    List<String> kinds = new ArrayList<>();
    for (JsonNode kind : node) {
      if (!STEP_ID.matcher(kind.asText("")).matches() || kinds.contains(kind.asText())) {
        problems.add(new Problem("catalog_kind", file, line, "kind \"" + kind.asText("")
            + "\" must be lowercase words joined by hyphens, listed once"));
      } else {
        kinds.add(kind.asText());
      }
    }
    if (kinds.size() > MAX_KINDS) {
      problems.add(new Problem("catalog_kind", file, line, "the catalog lists " + kinds.size()
          + " kinds; peacepath takes at most " + MAX_KINDS + ", since a rule that counts by kind ranges over them all"));
    }
    return List.copyOf(kinds);
  }

  private static List<Party> parties(JsonNode node, String file, int line, String where, List<Problem> problems) {
    List<Party> parties = new ArrayList<>();
    if (node.isMissingNode() || node.isNull()) {
      return parties;
    }
    if (!node.isArray()) {
      problems.add(new Problem("catalog_field", file, line, where + " must be a list, such as [US, DPRK, ROK]"));
      return parties;
    }
    for (JsonNode code : node) {
      Party.byCode(code.asText()).ifPresentOrElse(parties::add, () -> problems.add(new Problem(
          "unknown_party", file, line, where + ": unknown party \"" + code.asText()
              + "\"; the parties are " + Party.codes())));
    }
    return parties;
  }

  /** A YAML parser's message on one line, without the excerpt of the file it quotes. */
  public static String yamlMessage(JsonProcessingException e) {
    return String.join("; ", e.getOriginalMessage().lines()
        .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
        .toList());
  }

  /** The line on which the step with this id (or the top-level field {@code name:}) is declared, or 1 when it cannot be found. */
  private static int lineOf(String text, String id) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].trim();
      if (id.endsWith(":") ? line.startsWith(id)
          : !id.isEmpty() && (line.equals("- id: " + id) || line.equals("id: " + id))) {
        return i + 1;
      }
    }
    return 1;
  }
}
