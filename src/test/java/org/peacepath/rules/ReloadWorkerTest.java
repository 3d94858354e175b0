package org.peacepath.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peacepath.Bundled;
import org.peacepath.RulesCopy;
import org.peacepath.http.Api;
import org.peacepath.scenario.QuotedScenarioGate;
import org.peacepath.scenario.ScenarioGate;

/**
 * A reload candidate is compiled and its scenarios run in a child JVM that the deadline really stops: a
 * rule set too large to compile in time is refused at the deadline, its work killed and its CPU freed,
 * while the server answers {@code /health} throughout; a candidate that needs more memory than the child
 * has is refused without touching the server's heap; and the child judges as the server would.
 */
class ReloadWorkerTest {
  @TempDir Path dir;

  /**
   * Thousands of rules from {@code first}, each simple and allowed, together far more than can be compiled in a
   * few seconds. None of them ever fires (normalization is never both open and counted), so the candidate is
   * refused for its size alone, not for what its rules do once compiled.
   */
  static String huge(int first, int rules) {
    StringBuilder drl = new StringBuilder("package peacepath;\nimport org.peacepath.facts.*;\n");
    for (int i = first; i < first + rules; i++) {
      drl.append("\nrule \"Rule ").append(i).append("\"\n    @id(\"rule-").append(i)
          .append("\") @basis(\"inferred\") @source(\"A peace process\")\nwhen\n    Open( step == \"normalization\" )\n")
          .append("    Done( step == \"normalization\" )\nthen\n    insert( new Advisory( \"Rule ").append(i)
          .append(".\" ) );\nend\n");
    }
    return drl.toString();
  }

  /** CPU time this JVM spends over {@code millis}, in milliseconds. */
  /**
   * The CPU time the server's Java threads spend over {@code millis}, and the busiest of them by name. The
   * JVM's own threads (the JIT compiling what the refused candidate's checks ran, the collector freeing what
   * they read) are not Java threads and do not count: they are the JVM's housekeeping, not the candidate's
   * work going on.
   */
  static Busy busyOver(long millis) throws InterruptedException {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    java.util.Map<Long, Long> before = new java.util.HashMap<>();
    for (long id : threads.getAllThreadIds()) {
      before.put(id, threads.getThreadCpuTime(id));
    }
    Thread.sleep(millis);
    long total = 0;
    java.util.List<String> busiest = new java.util.ArrayList<>();
    for (long id : threads.getAllThreadIds()) {
      long now = threads.getThreadCpuTime(id);
      long spent = now < 0 ? 0 : (now - Math.max(0, before.getOrDefault(id, 0L))) / 1_000_000L;
      total += spent;
      java.lang.management.ThreadInfo info = threads.getThreadInfo(id);
      if (spent >= 20 && info != null) {
        busiest.add(info.getThreadName() + " " + spent + " ms");
      }
    }
    return new Busy(total, busiest);
  }

  record Busy(long millis, java.util.List<String> threads) {}

