package org.peacepath.rules;

import java.time.Instant;
import java.util.List;

/**
 * What the last attempt to load a rule set from disk found.
 *
 * @param at when it was made
 * @param result {@code loaded} (a new revision went live), {@code unchanged} (the rules were as served),
 *     {@code refused} (the files have errors or their scenarios fail; the last good revision keeps
 *     serving) or {@code withdrawn} (the rule set's folder is gone, so it is served no more)
 * @param revision the revision of the files on disk, when they could be read
 * @param errors why the files were refused, each with file and line; empty unless refused
 * @param scenarioFailures the scenarios that failed, when they are why the files were refused
 */
public record ReloadOutcome(Instant at, String result, String revision, List<Problem> errors,
    List<Problem> scenarioFailures) {

  public static final String LOADED = "loaded";
  public static final String UNCHANGED = "unchanged";
  public static final String REFUSED = "refused";
  public static final String WITHDRAWN = "withdrawn";

  public ReloadOutcome {
    errors = List.copyOf(errors);
    scenarioFailures = List.copyOf(scenarioFailures);
  }
}
