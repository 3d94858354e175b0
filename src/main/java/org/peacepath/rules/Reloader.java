package org.peacepath.rules;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the rule sets from the rules folder into the registry: each rule set whose files changed is
 * read once, compiled and passed through its serving gate within a deadline, and swapped in only if
 * all of that succeeds; otherwise the last good revision keeps serving and the reasons are kept.
 */
final class Reloader {
  private static final Logger LOG = LoggerFactory.getLogger(Reloader.class);

  private final RuleSets registry;
  private final Path root;
  private final ServingGate check;
  private final Duration deadline;
  /** How the child JVM makes the gate again; {@code null} when it cannot, and candidates are judged in process. */
  private final String gate;
  /** Where candidates are compiled and checked so that the deadline stops them: see {@link ReloadWorker}. */
  private volatile ReloadWorker worker;
  /** Whether the child is kept between reloads (a watcher runs), or stopped after each. */
  private volatile boolean keepWarm;

  Reloader(RuleSets registry, Path root, ServingGate check, Duration deadline) {
    this.registry = registry;
    this.root = root;
    this.check = check;
    this.deadline = deadline;
    this.gate = ReloadWorker.gateName(check);
    this.worker = gate == null ? null : new ReloadWorker();
  }

  /**
   * The candidate, compiled, once the child JVM has compiled it and passed it through the gate within the
   * deadline ({@link #submitted} sent it, with the other changed rule sets, so the child goes on to the next
   * while the server compiles this one). The server compiles the same text itself, on this thread: that
   * takes about as long as it took the child, which must have been at most half the deadline, else the
   * candidate is refused before the server spends as long again. Nothing of a candidate the child refuses,
   * or that it is killed over, is ever compiled in the server. A gate the child cannot make (a lambda of a
   * test) is run in process, as a thread the deadline does not stop.
   */
  private RuleSet judged(RuleSetFiles files, String name, boolean submitted) throws RuleSetException {
    ReloadWorker.Judgement judgement = submitted ? next(name) : null;
    if (judgement == null) {
      return withDeadline(deadline, name, () -> candidate(files, name, check));
    }
    if (!judgement.problems().isEmpty()) {
      throw new RuleSetException(judgement.problems());
    }
    if (judgement.compiling().compareTo(deadline.dividedBy(2)) > 0) {
      throw new RuleSetException(new Problem("reload_timeout", name + "/" + RuleSetCompiler.MANIFEST, 0,
          "compiling rule set " + name + " took " + judgement.compiling().toSeconds() + " s, more than half the "
              + deadline.toSeconds() + " s a reload may take, and the server would spend as long compiling it again, "
              + "so it was refused; look for a rule set far larger than it needs to be"));
    }
    return RuleSetCompiler.compile(files, name);
  }

  /** What keeps the live revision with other scenario files from being served, judged as {@link #judged} does. */
  private List<Problem> shortfalls(RuleSet live, RuleSetFiles files, String name, boolean submitted)
      throws RuleSetException {
    ReloadWorker.Judgement judgement = submitted ? next(name) : null;
    if (judgement == null) {
      return withDeadline(deadline, name, () -> check.shortfalls(live));
    }
    return judgement.problems();
  }

  /** Sends the child a candidate to judge; false where no child JVM can be started (see {@link #unavailable}). */
  private boolean submit(RuleSetFiles files, String name) {
    ReloadWorker child = worker;
    if (child == null) {
      return false;
    }
    try {
      child.submit(files, name, gate);
      return true;
    } catch (ReloadWorker.Unavailable e) {
      unavailable(e);
      return false;
    }
  }

  /** The child's judgement of the next candidate sent, or {@code null} where the child could not be started. */
  private ReloadWorker.Judgement next(String name) throws RuleSetException {
    ReloadWorker child = worker;
    if (child == null) {
      return null;
    }
    try {
      return child.next(name, deadline);
    } catch (ReloadWorker.Unavailable e) {
      unavailable(e);
      return null;
    }
  }

  /**
   * No child JVM can be started at all: then, said once in the log, candidates are judged in process as
   * they were before, a thread the deadline does not stop.
   */
  private void unavailable(ReloadWorker.Unavailable e) {
    LOG.warn("{}; reload candidates are compiled in the server from now on, where the deadline cannot stop them",
        e.getMessage());
    worker = null;
  }

