package org.peacepath.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peacepath.Bundled;
import org.peacepath.RulesCopy;
import org.peacepath.rules.RuleSet;
import org.peacepath.rules.RuleSets;

/** Steps that firm rules make wait for each other, named with their steps and rules. */
public class CyclesTest {
  @TempDir Path dir;

  /** A firm table row by which normalization waits for the peace treaty, which already waits for normalization. */
  public static final String NORMALIZATION_AFTER_TREATY = "normalization-after-treaty,normalization,,firm,peace-treaty,,inferred,,"
      + "\"Yet Pyongyang has since indicated that a peace treaty would have to precede denuclearization.\","
      + "Normalization only after the peace treaty,Normalization waits for the peace treaty.,\n";

  static List<Cycles.Cycle> cycles(RuleSet ruleSet) {
    return Cycles.of(StepGraph.of(ruleSet), ruleSet);
  }

  @Test
  void the_bundled_trade_is_a_cycle_taken_together_and_the_only_one() {
    RuleSet sigal = Bundled.ruleSets().get("sigal").orElseThrow();
    List<Cycles.Cycle> cycles = cycles(sigal);
    assertEquals(StepGraph.of(sigal).packages(), cycles.stream().map(Cycles.Cycle::steps).toList(),
        "every two steps that firmly need each other are a cycle, and here no more: " + cycles);
    cycles.forEach(cycle -> assertTrue(cycle.together(), cycle.sentence()));
    RuleSet denuclearizationFirst = Bundled.ruleSets().get("denuclearization-first").orElseThrow();
    assertEquals(List.of(), cycles(denuclearizationFirst), "no steps wait for each other under a doctrine that"
        + " refuses simultaneous action");
  }

  @Test
  void a_row_that_closes_a_cycle_is_named_with_its_steps_and_rules_and_what_follows() throws Exception {
    RulesCopy.of(dir);
    RuleSets before = RuleSets.load(dir);
    for (String table : List.of("treaty-first/treaty-first.rules.csv", "denuclearization-first/dprk-moves-first.rules.csv")) {
      Files.writeString(dir.resolve(table), Files.readString(dir.resolve(table)) + NORMALIZATION_AFTER_TREATY);
    }
    RuleSets after = RuleSets.load(dir);

    RuleSet treatyFirst = after.get("treaty-first").orElseThrow();
    List<Cycles.Cycle> added = Cycles.added(cycles(before.get("treaty-first").orElseThrow()), cycles(treatyFirst));
    assertEquals(1, added.size(), added.toString());
    Cycles.Cycle cycle = added.get(0);
    assertEquals(List.of("normalization", "peace-treaty"), cycle.steps());
    assertEquals(List.of(new Cycles.Link("normalization", "peace-treaty", List.of("normalization-after-treaty")),
        new Cycles.Link("peace-treaty", "normalization", List.of("treaty-conditions"))), cycle.links());
    assertTrue(cycle.together(), "treaty-first allows simultaneous action: " + cycle.sentence());
    assertEquals("normalization and peace-treaty wait for each other: normalization-after-treaty"
        + " (treaty-first/treaty-first.rules.csv:5) says normalization needs peace-treaty; treaty-conditions"
        + " (common/preconditions.rules.csv:7) says peace-treaty needs normalization. Under treaty-first they can only"
        + " be taken together, as a package.", cycle.sentence());

    RuleSet refusing = after.get("denuclearization-first").orElseThrow();
    List<Cycles.Cycle> never = Cycles.added(cycles(before.get("denuclearization-first").orElseThrow()), cycles(refusing));
    assertEquals(1, never.size(), never.toString());
    assertFalse(never.get(0).together());
    assertTrue(never.get(0).sentence().endsWith("denuclearization-first refuses simultaneous action, so none of them"
        + " can ever be taken."), never.get(0).sentence());

    assertEquals(List.of(), Cycles.added(cycles(treatyFirst), cycles(treatyFirst)), "a revision against itself");
  }
}
