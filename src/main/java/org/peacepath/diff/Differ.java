package org.peacepath.diff;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.peacepath.catalog.Catalog;
import org.peacepath.catalog.Step;
import org.peacepath.decide.Decision;
import org.peacepath.decide.Evaluator;
import org.peacepath.decide.RecordedStep;
import org.peacepath.rules.FindingIds;
import org.peacepath.rules.IncrementalRules;
import org.peacepath.rules.IncrementalSession;
import org.peacepath.rules.RuleFailureException;
import org.peacepath.rules.RuleInfo;
import org.peacepath.rules.RuleSet;
import org.peacepath.rules.RuleSetException;
import org.peacepath.rules.RuleSourceText;

/**
 * Compares two revisions of a rule set over every record of a {@link Space}: each thread keeps one
 * {@link IncrementalSession} per revision and walks its chunks of the space in Gray-code order, so that
 * each record costs Drools one changed fact per revision. Where the two sessions hold the same findings
 * and the rules that made them read the same, the answers are the same; otherwise both answers are
 * assembled exactly as the engine assembles them ({@link Evaluator#assemble}) and compared.
 */
public final class Differ {
  private Differ() {}

  /** Thrown when the comparison is cancelled before its end (the server has a newer revision to compare). */
  public static final class CancelledException extends RuntimeException {
    CancelledException() {
      super("cancelled", null, false, false);
    }
  }

  /**
   * Compares the revisions over every record with repeatable steps counted up to {@code bound} times.
   *
   * @param threads how many threads walk the space
   * @param cancelled asked now and then; when it says so, {@link CancelledException} is thrown
   * @throws RuleSetException when a revision's rules cannot be compiled for the comparison
   */
  public static Impact compare(RuleSet before, RuleSet after, int bound, int threads, BooleanSupplier cancelled)
      throws RuleSetException {
    IncrementalRules paired = IncrementalRules.pair(before, after);
    IncrementalRules was = paired == null ? IncrementalRules.compile(before) : null;
    IncrementalRules is = paired == null ? IncrementalRules.compile(after) : null;
    if (space(before, after, bound).size() > Space.MAX_RECORDS) {
      throw new IllegalArgumentException("more than " + Space.MAX_RECORDS + " records to compare");
    }
    Space space = Space.of(before.catalog(), after.catalog(), bound, walkOrder(paired, was, is, after.catalog()));
    DiffRun run = new DiffRun(before, after, paired, was, is, space, cancelled);
    List<Thread> workers = new ArrayList<>();
    List<DiffCount> tallies = new ArrayList<>();
    for (int t = 0; t < Math.max(1, threads); t++) {
      DiffCount tally = new DiffCount();
      tallies.add(tally);
      Thread worker = new Thread(() -> run.work(tally), "peacepath-diff-" + t);
      worker.setDaemon(true);
      workers.add(worker);
      worker.start();
    }
    try {
      for (Thread worker : workers) {
        worker.join();
      }
    } catch (InterruptedException e) {
      run.stop.set(new CancelledException());
      workers.forEach(Thread::interrupt);
      Thread.currentThread().interrupt();
      throw new CancelledException();
    }
    Throwable stopped = run.stop.get();
    if (stopped instanceof CancelledException cancel) {
      throw cancel;
    }
    if (stopped instanceof RuntimeException e && !(e instanceof RuleFailureException)) {
      throw e;
    }
    if (stopped instanceof Error e) {
      throw e;
    }
    DiffCount all = new DiffCount();
    tallies.forEach(all::add);
    Impact.Failure failure = null;
    if (stopped instanceof RuleFailureException e) {
      failure = new Impact.Failure(run.failedIn == null ? after.revision() : run.failedIn.revision(), run.failedOn,
          e.code(), e.getMessage());
    }
    List<String> repeatable = new ArrayList<>(space.repeatable());
    repeatable.sort(after.catalog().idOrder());
    return new Impact(after.name(), before.revision(), after.revision(), bound, space.digits(), repeatable,
        space.size(), all.different, catalogChanges(before.catalog(), after.catalog()),
        groups(all.byRule, run, true), groups(all.byStep, run, false), failure, failure == null ? newCycles(before, after) : null,
        order(before.catalog(), after.catalog()));
  }