  @Test
  void a_rule_set_too_large_to_compile_in_time_is_refused_at_the_deadline_with_its_work_stopped_and_health_answering()
      throws Exception {
    RulesCopy.of(dir);
    // A deadline the bundled rule sets meet however busy the machine is, and the huge one never does: four
    // times what judging sigal in a child takes here and now (a few seconds on a quiet machine, about ten at a
    // load average of 30), while compiling the huge one takes some 25 s on a quiet machine and far more when busy.
    long normal;
    try (ReloadWorker probe = new ReloadWorker()) {
      long start = System.nanoTime();
      probe.judge(RuleSetFiles.read(dir, "sigal"), "sigal", ReloadWorker.gateName(new ScenarioGate()),
          Duration.ofSeconds(120));
      normal = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
    Duration deadline = Duration.ofMillis(Math.max(6_000, Math.min(4 * normal, 30_000)));
    RuleSets ruleSets = RuleSets.load(dir, new ScenarioGate(), deadline);
    String before = ruleSets.get("sigal").orElseThrow().revision();
    List<Integer> health = Collections.synchronizedList(new ArrayList<>());
    List<Long> workers = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean reloading = new AtomicBoolean(true);
    try (Api api = new Api(ruleSets)) {
      for (int file = 0; file < 3; file++) {
        RulesCopy.write(dir, "sigal/huge-" + file + ".drl", huge(file * 4_000, 4_000));
      }
      Path treatyFirst = dir.resolve("treaty-first/treaty-first.rules.csv");
      Files.writeString(treatyFirst, Files.readString(treatyFirst).replace("Denuclearization comes only after the peace treaty",
          "Denuclearization comes only after the peace treaty (an edit after the huge one)"));
      Thread poll = new Thread(() -> {
        while (reloading.get()) {
          health.add(api.get("/health").status());
          ruleSets.reloadWorkerPid().ifPresent(workers::add);
          try {
            Thread.sleep(50);
          } catch (InterruptedException e) {
            return;
          }
        }
      });
      poll.start();
      long start = System.nanoTime();
      java.util.Map<String, ReloadOutcome> outcomes = ruleSets.reload();
      ReloadOutcome outcome = outcomes.get("sigal");
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
      reloading.set(false);
      poll.join();

      assertEquals(ReloadOutcome.Result.REFUSED, outcome.result(), outcome.toString());
      assertEquals("reload_timeout", outcome.errors().get(0).code(), outcome.toString());
      assertEquals(before, ruleSets.get("sigal").orElseThrow().revision(), "the last good revision keeps serving");
      assertTrue(seconds < 100, "refused at the deadline, not when compiling was done: " + seconds + " s");
      assertFalse(health.isEmpty());
      assertEquals(List.of(200), health.stream().distinct().toList(), "health answered throughout");
      assertEquals(ReloadOutcome.Result.LOADED, outcomes.get("treaty-first").result(),
          "the rule set sent after the huge one was judged by a new child: " + outcomes.get("treaty-first"));
      assertFalse(workers.isEmpty(), "the candidate was compiled in a child JVM");
      long killed = workers.get(0);
      assertFalse(ProcessHandle.of(killed).map(ProcessHandle::isAlive).orElse(false), "the child " + killed
          + " was killed at the deadline");
      assertTrue(ruleSets.reloadWorkerPid().isEmpty() || ruleSets.reloadWorkerPid().getAsLong() != killed);
      // treaty-first's new revision is compared with its last in the background (issue 20): that is work the
      // server owes, not the refused candidate's, so it is let finish before the server's CPU is read.
      long previewed = System.nanoTime() + 120_000_000_000L;
      while (api.get("/v1/rulesets/treaty-first/changes").text().contains("\"computing\"") && System.nanoTime() < previewed) {
        Thread.sleep(200);
      }
      // and so is the new revision's copy for replaying dated records (issue 18), compiled in the background
      assertTrue(BackgroundCompile.awaitPrepared(Duration.ofSeconds(120)), "the server's own background compiling ended");
      Busy busy = busyOver(1_000);
      assertTrue(busy.millis() < 500, "nothing of the refused candidate goes on in the server: " + busy.millis()
          + " ms of CPU in 1 s on its threads, the busiest " + busy.threads());

      for (int file = 0; file < 3; file++) {
        Files.delete(dir.resolve("sigal/huge-" + file + ".drl"));
      }
      Path sequence = dir.resolve("common/advisories.drl");
      Files.writeString(sequence, Files.readString(sequence) + "\n// an edit\n");
      assertEquals(ReloadOutcome.Result.LOADED, ruleSets.reload().get("sigal").result(), "the next reload works, in a new child");
      assertTrue(ruleSets.reloadWorkerPid().isEmpty(), "without a watcher to keep it warm, no child is left behind");
      assertEquals(200, api.post("/v1/evaluate", "{\"completed\": []}").status());
    } finally {
      ruleSets.stopReloads();
    }
  }

  @Test
  void a_candidate_that_needs_more_memory_than_the_child_has_is_refused() throws Exception {
    try (ReloadWorker worker = new ReloadWorker("12m")) {
      RuleSetException refused = org.junit.jupiter.api.Assertions.assertThrows(RuleSetException.class, () -> worker.judge(
          RuleSetFiles.read(Bundled.RULES, "sigal"), "sigal", ScenarioGate.class.getName(), Duration.ofSeconds(60)));

      assertEquals("reload_out_of_memory", refused.problems().get(0).code(), refused.getMessage());
      assertTrue(refused.getMessage().contains("needed more than 12MB of memory"), refused.getMessage());
      assertEquals(java.util.OptionalLong.empty(), worker.pid());
    }
  }

  @Test
  void the_child_judges_a_candidate_as_the_server_would() throws Exception {
    RulesCopy.of(dir);
    try (ReloadWorker worker = new ReloadWorker()) {
      String gate = ReloadWorker.gateName(new ScenarioGate());
      assertEquals(List.of(), worker.judge(RuleSetFiles.read(dir, "sigal"), "sigal", gate, Duration.ofSeconds(60))
          .problems());

      Path treaty = dir.resolve("common/preconditions.rules.csv");
      Files.writeString(treaty, Files.readString(treaty).replace("peace-treaty,,firm,four-party-talks,",
          "peace-treaty,,firm,four-party-talk,"));
      RuleSetFiles files = RuleSetFiles.read(dir, "sigal");
      List<Problem> inProcess;
      try {
        Reloader.candidate(files, "sigal", new ScenarioGate());
        inProcess = List.of();
      } catch (RuleSetException e) {
        inProcess = e.problems();
      }
      assertFalse(inProcess.isEmpty());
      assertEquals(inProcess, worker.judge(files, "sigal", gate, Duration.ofSeconds(60)).problems(),
          "the same problems, file and line");
      long pid = worker.pid().orElseThrow();
      worker.judge(RuleSetFiles.read(dir, "treaty-first"), "treaty-first", gate, Duration.ofSeconds(60));
      assertEquals(pid, worker.pid().orElseThrow(), "one child, kept from one reload to the next");
    }
  }

  @Test
  void the_gate_of_serve_with_a_source_is_made_again_in_the_child_and_refuses_a_paraphrase_there() throws Exception {
    Path seed = Path.of("..", "shared", "seed", "sigal-2013-replacing-the-armistice.txt");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(seed), "the source text is beside the project");
    RulesCopy.of(dir);
    QuotedScenarioGate quoted = new QuotedScenarioGate(seed.toAbsolutePath().toString());
    String gate = ReloadWorker.gateName(quoted);
    assertEquals(QuotedScenarioGate.class.getName() + "\t" + seed.toAbsolutePath(), gate,
        "the child is told the class and the source text's path, and makes the gate from them");
    try (ReloadWorker worker = new ReloadWorker()) {
      assertEquals(List.of(), worker.judge(RuleSetFiles.read(dir, "sigal"), "sigal", gate, Duration.ofSeconds(60))
          .problems());
      Path reciprocity = dir.resolve("sigal/reciprocity.drl");
      Files.writeString(reciprocity, Files.readString(reciprocity).replace("with permanent dismantlement",
          "with lasting dismantlement"));
      List<Problem> problems = worker.judge(RuleSetFiles.read(dir, "sigal"), "sigal", gate, Duration.ofSeconds(60))
          .problems();
      assertEquals(2, problems.size(), "both rules that quote the sentence: " + problems);
      for (Problem problem : problems) {
        assertEquals("source_mismatch", problem.code());
        assertEquals("sigal/reciprocity.drl", problem.file());
        assertTrue(problem.message().contains("they first differ in \"lasting\""), problem.message());
      }
    }
  }

  @Test
  void a_candidate_the_child_cannot_compile_for_a_reason_no_check_foresaw_is_refused_in_words() {
    // A job whose gate names no class: the child fails on it, and says so without a Java class's name.
    String answer = ReloadWorkerMain.judge("{\"name\": \"sigal\", \"gate\": \"no.such.Gate\"}");
    assertTrue(answer.contains("rule set sigal could not be compiled"), answer);
    assertFalse(answer.matches("(?s).*(Exception|Error\\b|java\\.|ClassNotFound).*"), answer);
  }

  @Test
  void a_gate_the_child_cannot_make_is_run_in_process() {
    assertEquals(null, ReloadWorker.gateName(ruleSet -> List.of()));
    assertEquals("", ReloadWorker.gateName(ServingGate.NONE));
    assertEquals(ScenarioGate.class.getName(), ReloadWorker.gateName(new ScenarioGate()));
  }
}
