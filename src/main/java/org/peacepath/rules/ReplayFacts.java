package org.peacepath.rules;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;
import org.peacepath.catalog.Catalog;
import org.peacepath.catalog.Step;
import org.peacepath.facts.Done;
import org.peacepath.facts.Open;
import org.peacepath.facts.Recorded;
import org.peacepath.facts.Tally;

/**
 * The facts of a pooled {@link IncrementalSession} (a decision's, a replay's or a trial's), changed lazily: adding or taking away a record changes
 * the counts and marks the step and its kind stale; the facts are made to agree with the counts just before a
 * firing, and only those the rules about to fire can match ({@link IncrementalRules#readsForStep}). A record
 * that no rule asked about later reads is so never inserted nor deleted at all.
 */
final class ReplayFacts {
  private final KieSession session;
  /** The facts some rule of the session can match. */
  private final StepReads reads;
  /** Each kind's {@link Tally} in the session, or {@code null} where no rule reads it. */
  private final Map<String, FactHandle> tallies;
  /** Each kind's count of records, as the facts should say. */
  private final Map<String, Integer> tallyCounts = new HashMap<>();
  /** What the session holds of each step, by its id. */
  private final Map<String, Held> held = new HashMap<>();
  /** The count each kind's {@link Tally} in the session says. */
  private final Map<String, Integer> heldTally = new HashMap<>();
  /** The steps, and the kinds, whose facts may not agree with the counts. */
  private final List<Held> staleSteps = new ArrayList<>();
  private final Set<String> staleKinds = new java.util.LinkedHashSet<>();

  /** What a pooled session holds of one step: its counted records, and its facts as last made to agree. */
  private static final class Held {
    final Step step;
    final int index;
    final Deque<FactHandle> done = new ArrayDeque<>();
    final Deque<FactHandle> recorded = new ArrayDeque<>();
    FactHandle open;
    int count;
    boolean stale;

    Held(Step step, int index, FactHandle open) {
      this.step = step;
      this.index = index;
      this.open = open;
    }
  }

  /**
   * The facts of a session holding the empty record: its tallies ({@code null} where no rule reads one) and
   * the {@link Open} of each step ({@code null} where none is held).
   */
  ReplayFacts(KieSession session, Catalog catalog, StepReads reads, Map<String, FactHandle> tallies,
      Map<String, FactHandle> open) {
    this.session = session;
    this.reads = reads;
    this.tallies = tallies;
    for (String kind : catalog.kinds()) {
      tallyCounts.put(kind, 0);
      heldTally.put(kind, 0);
    }
    for (Step step : catalog.steps()) {
      held.put(step.id(), new Held(step, held.size(), open.get(step.id())));
    }
  }

  /** How many counted records of the step the session holds. */
  int count(String step) {
    Held of = held.get(step);
    return of == null ? 0 : of.count;
  }

  /** Counts {@code by} more counted records of the step (or fewer), its facts left to agree later. */
  void count(Step step, int by) {
    Held of = held.get(step.id());
    of.count += by;
    tallyCounts.merge(step.kind(), by, Integer::sum);
    if (!of.stale) {
      of.stale = true;
      staleSteps.add(of);
    }
    staleKinds.add(step.kind());
  }

  /**
   * Makes the facts of the stale steps and kinds agree with the counts, those that {@code reads} can match
   * ({@code null}: all of them); the others stay stale.
   */
  void agree(StepReads now) {
    StepReads reads = now == null ? this.reads : now;
    for (int i = 0; i < staleSteps.size(); ) {
      Held of = staleSteps.get(i);
      Step step = of.step;
      int at = of.index;
      boolean all = true;
      if (this.reads.done()[at]) {
        if (reads.done()[at]) {
          agree(of.done, of.count, () -> new Done(step.id(), step.kind()));
        } else {
          all = false;
        }
      }
      if (this.reads.recorded()[at]) {
        if (reads.recorded()[at]) {
          agree(of.recorded, of.count, () -> new Recorded(step.id(), step.kind(),
              org.peacepath.catalog.RecordStatus.IN_FORCE.wire(), true));
        } else {
          all = false;
        }
      }
      if (this.reads.open()[at]) {
        if (reads.open()[at]) {
          boolean isOpen = step.repeatable() || of.count == 0;
          if (isOpen && of.open == null) {
            of.open = session.insert(new Open(step.id(), step.kind()));
          } else if (!isOpen && of.open != null) {
            session.delete(of.open);
            of.open = null;
          }
        } else {
          all = false;
        }
      }
      if (all) {
        of.stale = false;
        staleSteps.set(i, staleSteps.get(staleSteps.size() - 1));
        staleSteps.remove(staleSteps.size() - 1);
      } else {
        i++;
      }
    }
    for (java.util.Iterator<String> stale = staleKinds.iterator(); stale.hasNext(); ) {
      String kind = stale.next();
      if (!this.reads.tally().contains(kind)) {
        stale.remove();
      } else if (reads.tally().contains(kind)) {
        int count = tallyCounts.get(kind);
        if (heldTally.get(kind) != count) {
          session.update(tallies.get(kind), new Tally(kind, count));
          heldTally.put(kind, count);
        }
        stale.remove();
      }
    }
  }

  /** Inserts or deletes facts until the session holds {@code count} of them. */
  private void agree(Deque<FactHandle> held, int count, java.util.function.Supplier<Object> fact) {
    while (held.size() < count) {
      held.push(session.insert(fact.get()));
    }
    while (held.size() > count) {
      session.delete(held.pop());
    }
  }
}
