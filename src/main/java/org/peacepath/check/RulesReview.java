package org.peacepath.check;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.peacepath.catalog.Step;
import org.peacepath.decide.Advice;
import org.peacepath.rules.RuleFailureException;
import org.peacepath.plan.Plan;
import org.peacepath.plan.Planner;
import org.peacepath.rules.Faults;
import org.peacepath.rules.Problem;
import org.peacepath.rules.RuleInfo;
import org.peacepath.rules.RuleSet;
import org.peacepath.rules.RuleSetCompiler;
import org.peacepath.rules.RuleSetException;
import org.peacepath.scenario.Scenario;
import org.peacepath.scenario.ScenarioResult;
import org.peacepath.scenario.ScenarioRunner;

/**
 * {@code peacepath check}: reviews a rules folder the way a careful reviewer would, before anyone is
 * served from it: every rule set keeps to the rule language, compiles and names only steps the catalog
 * has; every scenario passes and every rule acts in one; every step can be reached from the empty record;
 * no rule fires without end; and, given the source text, every quote is word for word.
 */
public final class RulesReview {
  private RulesReview() {}

  public static ReviewReport run(Path root) {
    return run(root, null);
  }

  /**
   * Checks the rules folder and, when {@code source} is given, holds every quote of the rules and the
   * catalog to that source text.
   */
  public static ReviewReport run(Path root, Path source) {
    List<Problem> ruleProblems = new ArrayList<>();
    List<Problem> scenarioProblems = new ArrayList<>();
    SourceQuotes quotes = null;
    if (source != null) {
      try {
        quotes = new SourceQuotes(java.nio.file.Files.readString(source));
      } catch (IOException e) {
        return new ReviewReport(0, 0, List.of(new Problem("no_source", source.toString(), 0,
            "cannot read the source text: " + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()))),
            List.of());
      }
    }
    List<String> names;
    try {
      names = RuleSetCompiler.names(root);
    } catch (IOException e) {
      return new ReviewReport(0, 0, List.of(new Problem("no_rules", ".", 0, e.getMessage())), List.of());
    }
    if (names.isEmpty()) {
      ruleProblems.add(new Problem("no_rules", ".", 0,
          "no rule sets here: each rule set is a folder holding a " + RuleSetCompiler.MANIFEST));
    }
    // A rule file no rule set reads would be ignored without a word: each is a problem of the rules.
    ruleProblems.addAll(org.peacepath.rules.StrayFiles.find(root));
    int runs = 0;
    Map<DeadBlock, Set<String>[]> deadBlocks = new LinkedHashMap<>();
    Map<RuleInfo, Set<String>> untested = new LinkedHashMap<>();
    for (String name : names) {
      RuleSet ruleSet;
      try {
        ruleSet = Faults.compile(root, name);
      } catch (RuleSetException e) {
        addAll(ruleProblems, e.problems());
        continue;
      }
      ScenarioRunner.Loaded loaded = ScenarioRunner.load(ruleSet);
      addAll(scenarioProblems, loaded.problems());
      Set<String> acted = new java.util.HashSet<>();
      Set<String> named = new java.util.HashSet<>();
      for (Scenario scenario : loaded.scenarios()) {
        named.addAll(namedRules(scenario));
        runs++;
        ScenarioResult result = ScenarioRunner.run(ruleSet, scenario);
        acted.addAll(result.rulesSeen());
        if (result.ruleFailure() != null) {
          addAll(ruleProblems, List.of(failure(ruleSet, result.ruleFailure())));
        } else {
          scenarioProblems.addAll(ScenarioRunner.problems(ruleSet, scenario, result));
        }
      }
      if (loaded.problems().isEmpty()) {
        ruleSet.rules().values().stream()
            // A rule is tested by a scenario of its own: one that names it and that it acts in; acting in
            // another rule's scenario, unremarked, shows nothing of what it decides.
            .filter(rule -> !acted.contains(rule.id()) || !named.contains(rule.id()))
            .sorted(java.util.Comparator.comparingInt(RuleInfo::order))
            .forEach(rule -> untested.computeIfAbsent(rule, key -> new LinkedHashSet<>()).add(name));
      }
      if (quotes != null) {
        addAll(ruleProblems, quotes.check(ruleSet));
      }
      try {
        int dead = deadBlocks.size();
        unreachable(ruleSet, deadBlocks, ruleProblems);
        if (deadBlocks.size() > dead) {
          cycles(ruleSet, ruleProblems);
        }
      } catch (RuntimeException | StackOverflowError e) {
        addAll(ruleProblems, List.of(new Problem("unreachable_step", name + "/" + RuleSetCompiler.MANIFEST, 0,
            "the roads from an empty record under " + name + " could not be worked out: " + Faults.inWords(e))));
      }
    }
    deadBlocks.forEach((block, where) -> ruleProblems.add(new Problem("unreachable_step", block.file(), block.line(),
        "the rule \"" + block.rule() + "\" keeps " + block.step() + " held back requiring " + block.requires()
            + ", and no road from an empty record lifts it; so under " + String.join(", ", where[0])
            + " these steps can never be unlocked: " + String.join(", ", where[1]))));
    untested.forEach((rule, where) -> scenarioProblems.add(new Problem("untested_rule", rule.file(), rule.line(),
        "the rule \"" + rule.id() + "\" (" + rule.name() + ") has no scenario of its own under " + String.join(", ", where)
            + ": add one beside it that names the rule where it blocks, cautions or advises, such as blocked: {STEP:"
            + " {rules: [" + rule.id() + "]}}, cautions: {STEP: {rules: [" + rule.id() + "]}} or advisories: ["
            + rule.id() + "]")));
    return new ReviewReport(names.size(), runs, ruleProblems, scenarioProblems);
  }

  /** The ids of the rules a scenario names in what it expects: the rules of blocks and cautions, advisories, irregular records. */
  private static Set<String> namedRules(Scenario scenario) {
    Set<String> ids = new java.util.HashSet<>();
    scenario.blocked().values().forEach(e -> ids.addAll(e.rules() == null ? List.of() : e.rules()));
    scenario.cautions().values().forEach(e -> ids.addAll(e.rules() == null ? List.of() : e.rules()));
    if (scenario.advisories() != null) {
      ids.addAll(scenario.advisories());
    }
    if (scenario.irregular() != null) {
      scenario.irregular().forEach(i -> ids.addAll(i.rules() == null ? List.of() : i.rules()));
    }
    return ids;
  }

  /** A block that nothing lifts, as found in one place of the rules. */
  private record DeadBlock(String file, int line, String rule, String step, List<String> requires) {}

  /**
   * Finds the steps that no road from an empty record reaches, following advice or heeding firm rules
   * only, and the blocks that keep them so.
   */
  @SuppressWarnings("unchecked")
  static void unreachable(RuleSet ruleSet, Map<DeadBlock, Set<String>[]> deadBlocks, List<Problem> problems) {
    Planner planner = new Planner(ruleSet);
    for (Advice advice : Advice.values()) {
      for (Step step : ruleSet.catalog().steps()) {
        Plan plan;
        try {
          plan = planner.plan(List.of(), step.id(), advice);
        } catch (RuleFailureException e) {
          addAll(problems, List.of(failure(ruleSet, e)));
          return;
        }
        if (plan.reachable()) {
          continue;
        }
        String under = ruleSet.name() + (advice == Advice.FOLLOW ? " (following advice)" : " (firm rules only)");
        if (plan.blocks().isEmpty() || !plan.complete()) {
          problems.add(new Problem("unreachable_step", "catalog.yaml", 0, "step " + step.id()
              + " could not be reached from an empty record under " + under
              + (plan.complete() ? "" : " within " + plan.statesExplored() + " states")));
        }
        for (Plan.Block block : plan.blocks()) {
          RuleInfo rule = ruleSet.rule(block.rule()).orElse(new RuleInfo(block.rule(), block.ruleId(), "", "", "",
              "catalog.yaml", 0, 0));
          Set<String>[] where = deadBlocks.computeIfAbsent(
              new DeadBlock(rule.file(), rule.line(), block.rule(), block.step(), block.requires()),
              key -> new Set[] {new LinkedHashSet<>(), new LinkedHashSet<>()});
          where[0].add(under);
          where[1].add(step.id());
        }
      }
    }
  }

  /**
   * Steps that can never be taken because firm rules make them wait for each other: each such cycle, with its
   * steps and rules, at the first of its rules. (A cycle the rule set can take as a package is no mistake.)
   */
  static void cycles(RuleSet ruleSet, List<Problem> problems) {
    List<org.peacepath.plan.Cycles.Cycle> cycles;
    try {
      cycles = org.peacepath.plan.Cycles.of(org.peacepath.plan.StepGraph.of(ruleSet), ruleSet);
    } catch (org.peacepath.plan.GraphBudgetException e) {
      return; // the dead blocks are said already
    }
    for (org.peacepath.plan.Cycles.Cycle cycle : cycles) {
      if (cycle.together()) {
        continue;
      }
      RuleInfo first = cycle.links().stream().flatMap(link -> link.ruleIds().stream())
          .flatMap(id -> ruleSet.ruleById(id).stream()).min(java.util.Comparator.comparingInt(RuleInfo::order)).orElse(null);
      addAll(problems, List.of(new Problem("cycle", first == null ? "catalog.yaml" : first.file(),
          first == null ? 0 : first.line(), cycle.sentence() + " Remove one of these rules, or change what it needs.")));
    }
  }

  private static Problem failure(RuleSet ruleSet, RuleFailureException e) {
    RuleInfo rule = ruleSet.rule(e.rule()).orElse(new RuleInfo(e.rule(), "", "", "", "", "?", 0, 0));
    return new Problem(e.code(), rule.file(), rule.line(), e.getMessage());
  }

  private static void addAll(List<Problem> into, List<Problem> problems) {
    problems.stream().filter(p -> !into.contains(p)).forEach(into::add);
  }
}
