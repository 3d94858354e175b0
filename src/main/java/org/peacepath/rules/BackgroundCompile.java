package org.peacepath.rules;

/**
 * Compiles the copies of a revision's rules that {@link IncrementalSession}s run on one thread of low
 * priority, in a server, so that a request finds them compiled rather than waits for them.
 */
public final class BackgroundCompile {
  private BackgroundCompile() {}

  private static final java.util.concurrent.ExecutorService PREPARING =
      java.util.concurrent.Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "peacepath-incremental-compile");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        return thread;
      });

  /**
   * Compiles the revision's {@link FirmRules} on a thread of their own, so that {@link FirmRules#ifCompiled}
   * has them soon without anyone waiting; rules that do not compile so are left to whoever needs them.
   */
  public static void prepareFirmRules(RuleSet ruleSet) {
    if (FirmRules.ifCompiled(ruleSet) != null) {
      return;
    }
    PREPARING.execute(() -> {
      try {
        FirmRules.of(ruleSet);
      } catch (RuleSetException | RuntimeException | LinkageError e) {
        // nothing to prepare: the callers do without incremental sessions for this revision
      }
    });
  }

  /**
   * {@link IncrementalRules#compile} if it has been compiled already; else {@code null}, and, in a server ({@link
   * #prepareWhenAsked}), it is compiled on the same background thread, once, for whoever asks next: a server
   * asks for each revision's as it starts and after each reload, for its decisions and packages' trials.
   */
  public static IncrementalRules compiledOrPrepared(RuleSet ruleSet) {
    IncrementalRules rules = IncrementalRules.compiledAlready(ruleSet);
    if (rules == null && preparing && ruleSet.incrementalAsked.compareAndSet(false, true)) {
      PREPARING.execute(() -> {
        try {
          IncrementalRules.compile(ruleSet);
        } catch (RuleSetException | RuntimeException | LinkageError e) {
          // nothing to prepare: the callers do without incremental sessions for this revision
        }
      });
    }
    return rules;
  }

  /**
   * Waits until every copy asked for so far ({@link #prepareFirmRules}, {@link #compiledOrPrepared}) is
   * compiled, or could not be, or {@code patience} has passed; whether the thread that compiles them is then
   * idle. A server waits for it before its warm-up, so that the warm-up replays a dated record the way every
   * later request will.
   */
  public static boolean awaitPrepared(java.time.Duration patience) throws InterruptedException {
    try {
      PREPARING.submit(() -> {}).get(patience.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      return true; // an empty task does not fail
    }
  }

  /**
   * Whether {@link #compiledOrPrepared} compiles in the background: in a server, which lives long enough to
   * use it, and not in a command or a reload's judge, which would spend more compiling than it saves.
   */
  private static volatile boolean preparing;

  /** Lets {@link #compiledOrPrepared} compile in the background from now on: a server calls it as it starts. */
  public static void prepareWhenAsked() {
    preparing = true;
  }

}
