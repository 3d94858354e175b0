package org.peacepath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The command {@code ./peacepath} starts, as it prints it under {@code PEACEPATH_DRY_RUN}: what the README's
 * command runs, and what the benchmarks measure.
 */
class LauncherTest {
  /** The words of the command the launcher would run for {@code args}, with {@code env} added to its environment. */
  private static List<String> command(Map<String, String> env, String... args) throws Exception {
    ProcessBuilder builder = new ProcessBuilder();
    builder.command().add("./peacepath");
    builder.command().addAll(List.of(args));
    builder.environment().put("PEACEPATH_DRY_RUN", "1");
    // Any file will do: the dry run only checks that the jar is there. The tests run before the jar is built.
    builder.environment().put("PEACEPATH_JAR", Path.of("pom.xml").toAbsolutePath().toString());
    builder.environment().remove("PEACEPATH_JAVA_OPTS");
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), out);
    return List.of(out.strip().split("\n"));
  }

  private static int processors() throws Exception {
    Process nproc = new ProcessBuilder("nproc").start();
    return Integer.parseInt(new String(nproc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
  }

  @Test
  void the_server_runs_on_a_fixed_heap_with_a_second_optimising_compiler_on_a_small_machine() throws Exception {
    List<String> words = command(Map.of("PEACEPATH_JAVA_OPTS", "-Dpeacepath.threads=6"), "serve", "--port", "7070");
    assertTrue(words.get(0).endsWith("java"), words.toString());
    for (String setting : List.of("-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch", "-XX:+UseParallelGC")) {
      assertTrue(words.contains(setting), setting + " in " + words);
    }
    assertEquals(processors() < 4, words.contains("-XX:CICompilerCount=3"), words.toString());
    int jar = words.indexOf("-jar");
    assertEquals(List.of("serve", "--port", "7070"), words.subList(jar + 2, words.size()));
    // The operator's own options come after the launcher's, so that theirs win.
    assertEquals(jar - 1, words.indexOf("-Dpeacepath.threads=6"), words.toString());
  }

  @Test
  void any_other_command_runs_on_a_jvm_that_starts_fast() throws Exception {
    List<String> words = command(Map.of(), "evaluate", "examples/state.json");
    assertTrue(words.contains("-XX:TieredStopAtLevel=1"), words.toString());
    assertFalse(words.contains("-Xms256m"), words.toString());
    assertFalse(words.stream().anyMatch(w -> w.startsWith("-XX:CICompilerCount")), words.toString());
    assertEquals(List.of("evaluate", "examples/state.json"), words.subList(words.indexOf("-jar") + 2, words.size()));
  }
}
