package org.peacepath.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peacepath.RulesCopy;
import org.peacepath.scenario.ScenarioGate;

/** What the server's log says of an edit refused for its scenarios alone, and of a file no rule set reads. */
class ReloadLogTest {
  @TempDir Path dir;

  private static String logged(Runnable action) {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(err);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  @Test
  void a_scenario_file_edited_to_fail_is_said_in_the_log_with_its_line_and_the_rules_keep_serving() throws Exception {
    RulesCopy.of(dir);
    RuleSets ruleSets = RuleSets.load(dir, new ScenarioGate());
    String before = ruleSets.get("sigal").orElseThrow().revision();
    Path scenarios = dir.resolve("sigal/reciprocity.scenarios.yaml");
    Files.writeString(scenarios, Files.readString(scenarios).replace(
        "      peace-mechanism: {rules: [reciprocity], requires: [dismantlement]}",
        "      peace-mechanism: {rules: [reciprocity], requires: [normalization]}"));

    String log = logged(ruleSets::reload);

    assertEquals(before, ruleSets.get("sigal").orElseThrow().revision());
    assertEquals(ReloadOutcome.Result.REFUSED, ruleSets.status().get(0).lastReload().result());
    assertTrue(log.contains("scenarios of rule set sigal fail after an edit of its scenario files; still serving revision "
        + before), log);
    assertTrue(log.contains("sigal/reciprocity.scenarios.yaml:"), log);
    assertTrue(log.contains("expected peace-mechanism to be blocked requiring [normalization]"), log);
  }

  @Test
  void a_rule_file_no_rule_set_reads_is_said_in_the_log_when_it_appears() throws Exception {
    RulesCopy.of(dir);
    RuleSets ruleSets = RuleSets.load(dir);
    Files.createDirectories(dir.resolve("treaty-frist"));
    Files.copy(dir.resolve("common/advisories.drl"), dir.resolve("treaty-frist/advisories.drl"));

    String log = logged(ruleSets::reload);

    assertTrue(log.contains("treaty-frist/advisories.drl: not read by any rule set: no rule set reads the folder"
        + " treaty-frist/"), log);
    assertEquals(1, ruleSets.strayFiles().size());
    assertTrue(!logged(ruleSets::reload).contains("treaty-frist"), "said once, when it appears");
  }
}
