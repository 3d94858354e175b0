package org.peacepath.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.peacepath.decide.Advice;
import org.peacepath.decide.DecisionService;
import org.peacepath.decide.InputProblem;
import org.peacepath.decide.InvalidInputException;
import org.peacepath.decide.State;
import org.peacepath.decide.StateReader;
import org.peacepath.rules.RuleSet;
import org.peacepath.rules.RuleSetCompiler;

/** Plans and graphs for requests, against the rule sets being served. Knows nothing of HTTP. */
public final class PlanService {
  private final DecisionService decisions;
  private final StateReader reader = new StateReader("ruleset", "goal", "advice");
  /** Graphs by rule set name and revision: learnt once for each revision served. */
  private final Map<String, StepGraph> graphs = new ConcurrentHashMap<>();

  public PlanService(DecisionService decisions) {
    this.decisions = decisions;
  }

  /** Plans a request body as {@code POST /v1/plan} takes it: {@code {ruleset?, completed, goal, advice?}}. */
  public Plan plan(JsonNode body) {
    RuleSet ruleSet = decisions.ruleSet(reader.ruleset(body, RuleSetCompiler.DEFAULT));
    List<InputProblem> problems = new ArrayList<>();
    String goal = null;
    State state = null;
    Advice advice = Advice.FOLLOW;
    try {
      advice = advice(body);
    } catch (InvalidInputException e) {
      problems.addAll(e.all());
    }
    try {
      goal = goal(body, ruleSet);
    } catch (InvalidInputException e) {
      problems.addAll(e.all());
    }
    try {
      state = reader.read(body, ruleSet.name(), ruleSet.catalog());
    } catch (InvalidInputException e) {
      problems.addAll(e.all());
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    Plan plan = new Planner(ruleSet).plan(state.completed(), goal, advice);
    if (!plan.reachable() && !plan.complete()) {
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

  private static Advice advice(JsonNode body) {
    JsonNode advice = body.get("advice");
    if (advice == null || advice.isNull()) {
      return Advice.FOLLOW;
    }
    var mode = advice.isTextual() ? Advice.of(advice.asText()) : java.util.Optional.<Advice>empty();
    if (mode.isEmpty()) {
      String word = advice.isTextual() ? advice.asText() : advice.toString();
      String near = org.peacepath.catalog.Spelling.suggest(word.toLowerCase(java.util.Locale.ROOT),
          List.of("follow", "ignore")).orElse(null);
      throw new InvalidInputException(new InputProblem("advice", "unknown_advice", "\"" + word
          + "\" is not an advice mode; say \"follow\" (honour advice as if it were firm, the default) or \"ignore\" (firm rules only)"
          + (near == null ? "" : "; did you mean \"" + near + "\"?"), near));
    }
    return mode.get();
  }

  private static String goal(JsonNode body, RuleSet ruleSet) {
    JsonNode goal = body.get("goal");
    if (goal == null || goal.isNull()) {
      throw new InvalidInputException(new InputProblem("goal", "missing_field",
          "is required: name the step to plan for, such as \"peace-treaty\""));
    }
    if (!goal.isTextual()) {
      throw new InvalidInputException(new InputProblem("goal", "wrong_type",
          "must be a step id as a string, such as \"peace-treaty\""));
    }
    if (!ruleSet.catalog().contains(goal.asText())) {
      String near = ruleSet.catalog().nearest(goal.asText());
      throw new InvalidInputException(new InputProblem("goal", "unknown_step", "\"" + goal.asText()
          + "\" is not a step in the catalog; did you mean \"" + near + "\"?", near));
    }
    return goal.asText();
  }
}
