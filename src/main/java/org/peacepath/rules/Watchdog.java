package org.peacepath.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.drools.core.common.ReteEvaluator;
import org.drools.core.phreak.RuleAgendaItem;
import org.kie.api.runtime.KieSession;

/**
 * One thread that watches every session while its rules fire, and halts one whose time is up or whose
 * client has gone. Drools looks at nothing of ours while it matches (a rule can match for a long time
 * without creating a single match, and the listeners of {@link Findings} hear only of matches and
 * firings), so the deadline needs someone outside the firing thread. {@link KieSession#halt()} is made
 * to be called from another thread; Drools honours it after the rule it is matching, which the rule
 * language ({@link JoinCheck}) keeps to a fraction of a second.
 *
 * <p>Every thread that fires rules has one slot, set before it fires and cleared after, under the slot's
 * lock, so that the watchdog never touches a session that has gone back to its pool. While a firing
 * lasts longer than {@link #SAMPLE_AFTER_NANOS}, the watchdog also notes at each tick which rule Drools
 * is matching or firing (the head of its agenda): the rule seen most often is the one that spent the
 * time, even when it never made a match.
 */
final class Watchdog {
  /** How often the watchdog looks. */
  static final long TICK_NANOS = 20_000_000L;
  /** After how long a firing is worth watching closely: sampled, and its client asked after. */
  static final long SAMPLE_AFTER_NANOS = 100_000_000L;

  /** A thread's place on the watchdog's list. */
  static final class Slot {
    private KieSession session;
    private long started;
    private long deadline;
    private DecisionBudget budget;
    private volatile boolean active;
    private boolean timedOut;
    private boolean abandoned;
    private Map<String, Integer> samples;
  }

  /** What the watchdog saw of one firing. */
  record Seen(boolean timedOut, boolean abandoned, Map<String, Integer> samples) {
    static final Seen NOTHING = new Seen(false, false, Map.of());
  }

  private static final Map<Thread, Slot> SLOTS = Collections.synchronizedMap(new WeakHashMap<>());
  private static final ThreadLocal<Slot> MINE = ThreadLocal.withInitial(Watchdog::register);
  private static Thread thread;

  private Watchdog() {}

  private static Slot register() {
    Slot slot = new Slot();
    SLOTS.put(Thread.currentThread(), slot);
    synchronized (Watchdog.class) {
      if (thread == null) {
        thread = new Thread(Watchdog::run, "peacepath-rules-watchdog");
        thread.setDaemon(true);
        thread.start();
      }
    }
    return slot;
  }

  /** Watches {@code session} while this thread fires it, until {@link #release}; {@code budget} may be {@code null}. */
  static Slot watch(KieSession session, long deadline, DecisionBudget budget) {
    Slot slot = MINE.get();
    synchronized (slot) {
      slot.session = session;
      slot.started = System.nanoTime();
      slot.deadline = deadline;
      slot.budget = budget;
      slot.timedOut = false;
      slot.abandoned = false;
      slot.samples = null;
      slot.active = true;
    }
    return slot;
  }

  /** Stops watching; from now on the watchdog leaves the session alone. Says what it saw. */
  static Seen release(Slot slot) {
    synchronized (slot) {
      slot.active = false;
      slot.session = null;
      slot.budget = null;
      if (!slot.timedOut && !slot.abandoned && slot.samples == null) {
        return Seen.NOTHING;
      }
      return new Seen(slot.timedOut, slot.abandoned, slot.samples == null ? Map.of() : slot.samples);
    }
  }

  private static void run() {
    while (true) {
      try {
        Thread.sleep(TICK_NANOS / 1_000_000L);
        List<Slot> slots;
        synchronized (SLOTS) {
          slots = new ArrayList<>(SLOTS.values());
        }
        long now = System.nanoTime();
        for (Slot slot : slots) {
          if (slot.active) {
            look(slot, now);
          }
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException | LinkageError e) {
        // a session that changed under the look: the next tick looks again
      }
    }
  }

  private static void look(Slot slot, long now) {
    synchronized (slot) {
      if (!slot.active || slot.session == null) {
        return;
      }
      if (now - slot.started >= SAMPLE_AFTER_NANOS) {
        String rule = matching(slot.session);
        if (rule != null) {
          if (slot.samples == null) {
            slot.samples = new HashMap<>();
          }
          slot.samples.merge(rule, 1, Integer::sum);
        }
        if (!slot.abandoned && slot.budget != null && slot.budget.abandoned()) {
          slot.abandoned = true;
        }
      }
      if (now - slot.deadline > 0) {
        slot.timedOut = true;
      }
      if (slot.timedOut || slot.abandoned) {
        // Again at every tick until the firing ends: a halt before the rules start firing is lost.
        slot.session.halt();
      }
    }
  }

  /** The rule at the head of the session's agenda: the one Drools is matching or firing now. Read from outside, so only a guess. */
  private static String matching(KieSession session) {
    try {
      if (session instanceof ReteEvaluator evaluator) {
        RuleAgendaItem item = evaluator.getActivationsManager().peekNextRule();
        return item == null ? null : item.getRule().getName();
      }
    } catch (RuntimeException e) {
      // the agenda changed while it was read
    }
    return null;
  }
}
