package org.peacepath.diff;

import java.util.ArrayList;
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
import org.peacepath.decide.Counting;
import org.peacepath.decide.Decision;
import org.peacepath.decide.Evaluator;
import org.peacepath.rules.FindingIds;
import org.peacepath.rules.IncrementalRules;
import org.peacepath.rules.IncrementalSession;
import org.peacepath.rules.RuleFailureException;
import org.peacepath.rules.RuleSet;
import org.peacepath.rules.SessionSide;

/** One comparison under way, shared by its threads. */
final class DiffRun {
  /** How many comparisons each thread remembers. */
  private static final int KNOWN = 1 << 18;
  /** Remembered for a comparison that found the answers the same. */
  private static final Delta SAME = new Delta(Set.of(), Set.of());

  /** The findings compared on some steps, and which of the steps they are on or name count. */
  record Key(int[] a, int[] b, long counted) {
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

  DiffRun(RuleSet before, RuleSet after, IncrementalRules paired, IncrementalRules was,
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
    List<String> order = Differ.catalogOrder(after.catalog()).stream().filter(before.catalog()::contains).toList();
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

  void work(DiffCount tally) {
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
          stop.compareAndSet(null, new Differ.CancelledException());
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
      int[] digits, DiffCount tally) {
    if (stop.get() != null) {
      throw new Differ.CancelledException();
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
        failedOn = space.record(digits, Differ.catalogOrder(after.catalog()));
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
