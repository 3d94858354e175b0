package org.peacepath.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The command {@code ./peacepath} starts, as it prints it under {@code PEACEPATH_DRY_RUN=1}: what the README's
 * command runs, and what the benchmarks measure.
 */
class LauncherTest {
  /** The words of the command the launcher would run for {@code args}, with {@code env} added to its environment. */
  private static List<String> command(Map<String, String> env, String... args) throws Exception {
    ProcessBuilder builder = new ProcessBuilder();
    builder.command().addAll(List.of("bash", "peacepath"));
    builder.command().addAll(List.of(args));
    builder.environment().put("PEACEPATH_DRY_RUN", "1");
    // Any file will do: the dry run only checks that the jar is there. The tests run before the jar is built.
    builder.environment().put("PEACEPATH_JAR", Path.of("pom.xml").toAbsolutePath().toString());
    builder.environment().remove("PEACEPATH_JAVA_OPTS");
    builder.environment().remove("PEACEPATH_PROCESSORS");
    builder.environment().putAll(env);
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), out + err);
    return List.of(out.strip().split("\n"));
  }

  @Test
  void the_server_runs_on_a_fixed_heap_and_the_operators_options_come_last() throws Exception {
    List<String> words = command(Map.of("PEACEPATH_JAVA_OPTS", "-Dpeacepath.threads=6"), "serve", "--port", "7070");
    assertTrue(words.get(0).endsWith("java"), words.toString());
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
  void any_other_command_runs_on_a_jvm_that_starts_fast() throws Exception {
    List<String> words = command(Map.of("PEACEPATH_PROCESSORS", "2"), "evaluate", "examples/state.json");
    assertTrue(words.contains("-XX:TieredStopAtLevel=1"), words.toString());
    assertFalse(words.contains("-Xms256m"), words.toString());
    assertFalse(words.stream().anyMatch(w -> w.startsWith("-XX:CICompilerCount")), words.toString());
    assertFalse(words.stream().anyMatch(w -> w.startsWith("-XX:ArchiveClassesAtExit")), words.toString());
    assertEquals(List.of("evaluate", "examples/state.json"), words.subList(words.indexOf("-jar") + 2, words.size()));
  }
}
