package org.peacepath.diff;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.peacepath.catalog.Catalog;
import org.peacepath.decide.Decision;
import org.peacepath.rules.Faults;
import org.peacepath.rules.ReloadOutcome;
import org.peacepath.rules.RuleSet;
import org.peacepath.rules.RuleSetException;
import org.peacepath.rules.RuleSets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each edit that the server took changed: after every reload that serves a new revision, the new
 * revision is compared with the one before it over every record up to the default bound, as {@code diff}
 * compares two folders, on a thread of its own, so that the edit is served at once and the comparison
 * follows. The last {@value #KEPT} revisions of each rule set are kept with what they changed, for
 * {@code GET /v1/rulesets/{name}/changes}.
 */
public final class Previews implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Previews.class);
  /** How many revisions of each rule set are kept. */
  public static final int KEPT = org.peacepath.rules.RuleSets.KEPT_REVISIONS;

  /** What a revision changed, as {@code GET /v1/rulesets/{name}/changes} lists it. */
  public enum Status {
    /** The first revision this server served: there is none before it to compare with. */
    FIRST,
    /** Being compared with the revision before it, or waiting for its turn. */
    COMPUTING,
    /** Compared. */
    DONE,
    /** The comparison could not be made: a rule failed on a record, or the rules could not be compiled for it. */
    FAILED;

    @com.fasterxml.jackson.annotation.JsonValue
    String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * The revisions of one rule set, the newest first.
   *
   * @param ruleset the rule set's name
   * @param revisions the last revisions served, each with what it changed against the one before
   */
  public record Changes(String ruleset, List<Revision> revisions) {}

  /**
   * One revision and what it changed against the revision served before it.
   *
   * @param revision the revision
   * @param loadedAt when it began to be served
   * @param previous the revision served before it; absent for the first
   * @param status {@code first}, {@code computing}, {@code done} or {@code failed}
   * @param bound how many times at most a repeatable step counts in the records compared
   * @param records how many records were compared
   * @param different how many of them decide differently
   * @param catalog how the catalog changed, in words
   * @param byRule the records that decide differently, by rule
   * @param byStep the same, by step
   * @param smallest the smallest record that decides differently, and how its answer changed
   * @param failure why the comparison failed, in words
   * @param seconds how long the comparison took
   * @param newCycles steps this revision makes wait for each other by firm rules (a new package, or steps that can
   *     never be taken), each with its rules and in a sentence
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Revision(String revision, Instant loadedAt, String previous, Status status, Integer bound, Long records,
      Long different, List<String> catalog, List<Group> byRule, List<Group> byStep, Smallest smallest, String failure,
      Double seconds, List<org.peacepath.plan.Cycles.Cycle> newCycles) {}

  /**
   * Records that decide differently for one rule or one step.
   *
   * @param id the rule's {@code @id} or the step's id
   * @param title the rule's name or the step's title
   * @param records how many
   * @param smallest the smallest of them, as step ids
   */
  public record Group(String id, String title, long records, List<String> smallest) {}

  /**
   * The smallest record that decides differently, and what changed in its answer.
   *
   * @param record its steps, as ids
   * @param steps each step whose answer changed
   */
  public record Smallest(List<String> record, List<StepChange> steps) {}

  /**
   * How one step's answer changed on the smallest record.
   *
   * @param step the step's id, or {@code (advisories)}
   * @param title its title
   * @param before its status before: {@code unlocked}, {@code blocked} or {@code completed}
   * @param after its status after
   * @param rules the rules whose reasons or cautions on it changed
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record StepChange(String step, String title, String before, String after, List<String> rules) {}

  private final RuleSets ruleSets;
  private final ExecutorService worker;
  private final Map<String, Deque<Entry>> kept = new HashMap<>();
  private final Map<String, RuleSet> current = new HashMap<>();
  private volatile boolean closed;

  /** A revision kept: its view, and the work that makes it. */
  private static final class Entry {
    volatile Revision view;
    volatile boolean dropped;

    Entry(Revision view) {
      this.view = view;
    }
  }

  private Previews(RuleSets ruleSets) {
    this.ruleSets = ruleSets;
    this.worker = Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, "peacepath-changes");
      thread.setDaemon(true);
      thread.setPriority(Thread.MIN_PRIORITY);
      return thread;
    });
  }

  /** Keeps the revisions of the rule sets from now on, comparing each new one with the one before it. */
  public static Previews watch(RuleSets ruleSets) {
    Previews previews = new Previews(ruleSets);
    synchronized (previews) {
      for (RuleSet ruleSet : ruleSets.all()) {
        previews.current.put(ruleSet.name(), ruleSet);
        previews.kept.computeIfAbsent(ruleSet.name(), n -> new ArrayDeque<>()).addFirst(new Entry(first(ruleSet)));
      }
    }
    ruleSets.onReload(previews::reloaded);
    return previews;
  }

  private static Revision first(RuleSet ruleSet) {
    return new Revision(ruleSet.revision(), ruleSet.loadedAt(), null, Status.FIRST, null, null, null, null, null, null,
        null, null, null, null);
  }

  /** Told of every reload: each rule set now serving a new revision is queued for comparison. Returns at once. */
  private void reloaded(Map<String, ReloadOutcome> outcomes) {
    if (closed) {
      return;
    }
    outcomes.forEach((name, outcome) -> {
      if (outcome.result() != ReloadOutcome.Result.LOADED) {
        return;
      }
      RuleSet next = ruleSets.get(name).orElse(null);
      if (next == null) {
        return;
      }
      RuleSet before;
      Entry entry;
      synchronized (this) {
        before = current.put(name, next);
        if (before != null && before.revision().equals(next.revision())) {
          return;
        }
        Deque<Entry> revisions = kept.computeIfAbsent(name, n -> new ArrayDeque<>());
        entry = new Entry(before == null ? first(next) : new Revision(next.revision(), next.loadedAt(),
            before.revision(), Status.COMPUTING, null, null, null, null, null, null, null, null, null, null));
        // A comparison not yet done is of no use once a newer revision serves: it stops, and says why, so that a
        // burst of edits costs one comparison, not one each (and never holds back the reloads themselves).
        for (Entry older : revisions) {
          if (older.view.status() == Status.COMPUTING) {
            older.dropped = true;
            Revision was = older.view;
            older.view = new Revision(was.revision(), was.loadedAt(), was.previous(), Status.FAILED, null, null, null,
                null, null, null, null, "not compared: revision " + next.revision() + " was served before the comparison"
                    + " was done", null, null);
          }
        }
        revisions.addFirst(entry);
        while (revisions.size() > KEPT) {
          revisions.removeLast().dropped = true;
        }
      }
      if (before != null) {
        try {
          worker.execute(() -> compare(entry, before, next));
        } catch (RejectedExecutionException e) {
          entry.dropped = true; // closed meanwhile
        }
      }
    });
  }

  private void compare(Entry entry, RuleSet before, RuleSet next) {
    if (closed || entry.dropped) {
      return;
    }
    Revision was = entry.view;
    long start = System.nanoTime();
    try {
      Differ.Bound bound = Differ.defaultBound(List.of(before, next));
      long records = Differ.space(before, next, bound.k()).size();
      if (records > Space.MAX_RECORDS) {
        entry.view = new Revision(was.revision(), was.loadedAt(), was.previous(), Status.FAILED, bound.k(), null, null,
            null, null, null, null, "the catalog makes more records than can be compared (at most "
                + ImpactText.count(Space.MAX_RECORDS) + "); compare with peacepath diff and a lower --bound", null, null);
        return;
      }
      Impact impact = Differ.compare(before, next, bound.k(), 1, () -> closed || entry.dropped);
      double seconds = Math.round((System.nanoTime() - start) / 1e7) / 100.0;
      entry.view = impact.failure() != null
          // A rule failed on a record: the counts so far would mislead, so only the failure is said.
          ? new Revision(was.revision(), was.loadedAt(), was.previous(), Status.FAILED, impact.bound(), null, null,
              impact.catalog(), null, null, null, "on the record " + ImpactText.record(impact.failure().record()) + ", "
                  + impact.failure().message(), seconds, impact.newCycles())
          : new Revision(was.revision(), was.loadedAt(), was.previous(), Status.DONE, impact.bound(), impact.records(),
              impact.different(), impact.catalog(), groups(impact.byRule()), groups(impact.byStep()),
              smallest(impact, next.catalog()), null, seconds, impact.newCycles());
      LOG.info("rule set {}: revision {} against {}: {} of {} records decide differently ({} s)", next.name(),
          next.revision(), before.revision(), impact.different(), impact.records(), seconds);
      if (impact.newCycles() != null) {
        impact.newCycles().forEach(cycle -> LOG.warn("rule set {}: revision {} makes a new {}: {}", next.name(),
            next.revision(), cycle.together() ? "package" : "cycle", cycle.sentence()));
      }
    } catch (Differ.CancelledException e) {
      // dropped from the list, or the server is stopping
    } catch (RuleSetException | RuntimeException | StackOverflowError | OutOfMemoryError e) {
      String why = e instanceof RuleSetException rules ? rules.problems().get(0).message() : Faults.inWords(e);
      entry.view = new Revision(was.revision(), was.loadedAt(), was.previous(), Status.FAILED, null, null, null, null,
          null, null, null, "the revisions could not be compared: " + why, null, null);
      LOG.warn("rule set {}: revision {} could not be compared with {}: {}", next.name(), next.revision(),
          before.revision(), why);
    }
  }

  private static List<Group> groups(List<Impact.Group> groups) {
    return groups.stream().map(g -> new Group(g.id(), g.title(), g.records(), g.smallest())).toList();
  }

  /** The smallest record of all the groups, and what changed in its answer. */
  static Smallest smallest(Impact impact, Catalog catalog) {
    Impact.Group smallest = null;
    for (Impact.Group group : impact.byRule()) {
      if (smallest == null || Differ.smaller(group.smallest(), smallest.smallest(), catalog)) {
        smallest = group;
      }
    }
    if (smallest == null) {
      return null;
    }
    Decision before = smallest.beforeAnswer();
    Decision after = smallest.afterAnswer();
    Delta delta = Delta.of(before, after);
    List<StepChange> steps = new ArrayList<>();
    if (delta != null) {
      for (String step : delta.steps()) {
        Set<String> rules = new LinkedHashSet<>();
        if (step.equals(Delta.ADVISORIES)) {
          before.advisories().stream().filter(a -> !after.advisories().contains(a)).forEach(a -> rules.add(a.ruleId()));
          after.advisories().stream().filter(a -> !before.advisories().contains(a)).forEach(a -> rules.add(a.ruleId()));
          steps.add(new StepChange(step, "advisories", null, null, List.copyOf(rules)));
          continue;
        }
        List<ImpactText.Entry> was = ImpactText.entries(before, step, null);
        List<ImpactText.Entry> is = ImpactText.entries(after, step, null);
        was.stream().filter(e -> !is.contains(e)).forEach(e -> rules.add(e.rule()));
        is.stream().filter(e -> !was.contains(e)).forEach(e -> rules.add(e.rule()));
        String title = catalog.contains(step) ? catalog.get(step).title() : step;
        steps.add(new StepChange(step, title, word(before.status(step)), word(after.status(step)), List.copyOf(rules)));
      }
    }
    steps.sort(java.util.Comparator.comparingInt(change -> catalog.position(change.step())));
    return new Smallest(smallest.smallest(), steps);
  }

  /** A step's status as the decision says it; {@code null} for a step not in the catalog. */
  private static String word(String status) {
    return Decision.STATUSES.contains(status) ? status : null;
  }

  /** The kept revisions of the rule set, the newest first; empty for a rule set not watched. */
  public synchronized Changes changes(String name) {
    Deque<Entry> revisions = kept.getOrDefault(name, new ArrayDeque<>());
    return new Changes(name, revisions.stream().map(e -> e.view).toList());
  }

  /** Stops comparing: what is under way is abandoned. */
  @Override
  public void close() {
    closed = true;
    worker.shutdownNow();
  }
}
