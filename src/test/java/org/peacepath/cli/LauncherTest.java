package org.peacepath.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The command {@code ./peacepath} starts, as it prints it under {@code PEACEPATH_DRY_RUN=1}: what the README's
 * command runs, and what the benchmarks measure.
 */
class LauncherTest {
  /** The words of the command the launcher would run for {@code args}, with {@code env} added to its environment. */
  private static List<String> command(Map<String, String> env, String... args) throws Exception {
    Run run = launch(env, args);
    assertEquals(0, run.code(), run.out() + run.err());
    return List.of(run.out().strip().split("\n"));
  }

  /** What the launcher, run dry, said and how it ended. */
  private record Run(int code, String out, String err) {}

  private static Run launch(Map<String, String> env, String... args) throws Exception {
    ProcessBuilder builder = new ProcessBuilder();
    builder.command().addAll(List.of("bash", "peacepath"));
    builder.command().addAll(List.of(args));
    builder.environment().put("PEACEPATH_DRY_RUN", "1");
    // Any file will do: the dry run only checks that the jar is there. The tests run before the jar is built.
    builder.environment().put("PEACEPATH_JAR", Path.of("pom.xml").toAbsolutePath().toString());
    builder.environment().remove("PEACEPATH_JAVA_OPTS");
    builder.environment().remove("PEACEPATH_PROCESSORS");
    builder.environment().remove("PEACEPATH_SCHEDULING");
    builder.environment().putAll(env);
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(process.waitFor(), out, err);
  }

  /** The words before java: how the server is scheduled. */
  private static List<String> before(List<String> words) {
    for (int i = 0; i < words.size(); i++) {
      if (words.get(i).endsWith("java")) {
        return words.subList(0, i);
      }
    }
    throw new AssertionError("no java in " + words);
  }

  private static final List<String> BATCH = List.of("chrt", "--batch", "0");

  /**
   * The environment of a launcher that finds, first on its PATH, a {@code chrt} that says the shell runs under
   * {@code policy} and lets it ask for batch scheduling or not: this machine's own may do either.
   */
  private static Map<String, String> chrt(Path folder, String policy, boolean allowed) throws Exception {
    Path fake = folder.resolve("chrt");
    java.nio.file.Files.writeString(fake, """
        #!/bin/sh
        case "$1" in
          -p) echo "pid $2's current scheduling policy: %s"; echo "pid $2's current scheduling priority: 0" ;;
          --batch) exit %d ;;
          *) exit 9 ;;
        esac
        """.formatted(policy, allowed ? 0 : 1));
    assertTrue(fake.toFile().setExecutable(true));
    return Map.of("PATH", folder + ":" + System.getenv("PATH"));
  }

  @Test
  void the_server_runs_on_a_fixed_heap_and_the_operators_options_come_last() throws Exception {
    List<String> words = command(Map.of("PEACEPATH_JAVA_OPTS", "-Dpeacepath.threads=6"), "serve", "--port", "7070");
    assertTrue(List.of(List.of(), BATCH).contains(before(words)), "java, or java under batch: " + words);
    // as the server tells an operator who started it without them
    for (String setting : ServeCommand.JVM_SETTINGS.split(" ")) {
      assertTrue(words.contains(setting), setting + " in " + words);
    }
    int jar = words.indexOf("-jar");
    assertEquals(List.of("serve", "--port", "7070"), words.subList(jar + 2, words.size()));
    // The operator's own options come after the launcher's, so that theirs win.
    assertEquals(jar - 1, words.indexOf("-Dpeacepath.threads=6"), words.toString());
  }

  @ParameterizedTest(name = "{0} processors: a second C2 thread {1}")
  @CsvSource({"1, false", "2, true", "3, true", "4, false", "16, false"})
  void on_two_or_three_processors_the_server_has_a_second_optimising_compiler(String processors, boolean second)
      throws Exception {
    List<String> words = command(Map.of("PEACEPATH_PROCESSORS", processors), "serve");
    assertEquals(second, words.contains("-XX:CICompilerCount=3"), words.toString());
  }

  @Test
  void the_server_runs_under_batch_scheduling_where_the_system_allows_it(@TempDir Path folder) throws Exception {
    Map<String, String> allowed = chrt(folder, "SCHED_OTHER", true);
    List<String> words = command(allowed, "serve");
    assertEquals(BATCH, before(words), words.toString());
    assertEquals(BATCH, before(command(with(allowed, "PEACEPATH_SCHEDULING", ""), "serve")), "empty is the default");
    List<String> normal = command(with(allowed, "PEACEPATH_SCHEDULING", "normal"), "serve");
    assertEquals(words.subList(BATCH.size(), words.size()), normal, "the same command, only not batch");
  }

  @Test
  void where_the_system_refuses_batch_the_server_runs_as_usual(@TempDir Path folder) throws Exception {
    List<String> words = command(chrt(folder, "SCHED_OTHER", false), "serve");
    assertEquals(List.of(), before(words), words.toString());
  }

  @Test
  void a_policy_the_operator_chose_is_kept(@TempDir Path folder) throws Exception {
    // as under systemd's CPUSchedulingPolicy=fifo, or chrt -f 10 ./peacepath serve
    List<String> words = command(chrt(folder, "SCHED_FIFO", true), "serve");
    assertEquals(List.of(), before(words), words.toString());
  }

  private static Map<String, String> with(Map<String, String> env, String name, String value) {
    Map<String, String> more = new java.util.HashMap<>(env);
    more.put(name, value);
    return more;
  }

  @Test
  void a_scheduling_it_does_not_know_is_refused_by_name() throws Exception {
    Run run = launch(Map.of("PEACEPATH_SCHEDULING", "fast"), "serve");
    assertEquals(2, run.code(), run.out() + run.err());
    assertEquals("", run.out());
    assertEquals("PEACEPATH_SCHEDULING is batch (the default) or normal, not fast", run.err().strip());
  }

  @Test
  void any_other_command_runs_on_a_jvm_that_starts_fast() throws Exception {
    List<String> words = command(Map.of("PEACEPATH_PROCESSORS", "2"), "evaluate", "examples/state.json");
    assertEquals(List.of(), before(words), "a command's short life is scheduled as usual: " + words);
    assertTrue(words.contains("-XX:TieredStopAtLevel=1"), words.toString());
    assertFalse(words.contains("-Xms256m"), words.toString());
    assertFalse(words.stream().anyMatch(w -> w.startsWith("-XX:CICompilerCount")), words.toString());
    assertFalse(words.stream().anyMatch(w -> w.startsWith("-XX:ArchiveClassesAtExit")), words.toString());
    assertEquals(List.of("evaluate", "examples/state.json"), words.subList(words.indexOf("-jar") + 2, words.size()));
  }
}