  /**
   * The cycles of firm preconditions the edit makes (steps that now wait for each other), each with its rules;
   * {@code null} when a step graph cannot be learnt within its budget, or a rule fails while it is learnt.
   */
  static List<org.peacepath.plan.Cycles.Cycle> newCycles(RuleSet before, RuleSet after) {
    try {
      return org.peacepath.plan.Cycles.added(
          org.peacepath.plan.Cycles.of(org.peacepath.plan.StepGraph.of(before), before),
          org.peacepath.plan.Cycles.of(org.peacepath.plan.StepGraph.of(after), after));
    } catch (org.peacepath.plan.GraphBudgetException | RuleFailureException e) {
      return null; // a rule that fails on some record is said by the comparison itself
    }
  }

  /**
   * The order in which to walk the steps, cheapest first: the step whose record costs Drools least to add and
   * take away changes fastest, so that the costly ones (those most rules wait on) change seldom. Each step's
   * cost is the firings it causes, added and taken away in a sample of records drawn the same way every time.
   */
  static List<String> walkOrder(IncrementalRules paired, IncrementalRules was,
      IncrementalRules is, Catalog catalog) {
    List<String> steps = catalogOrder(catalog);
    Map<String, Long> cost = new HashMap<>();
    List<IncrementalSession> sessions = new ArrayList<>();
    FindingIds ids = new FindingIds();
    try {
      if (paired != null) {
        sessions.add(paired.open(ids));
      } else {
        sessions.add(was.open(ids));
        sessions.add(is.open(ids));
      }
      // A random walk of its own: a step toggled (uncounted) to move to another record, then the step whose
      // turn it is toggled and its firings counted.
      java.util.Random random = new java.util.Random(20);
      for (int round = 0; round < 12 * steps.size(); round++) {
        String step = steps.get(round % steps.size());
        String other = steps.get(random.nextInt(steps.size()));
        for (IncrementalSession session : sessions) {
          toggle(session, other);
          session.fire();
          toggle(session, step);
          session.fire();
          cost.merge(step, 1L + session.firings(), Long::sum);
        }
      }
    } catch (RuleFailureException e) {
      // The walk itself will meet the rule and say so.
    } finally {
      sessions.forEach(IncrementalSession::close);
    }
    List<String> order = new ArrayList<>(steps);
    java.util.Collections.reverse(order);
    order.sort(Comparator.comparingLong(step -> cost.getOrDefault(step, 0L)));
    return order;
  }

  /** The default bound never goes past this, whatever number a rule names: the space grows as its square. */
  public static final int MAX_DEFAULT_BOUND = 4;

  /**
   * How many times at most a repeatable step counts in the records compared, and why.
   *
   * @param k the bound
   * @param reason why, in words
   */
  public record Bound(int k, String reason) {}

  /**
   * The default bound for comparing these revisions: one more than the largest number a condition of their
   * rules names, so that a count can pass every number a rule compares it with, and at least 2, so that a
   * repeatable step is seen not taken, taken once and taken again; at most {@value #MAX_DEFAULT_BOUND}.
   */
  public static Bound defaultBound(List<RuleSet> revisions) {
    int largest = revisions.stream().mapToInt(RuleSourceText::largestNumberInConditions).max().orElse(0);
    if (largest + 1 > MAX_DEFAULT_BOUND) {
      return new Bound(MAX_DEFAULT_BOUND, "a rule's conditions name " + largest + ", but the default stops at "
          + MAX_DEFAULT_BOUND + "; pass --bound " + (largest + 1) + " to reach past it");
    }
    return largest <= 1
        ? new Bound(2, "the default: a step not taken, taken once and taken again, and one more than any number a "
            + "rule's conditions name")
        : new Bound(largest + 1, "the default: one more than the largest number a rule's conditions name, " + largest);
  }

  /**
   * Whether record {@code a} (step ids) is smaller than {@code b}: fewer records, or as many with more of the
   * steps that come first in the catalog.
   */
  static boolean smaller(List<String> a, List<String> b, Catalog catalog) {
    if (a.size() != b.size()) {
      return a.size() < b.size();
    }
    List<Integer> x = a.stream().map(catalog::position).sorted().toList();
    List<Integer> y = b.stream().map(catalog::position).sorted().toList();
    for (int i = 0; i < x.size(); i++) {
      if (!x.get(i).equals(y.get(i))) {
        return x.get(i) < y.get(i);
      }
    }
    return false;
  }

  /** Counts the step once more, or (when it counts) once less. */
  private static void toggle(IncrementalSession session, String step) {
    if (session.count(step) > 0) {
      session.remove(step);
    } else {
      session.add(step);
    }
  }

