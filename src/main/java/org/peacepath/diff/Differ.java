package org.peacepath.diff;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.peacepath.catalog.Catalog;
import org.peacepath.catalog.Step;
import org.peacepath.decide.Counting;
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
import org.peacepath.rules.SessionSide;

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
    Run run = new Run(before, after, paired, was, is, space, cancelled);
    List<Thread> workers = new ArrayList<>();
    List<Found> tallies = new ArrayList<>();
    for (int t = 0; t < Math.max(1, threads); t++) {
      Found tally = new Found();
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
    Found all = new Found();
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
  private static List<Impact.Group> groups(Map<String, Group> found, Run run, boolean rules) {
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

  private static String ruleTitle(Run run, String id) {
    return switch (id) {
      case Delta.CATALOG -> "the catalog: a step's title or parties, or a step added or taken away";
      case Delta.ORDER -> "the order in which the rules' findings are listed";
      default -> run.after.ruleById(id).or(() -> run.before.ruleById(id)).map(RuleInfo::name).orElse(id);
    };
  }

  private static String stepTitle(Run run, String id) {
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

  private static List<String> catalogOrder(Catalog catalog) {
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

  /** One comparison under way, shared by its threads. */
  private static final class Run {
    final RuleSet before;
    final RuleSet after;
    /** Both revisions in one session, or {@code null} when they need one each ({@link #was}, {@link #is}). */
    final IncrementalRules paired;
    final IncrementalRules was;
    final IncrementalRules is;
    final Space space;
    final BooleanSupplier cancelled;
    final FindingIds ids = new FindingIds();
    final AtomicInteger nextChunk = new AtomicInteger();
    final AtomicReference<Throwable> stop = new AtomicReference<>();
    /**
     * Whether a finding held in both sessions makes the same answer under both (the catalogs are the same,
     * and the rules both have come in the same order), rules in {@link #reread} aside.
     */
    final boolean sameFindingsSameAnswer;
    /** Rules whose @id, name, basis or brief differ: a finding of one makes another answer though held in both. */
    final Set<String> reread;
    final String[] catalogSteps;
    final int[] catalogDigit;
    /** Each step's place in the catalog. */
    final Map<String, Integer> position = new HashMap<>();
    volatile RuleSet failedIn;
    volatile List<String> failedOn;

    Run(RuleSet before, RuleSet after, IncrementalRules paired, IncrementalRules was,
        IncrementalRules is, Space space, BooleanSupplier cancelled) {
      this.before = before;
      this.after = after;
      this.paired = paired;
      this.was = was;
      this.is = is;
      this.space = space;
      this.cancelled = cancelled;
      this.reread = reread(before, after);
      this.sameFindingsSameAnswer = before.catalog().steps().equals(after.catalog().steps())
          && sameOrder(before, after);
      List<String> order = catalogOrder(after.catalog()).stream().filter(before.catalog()::contains).toList();
      this.catalogSteps = order.toArray(String[]::new);
      this.catalogDigit = order.stream().mapToInt(id -> space.steps().indexOf(id)).toArray();
      for (int i = 0; i < catalogSteps.length; i++) {
        position.put(catalogSteps[i], i);
      }
    }

    /** The rules both revisions have whose metadata differ. */
    private static Set<String> reread(RuleSet before, RuleSet after) {
      Set<String> reread = new HashSet<>();
      before.rules().forEach((name, was) -> after.rule(name).ifPresent(is -> {
        if (!was.id().equals(is.id()) || !was.name().equals(is.name()) || !was.basis().equals(is.basis())
            || !Objects.equals(was.brief(), is.brief())) {
          reread.add(name);
        }
      }));
      return reread;
    }

    /** Whether the rules both revisions have come in the same order in both (answers list findings by it). */
    private static boolean sameOrder(RuleSet before, RuleSet after) {
      List<String> was = before.rules().keySet().stream().filter(after.rules()::containsKey)
          .sorted(before.ruleOrder()).toList();
      List<String> is = after.rules().keySet().stream().filter(before.rules()::containsKey)
          .sorted(after.ruleOrder()).toList();
      return was.equals(is);
    }

    void work(Found tally) {
      List<IncrementalSession> sessions = new ArrayList<>();
      try {
        SessionSide a;
        SessionSide b;
        if (paired != null) {
          IncrementalSession both = paired.open(ids);
          sessions.add(both);
          a = both.side(0);
          b = both.side(1);
        } else {
          sessions.add(was.open(ids));
          sessions.add(is.open(ids));
          a = sessions.get(0).side(0);
          b = sessions.get(1).side(0);
        }
        int[] digits = new int[space.digits()];
        int[] at = new int[space.digits()];
        int chunk;
        while (stop.get() == null && (chunk = nextChunk.getAndIncrement()) < space.chunks()) {
          if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            stop.compareAndSet(null, new CancelledException());
            return;
          }
          int[] start = space.start(chunk);
          for (int d = 0; d < digits.length; d++) {
            for (; at[d] < start[d]; at[d]++) {
              move(sessions, space.steps().get(d), 1);
            }
            for (; at[d] > start[d]; at[d]--) {
              move(sessions, space.steps().get(d), -1);
            }
          }
          System.arraycopy(start, 0, digits, 0, digits.length);
          visit(sessions, a, b, digits, tally);
          space.walk(digits, (digit, by) -> {
            move(sessions, space.steps().get(digit), by);
            visit(sessions, a, b, digits, tally);
          });
          System.arraycopy(digits, 0, at, 0, digits.length);
        }
      } catch (Throwable e) {
        stop.compareAndSet(null, e);
      } finally {
        sessions.forEach(IncrementalSession::close);
      }
    }

    private static void move(List<IncrementalSession> sessions, String step, int by) {
      for (IncrementalSession session : sessions) {
        if (by > 0) {
          session.add(step);
        } else {
          session.remove(step);
        }
      }
    }

    private void visit(List<IncrementalSession> sessions, SessionSide a, SessionSide b,
        int[] digits, Found tally) {
      if (stop.get() != null) {
        throw new CancelledException();
      }
      for (IncrementalSession session : sessions) {
        fire(session, digits);
      }
      Set<String> steps = null;
      Key key = null;
      Delta delta;
      if (sameFindingsSameAnswer) {
        // The answers can differ only on the steps whose findings differ: assemble those alone. Every other
        // step has no finding in either, and so the same entry in both.
        steps = a.stepsDiffering(b, reread);
        if (steps.isEmpty()) {
          return;
        }
        // And those entries are made of those findings and of whether the steps they are on or name count,
        // nothing else: once worked out for such findings and counts, the comparison is known.
        key = key(a.heldOn(steps), b.heldOn(steps), steps, digits);
        delta = key == null ? null : tally.known.get(key);
        if (delta != null) {
          if (delta != SAME) {
            tally.count(delta, digits, this);
          }
          return;
        }
      }
      Decision was = Evaluator.assemble(before, counting(before.catalog(), digits), a.fired(steps));
      Decision is = Evaluator.assemble(after, counting(after.catalog(), digits), b.fired(steps));
      delta = Delta.of(was, is);
      if (key != null) {
        if (tally.known.size() >= KNOWN) {
          tally.known.clear();
        }
        tally.known.put(key, delta == null ? SAME : delta);
      }
      if (delta != null) {
        tally.count(delta, digits, this);
      }
    }

    /**
     * What the comparison of the findings {@code a} and {@code b} on {@code steps} depends on: the findings,
     * and whether each step they are on or name counts. {@code null} when the catalog is too long to say it
     * in one word.
     */
    private Key key(int[] a, int[] b, Set<String> steps, int[] digits) {
      if (catalogSteps.length > 64) {
        return null;
      }
      long counted = 0;
      for (String step : steps) {
        counted |= countedBit(step, digits);
      }
      for (int[] held : new int[][] {a, b}) {
        for (int id : held) {
          Object fact = ids.fact(id);
          List<String> named = fact instanceof org.peacepath.facts.Blocked blocked ? blocked.requires()
              : fact instanceof org.peacepath.facts.Caution caution ? caution.recommends() : List.of();
          for (String step : named) {
            counted |= countedBit(step, digits);
          }
        }
      }
      return new Key(a, b, counted);
    }

    private long countedBit(String step, int[] digits) {
      Integer at = position.get(step);
      return at == null || digits[catalogDigit[at]] == 0 ? 0 : 1L << at;
    }

    private void fire(IncrementalSession session, int[] digits) {
      try {
        session.fire();
      } catch (RuleFailureException e) {
        if (stop.compareAndSet(null, e)) {
          failedIn = session.failedIn();
          failedOn = space.record(digits, catalogOrder(after.catalog()));
        }
        throw e;
      }
    }

    /** The record as counted: every record counts. */
    private Counting counting(Catalog catalog, int[] digits) {
      Map<String, Integer> counts = new LinkedHashMap<>();
      int records = 0;
      for (int i = 0; i < catalogSteps.length; i++) {
        int count = digits[catalogDigit[i]];
        if (count > 0 && catalog.contains(catalogSteps[i])) {
          counts.put(catalogSteps[i], count);
          records += count;
        }
      }
      List<Boolean> counted = new ArrayList<>(records);
      for (int i = 0; i < records; i++) {
        counted.add(Boolean.TRUE);
      }
      return new Counting(counts, counted, List.of());
    }

    /**
     * Whether record {@code a} is smaller than {@code b}: fewer records, or as many with more of the steps
     * that come first in the catalog.
     */
    boolean smaller(int[] a, int[] b) {
      int sizeA = 0;
      int sizeB = 0;
      for (int i = 0; i < a.length; i++) {
        sizeA += a[i];
        sizeB += b[i];
      }
      if (sizeA != sizeB) {
        return sizeA < sizeB;
      }
      for (int digit : catalogDigit) {
        if (a[digit] != b[digit]) {
          return a[digit] > b[digit];
        }
      }
      return false;
    }
  }

  /** How many comparisons each thread remembers. */
  private static final int KNOWN = 1 << 18;
  /** Remembered for a comparison that found the answers the same. */
  private static final Delta SAME = new Delta(Set.of(), Set.of());

  /** The findings compared on some steps, and which of the steps they are on or name count. */
  private record Key(int[] a, int[] b, long counted) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Key key && counted == key.counted && java.util.Arrays.equals(a, key.a)
          && java.util.Arrays.equals(b, key.b);
    }

    @Override
    public int hashCode() {
      return (java.util.Arrays.hashCode(a) * 31 + java.util.Arrays.hashCode(b)) * 31 + Long.hashCode(counted);
    }
  }

  /** What one thread found. */
  private static final class Found {
    long different;
    final Map<String, Group> byRule = new HashMap<>();
    final Map<String, Group> byStep = new HashMap<>();
    final Map<Key, Delta> known = new HashMap<>();

    void count(Delta delta, int[] digits, Run run) {
      different++;
      delta.rules().forEach(rule -> byRule.computeIfAbsent(rule, k -> new Group()).add(digits, run));
      delta.steps().forEach(step -> byStep.computeIfAbsent(step, k -> new Group()).add(digits, run));
    }

    void add(Found other) {
      different += other.different;
      other.byRule.forEach((id, g) -> byRule.merge(id, g, Group::merge));
      other.byStep.forEach((id, g) -> byStep.merge(id, g, Group::merge));
    }
  }

  /** Records that differ for one reason: how many, and the smallest. */
  private static final class Group {
    long records;
    int[] smallest;
    Run run;

    void add(int[] digits, Run run) {
      this.run = run;
      records++;
      if (smallest == null || run.smaller(digits, smallest)) {
        smallest = digits.clone();
      }
    }

    static Group merge(Group a, Group b) {
      Group merged = new Group();
      merged.run = a.run;
      merged.records = a.records + b.records;
      merged.smallest = a.run.smaller(b.smallest, a.smallest) ? b.smallest : a.smallest;
      return merged;
    }
  }
}
