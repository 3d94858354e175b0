package org.peacepath.rules;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What the last attempt to load a rule set from disk found.
 *
 * @param at when it was made
 * @param result what came of it
 * @param revision the revision of the files on disk, when they went live or were as served
 * @param errors why the files were refused, each with file and line; empty unless refused
 * @param scenarioFailures the scenarios that failed, when they are why the files were refused
 */
public record ReloadOutcome(Instant at, Result result, String revision, List<Problem> errors,
    List<Problem> scenarioFailures) {

  /** What came of an attempt to load a rule set. */
  public enum Result {
    /** A new revision went live. */
    LOADED,
    /** The rules were as served (only a scenario file, or nothing, changed). */
    UNCHANGED,
    /** The files have errors or their scenarios fail; the last good revision keeps serving. */
    REFUSED,
    /** The rule set's folder is gone, so it is served no more. */
    WITHDRAWN;

    /** The word answers and metrics use: {@code loaded}, {@code unchanged}, {@code refused}, {@code withdrawn}. */
    @JsonValue
    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public ReloadOutcome {
    errors = List.copyOf(errors);
    scenarioFailures = List.copyOf(scenarioFailures);
  }
}
