package org.peacepath.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.peacepath.bench.SyntheticRules;
import org.peacepath.rules.RuleSet;
import org.peacepath.rules.RuleSets;

/** The planner finds the obvious roads through large made-up catalogs, which the benchmark times. */
class SyntheticPlanTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "a {0} of {1} steps is planned in {1} steps")
  @CsvSource({"chain, 50", "chain, 100", "fan, 50", "fan, 100"})
  void a_road_through_every_step_of_a_large_catalog_is_found(String shape, int size) throws Exception {
    RuleSet ruleSet = RuleSets.load(SyntheticRules.write(dir, shape, size)).get("synthetic").orElseThrow();

    Plan plan = new Planner(ruleSet).plan(List.of(), SyntheticRules.id(size), org.peacepath.decide.Advice.IGNORE);

    assertTrue(plan.reachable());
    assertEquals(size, plan.length());
    assertEquals(SyntheticRules.id(1), plan.moves().get(0).steps().get(0).id());
    PlannerTest.replay(ruleSet, List.of(), plan);
  }
}