  /**
   * Starts the child JVM and warms it on the default rule set, so that the first edit goes live as fast as
   * the next, and keeps it between reloads until {@link #stop}. Without this (a test that reloads by hand),
   * each reload starts a child and stops it when it is done, so that none is left behind.
   */
  synchronized void warm() {
    keepWarm = true;
    if (worker == null) {
      return;
    }
    try {
      List<String> names = names(root);
      worker.warm(RuleSetFiles.read(root, names.get(0)), names.get(0), gate);
    } catch (RuleSetException | ReloadWorker.Unavailable e) {
      // nothing to warm on, or no child to warm: the first reload says so
    }
  }

  /** Stops the child JVM; a later reload starts another, and stops it when done. */
  void stop() {
    keepWarm = false;
    ReloadWorker child = worker;
    if (child != null) {
      child.close();
    }
  }

  /** The child JVM's process id while it runs. */
  java.util.OptionalLong workerPid() {
    ReloadWorker child = worker;
    return child == null ? java.util.OptionalLong.empty() : child.pid();
  }

  /** Compiles a rule set and runs its check; refused when it does not compile or the check finds anything. */
  static RuleSet candidate(RuleSetFiles files, String name, ServingGate check) throws RuleSetException {
    RuleSet ruleSet = Faults.compile(files, name);
    List<Problem> failures = check.shortfalls(ruleSet);
    if (!failures.isEmpty()) {
      throw new RuleSetException(failures);
    }
    return ruleSet;
  }

  /** A piece of work that may throw {@link RuleSetException}. */
  @FunctionalInterface
  interface Work<T> {
    T run() throws RuleSetException;
  }

