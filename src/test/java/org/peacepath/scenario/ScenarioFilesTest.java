package org.peacepath.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.peacepath.Bundled;
import org.peacepath.rules.RuleSet;
import org.peacepath.rules.RuleSetException;

/** Runs every scenario file beside the bundled rules, under every rule set it is meant for. */
class ScenarioFilesTest {

  static Stream<Arguments> scenarios() throws RuleSetException {
    List<Arguments> all = new ArrayList<>();
    for (RuleSet ruleSet : Bundled.ruleSets().all()) {
      for (Scenario scenario : ScenarioRunner.scenarios(ruleSet)) {
        all.add(Arguments.of(Named.of(ruleSet.name(), ruleSet), Named.of(scenario.name(), scenario)));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "[{0}] {1}")
  @MethodSource("scenarios")
  void scenario(RuleSet ruleSet, Scenario scenario) {
    ScenarioResult result = ScenarioRunner.run(ruleSet, scenario);
    if (!result.passed()) {
      fail(scenario.where() + " under " + ruleSet.name() + ":\n  " + String.join("\n  ", result.failures()));
    }
  }

  @Test
  void every_rule_of_every_rule_set_is_exercised_by_one_of_its_scenarios() throws RuleSetException {
    for (RuleSet ruleSet : Bundled.ruleSets().all()) {
      Set<String> seen = new HashSet<>();
      for (Scenario scenario : ScenarioRunner.scenarios(ruleSet)) {
        seen.addAll(ScenarioRunner.run(ruleSet, scenario).rulesSeen());
      }
      Set<String> unexercised = new TreeSet<>(ruleSet.rules().values().stream().map(org.peacepath.rules.RuleInfo::id).toList());
      unexercised.removeAll(seen);
      assertEquals(Set.of(), unexercised, "rules of " + ruleSet.name() + " that no scenario makes act");
    }
  }

  @Test
  void the_sigal_rule_set_has_scenarios_for_the_shortest_paths() throws RuleSetException {
    RuleSet sigal = Bundled.ruleSets().get("sigal").orElseThrow();
    List<Scenario> paths = ScenarioRunner.scenarios(sigal).stream().filter(s -> !s.path().isEmpty()).toList();
    assertTrue(paths.stream().anyMatch(s -> s.path().size() == 10 && s.path().get(9).equals(List.of("peace-treaty"))));
    assertTrue(paths.stream().anyMatch(s -> s.path().size() == 4 && s.path().get(3).equals(List.of("denuclearization"))));
    assertTrue(paths.stream().anyMatch(s -> s.path().size() == 4
        && s.path().get(3).equals(List.of("missile-restraint", "satellite-launch-services"))), "a package taken together");
  }
}
