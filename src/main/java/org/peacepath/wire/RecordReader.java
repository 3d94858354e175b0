package org.peacepath.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.peacepath.catalog.Party;
import org.peacepath.catalog.Spelling;
import org.peacepath.decide.InputProblem;
import org.peacepath.decide.InvalidInputException;
import org.peacepath.decide.RecordDate;
import org.peacepath.decide.RecordCheck;
import org.peacepath.decide.RecordedStep;
import org.peacepath.decide.WrittenRecords;

/**
 * Reads a negotiation record from a request body for its shape, reporting every mistake at once, each
 * with the field that holds it. What the record names (its steps, which of them name a facility, which
 * may be in force once) is resolved against a catalog by decide/ ({@link RecordCheck}), not here.
 */
public final class RecordReader {
  /** The most steps a state may record: far more than any negotiation takes, far fewer than would slow the server. */
  public static final int MAX_STEPS = 1000;

  /** The fields of one record of {@code completed}. */
  public static final List<String> RECORD_FIELDS = List.of("step", "parties", "note", "facility", "date", "status");

  private final Set<String> topFields;

  /** A reader for a body whose top level may hold {@code completed} and the other fields named. */
  public RecordReader(String... otherFields) {
    Set<String> fields = new java.util.LinkedHashSet<>(List.of("completed"));
    fields.addAll(List.of(otherFields));
    this.topFields = Set.copyOf(fields);
  }

  /** The rule set the body names, or {@code fallback} when it names none. */
  public String ruleset(JsonNode body, String fallback) {
    object(body);
    JsonNode ruleset = body.get("ruleset");
    if (ruleset == null || ruleset.isNull()) {
      return fallback;
    }
    if (!ruleset.isTextual() || ruleset.asText().isBlank()) {
      throw new InvalidInputException(new InputProblem("ruleset", "wrong_type",
          "must be the name of a rule set, such as \"sigal\", or left out for the default"));
    }
    return ruleset.asText();
  }

  /**
   * The records the body's {@code completed} holds, read for their shape: what they name is checked
   * against a catalog by decide/ ({@link RecordCheck#against}).
   */
  public WrittenRecords read(JsonNode body) {
    object(body);
    List<InputProblem> problems = new ArrayList<>();
    body.fieldNames().forEachRemaining(field -> {
      if (full(problems)) {
        return;
      }
      if (!topFields.contains(field)) {
        List<String> known = topFields.stream().sorted().toList();
        String near = Spelling.suggest(field, known).orElse(null);
        problems.add(new InputProblem(field, "unknown_field", "is not a field of this request ("
            + String.join(", ", known) + ")" + (near == null ? "; remove it" : Spelling.didYouMean(near)), near));
      }
    });
    JsonNode completed = body.get("completed");
    List<WrittenRecords.Written> records = new ArrayList<>();
    if (completed == null || completed.isNull()) {
      problems.add(new InputProblem("completed", "missing_field",
          "is required: list the steps taken so far, or send [] for a negotiation that has not begun"));
    } else if (!completed.isArray()) {
      problems.add(new InputProblem("completed", "wrong_type",
          "must be a list of steps, such as [{\"step\": \"peace-declaration\"}]"));
    } else if (completed.size() > MAX_STEPS) {
      problems.add(new InputProblem("completed", "too_many_steps", "holds " + completed.size()
          + " steps; a negotiation state holds at most " + MAX_STEPS + ", so send the steps actually taken"));
    } else {
      for (int i = 0; i < completed.size(); i++) {
        if (full(problems)) {
          continue;
        }
        WrittenRecords.Written record = written(completed.get(i), i, "completed[" + i + "]", problems);
        if (record != null) {
          records.add(record);
        }
      }
    }
    return new WrittenRecords(problems, records);
  }

  /**
   * One record of {@code completed}, read for its shape from {@code node}, its problems added to
   * {@code problems}, each at {@code field} and below; {@code null} when it is not an object at all.
   */
  public static WrittenRecords.Written written(JsonNode node, int index, String field, List<InputProblem> problems) {
    if (!node.isObject()) {
      problems.add(new InputProblem(field, "wrong_type",
          "must be an object such as {\"step\": \"peace-declaration\", \"parties\": [\"US\", \"DPRK\", \"ROK\"]}"));
      return null;
    }
    int before = problems.size();
    node.fieldNames().forEachRemaining(name -> {
      if (full(problems)) {
        return;
      }
      if (!RECORD_FIELDS.contains(name)) {
        String near = Spelling.suggest(name, RECORD_FIELDS).orElse(null);
        problems.add(new InputProblem(field + "." + name, "unknown_field",
            "is not a field of a recorded step (" + String.join(", ", RECORD_FIELDS) + ")"
                + (near == null ? "; remove it" : Spelling.didYouMean(near)), near));
      }
    });
    JsonNode stepNode = node.get("step");
    String id = null;
    if (stepNode == null || stepNode.isNull()) {
      problems.add(new InputProblem(field + ".step", "missing_field", "is required: name the step, such as \"peace-declaration\""));
    } else if (!stepNode.isTextual()) {
      problems.add(new InputProblem(field + ".step", "wrong_type", "must be a step id as a string, such as \"peace-declaration\""));
    } else {
      id = stepNode.asText();
    }
    // Each field's path ("completed[3].date") is put together only for a problem to name: most records have none.
    List<Party> parties = parties(node.get("parties"), field, ".parties", problems);
    String note = text(node.get("note"), field, ".note", "\"after a naval clash\"", problems);
    String facility = text(node.get("facility"), field, ".facility", "\"Yongbyon 5 MW reactor\"", problems);
    RecordDate date = date(node.get("date"), field, ".date", problems);
    org.peacepath.catalog.RecordStatus status = status(node.get("status"), field, ".status", problems);
    RecordedStep read = problems.size() > before || id == null ? null
        : new RecordedStep(id, parties, note, facility, date, status);
    return new WrittenRecords.Written(index, field, id, facility, read, problems.size());
  }