  /** The records compared between the two revisions at {@code bound}. */
  public static Space space(RuleSet before, RuleSet after, int bound) {
    return Space.of(before.catalog(), after.catalog(), bound);
  }

  /** The groups, most records first, each with the answers to its smallest record decided afresh. */
  private static List<Impact.Group> groups(Map<String, DiffGroup> found, DiffRun run, boolean rules) {
    List<Impact.Group> groups = new ArrayList<>();
    found.forEach((id, group) -> {
      List<String> record = run.space.record(group.smallest, catalogOrder(run.after.catalog()));
      List<RecordedStep> recorded = record.stream().map(RecordedStep::of).toList();
      Decision before = answer(run.before, recorded);
      Decision after = answer(run.after, recorded);
      groups.add(new Impact.Group(id, rules ? ruleTitle(run, id) : stepTitle(run, id), group.records, record,
          before, after));
    });
    Comparator<Impact.Group> order = Comparator.comparingLong(Impact.Group::records).reversed();
    groups.sort(order.thenComparing(Impact.Group::id));
    return groups;
  }

  /** The answer to the record as the API gives it, without its {@code decisionId}. */
  static Decision answer(RuleSet ruleSet, List<RecordedStep> recorded) {
    Decision d = Evaluator.decide(ruleSet, recorded.stream().filter(r -> ruleSet.catalog().contains(r.step())).toList());
    return new Decision(null, d.ruleset(), d.completed(), d.unlocked(), d.blocked(), d.notCounted(), d.advisories(),
        null, null, null, null, null);
  }

  private static String ruleTitle(DiffRun run, String id) {
    return switch (id) {
      case Delta.CATALOG -> "the catalog: a step's title or parties, or a step added or taken away";
      case Delta.ORDER -> "the order in which the rules' findings are listed";
      default -> run.after.ruleById(id).or(() -> run.before.ruleById(id)).map(RuleInfo::name).orElse(id);
    };
  }

  private static String stepTitle(DiffRun run, String id) {
    if (id.equals(Delta.ADVISORIES)) {
      return "the advisories, said beside the decision";
    }
    Catalog catalog = run.after.catalog().contains(id) ? run.after.catalog() : run.before.catalog();
    return catalog.contains(id) ? catalog.get(id).title() : id;
  }

  /** The steps of the catalog after the edit, then those only the catalog before it has. */
  private static List<String> order(Catalog before, Catalog after) {
    List<String> order = new ArrayList<>(catalogOrder(after));
    catalogOrder(before).stream().filter(id -> !after.contains(id)).forEach(order::add);
    return order;
  }

  static List<String> catalogOrder(Catalog catalog) {
    return catalog.steps().stream().map(Step::id).toList();
  }

  /** What changed in the catalog that answers show or that rules match, in words. */
  static List<String> catalogChanges(Catalog before, Catalog after) {
    List<String> changes = new ArrayList<>();
    for (Step step : before.steps()) {
      if (!after.contains(step.id())) {
        changes.add("step " + step.id() + " (" + step.title() + ") taken away");
      }
    }
    for (Step step : after.steps()) {
      if (!before.contains(step.id())) {
        changes.add("step " + step.id() + " (" + step.title() + ") added");
        continue;
      }
      Step was = before.get(step.id());
      field(changes, step.id(), "title", was.title(), step.title());
      field(changes, step.id(), "kind", was.kind(), step.kind());
      field(changes, step.id(), "parties", was.parties(), step.parties());
      field(changes, step.id(), "atLeastOneOf", was.atLeastOneOf(), step.atLeastOneOf());
      field(changes, step.id(), "mayAlsoSign", was.mayAlsoSign(), step.mayAlsoSign());
      field(changes, step.id(), "repeatable", was.repeatable(), step.repeatable());
    }
    List<String> wasOrder = catalogOrder(before).stream().filter(after::contains).toList();
    List<String> isOrder = catalogOrder(after).stream().filter(before::contains).toList();
    if (!wasOrder.equals(isOrder)) {
      changes.add("the steps are listed in another order");
    }
    return changes;
  }

  private static void field(List<String> changes, String id, String field, Object was, Object is) {
    if (!Objects.equals(was, is)) {
      changes.add(id + ": " + field + " " + said(was) + " → " + said(is));
    }
  }

  private static String said(Object value) {
    if (value instanceof List<?> list) {
      return list.isEmpty() ? "none" : String.join(", ", list.stream().map(String::valueOf).toList());
    }
    return value instanceof String text ? "“" + text + "”" : String.valueOf(value);
  }
}
