package org.peacepath.decide;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.peacepath.catalog.Catalog;
import org.peacepath.catalog.RecordStatus;
import org.peacepath.catalog.Spelling;

/**
 * Where the names a request gives are resolved against the rule set's catalog: every step a record or a
 * goal names is one the catalog has (else the step meant is suggested), a facility is named only on a
 * dismantlement, and a step that may be in force once is not recorded in force twice. wire/ reads the
 * shape of a request; this says what its words mean.
 */
public final class RecordCheck {
  private RecordCheck() {}

  /**
   * The records, checked against {@code catalog}; {@link InvalidInputException} with every problem of
   * their shape and of their words, each record's right after its own, when there is any.
   */
  public static List<RecordedStep> against(WrittenRecords written, Catalog catalog) {
    List<InputProblem> problems = new ArrayList<>();
    List<RecordedStep> records = new ArrayList<>();
    Map<String, Integer> firstInForce = new HashMap<>();
    int said = 0;
    for (WrittenRecords.Written record : written.records()) {
      problems.addAll(written.problems().subList(said, record.problemsSoFar()));
      said = record.problemsSoFar();
      int before = problems.size();
      RecordedStep checked = one(record, catalog, problems);
      if (checked != null && problems.size() == before) {
        repeated(checked, record, catalog, firstInForce, problems);
        records.add(checked);
      }
    }
    problems.addAll(written.problems().subList(said, written.problems().size()));
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return List.copyOf(records);
  }

  /**
   * One record, checked against {@code catalog}: the record, or {@code null} when it names no step the
   * catalog has or could not be read, with the problems of its words added to {@code problems}.
   */
  public static RecordedStep one(WrittenRecords.Written record, Catalog catalog, List<InputProblem> problems) {
    String field = record.field();
    boolean known = record.step() != null && catalog.contains(record.step());
    if (record.step() != null && !known) {
      problems.add(unknownStep(record.step(), field + ".step", catalog));
    }
    if (record.facility() != null && known && !catalog.namesFacility(catalog.get(record.step()))) {
      problems.add(new InputProblem(field + ".facility", "facility_not_allowed", "only a dismantlement names a "
          + "facility, and " + record.step() + " is not one; put it in \"note\" instead, or record the step as a dismantlement",
          "note"));
      return null;
    }
    return known ? record.read() : null;
  }

  /** The goal, if the catalog has it; otherwise {@link InvalidInputException} at {@code field}, with the step meant. */
  public static String goal(String goal, String field, Catalog catalog) {
    if (!catalog.contains(goal)) {
      throw new InvalidInputException(unknownStep(goal, field, catalog));
    }
    return goal;
  }

  private static InputProblem unknownStep(String id, String field, Catalog catalog) {
    String near = catalog.suggest(id).orElse(null);
    return new InputProblem(field, "unknown_step", "\"" + id + "\" is not a step in the catalog" + Spelling.didYouMean(near),
        near);
  }

  /** A step that may be in force once, recorded in force again: said at the later record, naming the earlier. */
  private static void repeated(RecordedStep step, WrittenRecords.Written record, Catalog catalog,
      Map<String, Integer> firstInForce, List<InputProblem> problems) {
    if (step.status() != RecordStatus.IN_FORCE || catalog.get(step.step()).repeatable()) {
      return;
    }
    Integer earlier = firstInForce.putIfAbsent(step.step(), record.index());
    if (earlier != null) {
      problems.add(new InputProblem(record.field() + ".step", "repeated_step", step.step()
          + " is already recorded in force at completed[" + earlier + "] and can be in force only once;"
          + " remove one, or mark the earlier one \"status\": \"suspended\" or \"revoked\""));
    }
  }
}
