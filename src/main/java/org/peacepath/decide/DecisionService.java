package org.peacepath.decide;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.peacepath.catalog.Step;
import org.peacepath.rules.DecisionBudget;
import org.peacepath.rules.RuleSet;
import org.peacepath.rules.RuleSets;

/** Decides requests against the rule sets being served. Knows nothing of HTTP or JSON; the CLI uses it too. */
public final class DecisionService implements RuleSetNames {
  private final RuleSets ruleSets;

  public DecisionService(RuleSets ruleSets) {
    this.ruleSets = ruleSets;
  }

  public RuleSets ruleSets() {
    return ruleSets;
  }

  @Override
  public RuleSet resolve(String name) {
    return ruleSet(name == null ? org.peacepath.rules.RuleSetCompiler.DEFAULT : name);
  }

  @Override
  public List<RuleSet> all() {
    return ruleSets.all();
  }

  @Override
  public List<String> names() {
    return ruleSets.names();
  }

  /** The rule set of this name, or {@link UnknownRuleSetException}. */
  public RuleSet ruleSet(String name) {
    return ruleSets.get(name).orElseThrow(() -> new UnknownRuleSetException(name, ruleSets.names()));
  }

  /** Decides a record as {@code POST /v1/evaluate} asks. */
  public Decision evaluate(EvaluateRequest request) {
    return evaluate(request, () -> false);
  }

  /**
   * The same within one {@link DecisionBudget} (the decision, its replay and its packages together), given
   * up as soon as {@code abandoned} says nobody waits for the answer any more.
   */
  public Decision evaluate(EvaluateRequest request, BooleanSupplier abandoned) {
    try (DecisionBudget budget = DecisionBudget.open(abandoned)) {
      return Evaluator.evaluate(request.ruleSet(), request.completed(), request.packages());
    }
  }

  /** Decides one record under several rule sets, as {@code POST /v1/compare} asks, and names the steps they judge differently. */
  public Comparison compare(CompareRequest request) {
    return compare(request, () -> false);
  }

  /** The same, each rule set's decision within a {@link DecisionBudget} of its own, all given up once {@code abandoned} says so. */
  public Comparison compare(CompareRequest request, BooleanSupplier abandoned) {
    List<Decision> decisions = new ArrayList<>();
    for (int i = 0; i < request.ruleSets().size(); i++) {
      try (DecisionBudget budget = DecisionBudget.open(abandoned)) {
        decisions.add(Evaluator.evaluate(request.ruleSets().get(i), request.completed().get(i), false));
      }
    }
    List<Comparison.Difference> differences = new ArrayList<>();
    List<Map<String, String>> statuses = decisions.stream().map(d -> d.steps().stream()
        .collect(java.util.stream.Collectors.toMap(Decision.StepStatus::id, Decision.StepStatus::status))).toList();
    for (Step step : request.ruleSets().get(0).catalog().steps()) {
      Map<String, String> status = new LinkedHashMap<>();
      for (int i = 0; i < decisions.size(); i++) {
        status.put(decisions.get(i).ruleset().name(), statuses.get(i).getOrDefault(step.id(), "unknown"));
      }
      if (status.values().stream().distinct().count() > 1) {
        differences.add(new Comparison.Difference(step.id(), step.title(), status));
      }
    }
    return new Comparison(decisions, differences);
  }
}