  private static String text(JsonNode node, String record, String name, String example, List<InputProblem> problems) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      problems.add(new InputProblem(record + name, "wrong_type", "must be text, such as " + example));
      return null;
    }
    return node.asText();
  }

  private static RecordDate date(JsonNode node, String record, String name, List<InputProblem> problems) {
    if (node == null || node.isNull()) {
      return null;
    }
    String text = node.isTextual() ? node.asText() : node.toString();
    var date = node.isTextual() ? RecordDate.parse(text) : java.util.Optional.<RecordDate>empty();
    if (date.isEmpty()) {
      String near = DateSpelling.suggest(text);
      problems.add(new InputProblem(record + name, "invalid_date", "\"" + text + "\" is not a date peacepath reads; write "
          + "the year, month or day as YYYY, YYYY-MM or YYYY-MM-DD, such as \"2027-05\""
          + Spelling.didYouMean(near), near));
      return null;
    }
    return date.get();
  }

  private static org.peacepath.catalog.RecordStatus status(JsonNode node, String record, String name,
      List<InputProblem> problems) {
    if (node == null || node.isNull()) {
      return org.peacepath.catalog.RecordStatus.IN_FORCE;
    }
    var status = node.isTextual() ? org.peacepath.catalog.RecordStatus.of(node.asText()) : java.util.Optional.<org.peacepath.catalog.RecordStatus>empty();
    if (status.isEmpty()) {
      String word = node.isTextual() ? node.asText() : node.toString();
      String near = Spelling.suggest(word.toLowerCase(java.util.Locale.ROOT).replace(' ', '-').replace('_', '-'),
          org.peacepath.catalog.RecordStatus.words()).or(() -> org.peacepath.catalog.RecordStatus.of(word.toLowerCase(java.util.Locale.ROOT)
              .replace(' ', '-').replace('_', '-')).map(org.peacepath.catalog.RecordStatus::wire)).orElse(null);
      problems.add(new InputProblem(record + name, "unknown_status", "\"" + word + "\" is not a status; use one of "
          + String.join(", ", org.peacepath.catalog.RecordStatus.words()) + " (in-force when left out)"
          + Spelling.didYouMean(near), near));
      return null;
    }
    return status.get();
  }

  private static List<Party> parties(JsonNode node, String record, String name, List<InputProblem> problems) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isArray()) {
      problems.add(new InputProblem(record + name, "wrong_type", "must be a list of party codes, such as [\"US\", \"DPRK\", \"ROK\"]"));
      return null;
    }
    List<Party> parties = new ArrayList<>();
    // the path of the party at a place ("completed[3].parties[1]"), put together only for a problem to name
    java.util.function.IntFunction<String> at = place -> record + name + "[" + place + "]";
    for (int i = 0; i < node.size(); i++) {
      if (full(problems)) {
        continue;
      }
      JsonNode code = node.get(i);
      if (!code.isTextual()) {
        problems.add(new InputProblem(at.apply(i), "wrong_type", "must be a party code as a string, one of " + Party.codes()));
        continue;
      }
      var party = Party.byCode(code.asText());
      var notAParty = Party.notAParty(code.asText());
      if (notAParty.isPresent()) {
        problems.add(new InputProblem(at.apply(i), "unknown_party", "\"" + code.asText() + "\" is not a party to the peace"
            + " process: the source says the United Nations took part in neither the war nor the armistice; use"
            + " one of " + Party.codes(), notAParty.get()));
      } else if (party.isEmpty()) {
        String upper = code.asText().toUpperCase(java.util.Locale.ROOT);
        String near = Party.byCode(upper).map(Party::name)
            .or(() -> Spelling.suggest(upper, java.util.Arrays.stream(Party.values()).map(Party::name).toList()))
            .orElse(null);
        problems.add(new InputProblem(at.apply(i), "unknown_party", "\"" + code.asText()
            + "\" is not a party; use one of " + Party.codes(), near));
      } else if (parties.contains(party.get())) {
        problems.add(new InputProblem(at.apply(i), "duplicate_party", party.get() + " is listed twice; list each party once"));
      } else {
        parties.add(party.get());
      }
    }
    return parties;
  }

  /**
   * Whether enough problems are listed already: past {@link InvalidInputException#MAX_PROBLEMS} each further
   * one is only counted, with no message or suggestion worked out for it.
   */
  private static boolean full(List<InputProblem> problems) {
    if (problems.size() <= InvalidInputException.MAX_PROBLEMS) {
      return false;
    }
    problems.add(InvalidInputException.ANOTHER);
    return true;
  }

  /** The body, if it is a JSON object; otherwise the problem that it is not. */
  public static JsonNode object(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new InvalidInputException(new InputProblem("(body)", "wrong_type",
          "the body must be a JSON object such as {\"ruleset\": \"sigal\", \"completed\": []}"));
    }
    return body;
  }
}
