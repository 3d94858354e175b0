package org.peacepath.plan;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.peacepath.decide.DecisionService;
import org.peacepath.rules.RuleSet;

/** Plans and graphs for requests, against the rule sets being served. Knows nothing of HTTP or JSON. */
public final class PlanService {
  private final DecisionService decisions;
  /** Graphs by rule set name and revision: learnt once for each revision served. */
  private final Map<String, StepGraph> graphs = new ConcurrentHashMap<>();

  public PlanService(DecisionService decisions) {
    this.decisions = decisions;
  }

  /** Plans a road as {@code POST /v1/plan} asks; a search that spends its budget is {@link PlanBudgetException}. */
  public Plan plan(PlanRequest request) {
    return plan(request, () -> false);
  }

  /**
   * The same, given up as soon as {@code abandoned} says nobody waits for the answer any more: then
   * {@link PlanAbandonedException}, and no more work is done for it.
   */
  public Plan plan(PlanRequest request, java.util.function.BooleanSupplier abandoned) {
    Plan plan = new Planner(request.ruleSet()).plan(request.completed(), request.goal(), request.advice(), abandoned);
    if (!plan.reachable() && !plan.complete()) {
      if (abandoned.getAsBoolean()) {
        throw new PlanAbandonedException(plan.statesExplored());
      }
      throw new PlanBudgetException(plan.statesExplored());
    }
    return plan;
  }

  /** The step graph of the named rule set, learnt once for each revision. */
  public StepGraph graph(String name) {
    RuleSet ruleSet = decisions.ruleSet(name);
    String key = ruleSet.name() + "@" + ruleSet.revision();
    graphs.keySet().removeIf(known -> known.startsWith(ruleSet.name() + "@") && !known.equals(key));
    return graphs.computeIfAbsent(key, k -> StepGraph.of(ruleSet));
  }
}