  /**
   * Runs the work on a thread of its own and waits at most {@code deadline}: a candidate that does not
   * finish in time is refused, and the thread asking (the watcher) goes on watching.
   */
  static <T> T withDeadline(Duration deadline, String name, Work<T> work) throws RuleSetException {
    FutureTask<T> task = new FutureTask<>(work::run);
    Thread worker = new Thread(task, "peacepath-compile-" + name);
    worker.setDaemon(true);
    worker.start();
    try {
      return task.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      task.cancel(true);
      throw new RuleSetException(new Problem("reload_timeout", name + "/" + RuleSetCompiler.MANIFEST, 0,
          "compiling rule set " + name + " and running its scenarios took longer than " + deadline.toSeconds()
              + " s, so it was refused; look for a rule that matches far too many combinations of facts"));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuleSetException refused) {
        throw refused;
      }
      LOG.error("compiling rule set {} failed", name, e.getCause());
      throw new RuleSetException(new Problem("compile_failed", name + "/" + RuleSetCompiler.MANIFEST, 0,
          "rule set " + name + " could not be compiled: " + Faults.inWords(e.getCause())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuleSetException(new Problem("reload_timeout", name, 0, "the reload was interrupted"));
    }
  }

  static List<String> names(Path root) throws RuleSetException {
    try {
      List<String> names = RuleSetCompiler.names(root);
      if (names.isEmpty()) {
        throw new RuleSetException(new Problem("no_rules", ".", 0,
            "no rule sets here: each rule set is a folder holding a " + RuleSetCompiler.MANIFEST));
      }
      return names;
    } catch (IOException e) {
      throw new RuleSetException(new Problem("no_rules", ".", 0,
          "no rules folder at " + root + ": run from the project folder or pass --rules DIR"));
    }
  }

  /**
   * Reads the rules folder again. Each rule set whose files changed is compiled and, if it compiles and
   * its scenarios pass, swapped in; if not, the last good revision keeps serving. New rule sets are
   * added; those whose folder is gone are withdrawn, except the default. Returns the outcome for each.
   */
  synchronized Map<String, ReloadOutcome> reload() {
    Map<String, RuleSets.Served> served = registry.served();
    Map<String, RuleSets.Served> next = new LinkedHashMap<>(served);
    Map<String, ReloadOutcome> outcomes = new LinkedHashMap<>();
    List<String> names;
    try {
      names = names(root);
    } catch (RuleSetException e) {
      Instant now = Instant.now();
      next.replaceAll((name, s) -> new RuleSets.Served(s.ruleSet(), refused(now, e.problems())));
      LOG.warn("reload refused: {}; still serving the last good rules", e.getMessage());
      return registry.publish(next, outcomes);
    }
    for (String name : List.copyOf(next.keySet())) {
      if (names.contains(name)) {
        continue;
      }
      if (name.equals(RuleSetCompiler.DEFAULT)) {
        next.put(name, new RuleSets.Served(next.get(name).ruleSet(), refused(Instant.now(), List.of(new Problem("missing_default",
            name, 0, "the folder of the default rule set " + name + " is gone; it keeps serving until the folder is back")))));
        LOG.warn("the folder of the default rule set {} is gone; still serving its last good revision", name);
      } else {
        next.remove(name);
        outcomes.put(name, new ReloadOutcome(Instant.now(), ReloadOutcome.Result.WITHDRAWN, null, List.of(), List.of()));
        LOG.warn("rule set {} withdrawn: its folder is gone; requests that name it now get 404", name);
      }
    }
    // Every rule set whose rules or scenarios changed goes to the child at once, so that it can work on one
    // while the server compiles the one before.
    if (worker != null) {
      worker.forget();
    }
    Map<String, RuleSetFiles> read = new LinkedHashMap<>();
    Map<String, RuleSetException> unreadable = new LinkedHashMap<>();
    java.util.Set<String> submitted = new java.util.HashSet<>();
    for (String name : names) {
      try {
        RuleSetFiles onDisk = RuleSetFiles.read(root, name);
        read.put(name, onDisk);
        RuleSets.Served current = served.get(name);
        boolean asServed = current != null && current.ruleSet().revision().equals(onDisk.revision())
            && current.ruleSet().scenarios().equals(onDisk.scenarios());
        if (!asServed && submit(onDisk, name)) {
          submitted.add(name);
        }
      } catch (RuleSetException e) {
        unreadable.put(name, e);
      }
    }
    for (String name : names) {
      RuleSets.Served current = served.get(name);
      try {
        if (unreadable.containsKey(name)) {
          throw unreadable.get(name);
        }
        RuleSetFiles onDisk = read.get(name);
        if (current != null && current.ruleSet().revision().equals(onDisk.revision())) {
          // The rules are as served; only a scenario file can have changed, so run the scenarios again, unless
          // they too are those the served revision passed.
          RuleSet live = current.ruleSet().withScenarios(onDisk.scenarios());
          List<Problem> failures = current.ruleSet().scenarios().equals(onDisk.scenarios()) ? List.of()
              : shortfalls(live, onDisk, name, submitted.contains(name));
          next.put(name, failures.isEmpty()
              ? new RuleSets.Served(live, new ReloadOutcome(Instant.now(), ReloadOutcome.Result.UNCHANGED, live.revision(), List.of(), List.of()))
              : new RuleSets.Served(current.ruleSet(), refused(Instant.now(), failures)));
          if (!failures.isEmpty() && !failures.equals(current.lastReload().scenarioFailures())) {
            // Said once, when the failures appear: the rules are as served, the scenarios of the edit fail.
            LOG.warn("scenarios of rule set {} fail after an edit of its scenario files; still serving revision {}:\n  {}",
                name, live.revision(), String.join("\n  ", failures.stream().map(Problem::toString).toList()));
          }
          continue;
        }
        RuleSet candidate = judged(onDisk, name, submitted.contains(name));
        next.put(name, new RuleSets.Served(candidate, new ReloadOutcome(candidate.loadedAt(), ReloadOutcome.Result.LOADED,
            candidate.revision(), List.of(), List.of())));
        LOG.info("rule set {} now serving revision {}", name, candidate.revision());
      } catch (RuleSetException e) {
        String list = String.join("\n  ", e.problems().stream().map(Problem::toString).toList());
        if (current == null) {
          LOG.warn("new rule set {} refused:\n  {}", name, list);
          continue;
        }
        next.put(name, new RuleSets.Served(current.ruleSet(), refused(Instant.now(), e.problems())));
        LOG.warn("reload of rule set {} refused; still serving revision {}:\n  {}", name,
            current.ruleSet().revision(), list);
      } finally {
        registry.serve(next); // each rule set goes live as soon as it is ready, not when the last one is
      }
    }
    if (!keepWarm && worker != null) {
      worker.close();
    }
    return registry.publish(next, outcomes);
  }

  /** A refusal: the scenarios that failed apart from the other problems. */
  private static ReloadOutcome refused(Instant at, List<Problem> problems) {
    List<Problem> scenarios = problems.stream().filter(p -> p.code().equals(ServingGate.SCENARIO_FAILED)).toList();
    List<Problem> errors = problems.stream().filter(p -> !p.code().equals(ServingGate.SCENARIO_FAILED)).toList();
    return new ReloadOutcome(at, ReloadOutcome.Result.REFUSED, null, errors, scenarios);
  }


}
