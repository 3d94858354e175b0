package org.peacepath.cli;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code serve} tells an operator who started it on a JVM without the launcher's settings. */
class ServeSettingsTest {
  private static final long SIX_GB = 6L * 1024 * 1024 * 1024;

  @Test
  void a_jvm_without_a_heap_size_is_told_of_the_launcher() {
    String note = ServeCommand.withoutSettings(List.of("-Dfile.encoding=UTF-8"), SIX_GB);
    assertTrue(note.contains("6144 MB"), note);
    assertTrue(note.contains("./peacepath serve"), note);
  }

  @Test
  void a_jvm_given_a_heap_size_is_told_nothing() {
    // as ./peacepath serve starts it (LauncherTest), and as an operator's own settings might
    assertNull(ServeCommand.withoutSettings(List.of("-Xms256m", "-Xmx256m", "-XX:+UseParallelGC"), 256L << 20));
    assertNull(ServeCommand.withoutSettings(List.of("-XX:MaxHeapSize=512m"), 512L << 20));
    assertNull(ServeCommand.withoutSettings(List.of("-XX:MaxRAMPercentage=50"), SIX_GB));
  }
}
