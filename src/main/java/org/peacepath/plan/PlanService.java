package org.peacepath.plan;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.peacepath.decide.DecisionService;
import org.peacepath.rules.RuleSet;

/** Plans and graphs for requests, against the rule sets being served. Knows nothing of HTTP or JSON. */
public final class PlanService {
  private final DecisionService decisions;
  /**
   * Graphs by rule set name and revision, learnt once for each revision served: a graph being learnt is
   * waited for by whoever else asks (not learnt twice), and a graph that could not be learnt within its
   * budget is remembered as such, so the next call answers at once.
   */
  private final Map<String, CompletableFuture<StepGraph>> graphs = new ConcurrentHashMap<>();

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

  /**
   * The step graph of the named rule set, learnt once for each revision within the budget of {@link
   * StepGraph#of(RuleSet)}, or {@link GraphBudgetException}. It is learnt outside the map's locks: the map
   * once learnt one in {@code computeIfAbsent}, which held every other call for that rule set (and its
   * neighbours in the map) until it was done.
   */
  public StepGraph graph(String name) {
    RuleSet ruleSet = decisions.ruleSet(name);
    String key = ruleSet.name() + "@" + ruleSet.revision();
    graphs.keySet().removeIf(known -> known.startsWith(ruleSet.name() + "@") && !known.equals(key));
    CompletableFuture<StepGraph> mine = new CompletableFuture<>();
    CompletableFuture<StepGraph> known = graphs.putIfAbsent(key, mine);
    if (known == null) {
      try {
        mine.complete(StepGraph.of(ruleSet));
      } catch (RuntimeException e) {
        mine.completeExceptionally(e);
      }
      known = mine;
    }
    try {
      return known.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }
}
