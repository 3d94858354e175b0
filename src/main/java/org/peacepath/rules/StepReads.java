package org.peacepath.rules;

import java.util.List;
import java.util.Set;
import org.peacepath.catalog.Catalog;
import org.peacepath.catalog.Step;
import org.peacepath.facts.Done;
import org.peacepath.facts.Open;
import org.peacepath.facts.Recorded;
import org.peacepath.facts.Tally;

/**
 * The steps whose {@link Done}, counted {@link Recorded} and {@link Open} some rule can match, and the kinds
 * whose {@link Tally}: {@link FactKeys} worked out over the catalog once, for a session to ask record after
 * record.
 */
record StepReads(boolean[] done, boolean[] recorded, boolean[] open, Set<String> tally) {
  static StepReads of(FactKeys keys, Catalog catalog) {
    List<Step> steps = catalog.steps();
    boolean[] done = new boolean[steps.size()];
    boolean[] recorded = new boolean[steps.size()];
    boolean[] open = new boolean[steps.size()];
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      done[i] = keys.reads("Done", step.id(), step.kind());
      recorded[i] = keys.reads("Recorded", step.id(), step.kind());
      open[i] = keys.reads("Open", step.id(), step.kind());
    }
    return new StepReads(done, recorded, open, keys.read("Tally", catalog));
  }
}
