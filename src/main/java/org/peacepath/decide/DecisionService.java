package org.peacepath.decide;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peacepath.catalog.Step;
import org.peacepath.rules.RuleSet;
import org.peacepath.rules.RuleSetCompiler;
import org.peacepath.rules.RuleSets;

/** Decides requests against the rule sets being served. Knows nothing of HTTP; the CLI uses it too. */
public final class DecisionService {
  private final RuleSets ruleSets;
  private final StateReader reader = new StateReader("ruleset", "packages");
  private final StateReader compareReader = new StateReader("rulesets");

  public DecisionService(RuleSets ruleSets) {
    this.ruleSets = ruleSets;
  }

  public RuleSets ruleSets() {
    return ruleSets;
  }

  /** The rule set of this name, or {@link UnknownRuleSetException}. */
  public RuleSet ruleSet(String name) {
    return ruleSets.get(name).orElseThrow(() -> new UnknownRuleSetException(name, ruleSets.names()));
  }

  /** Decides a request body as {@code POST /v1/evaluate} takes it. */
  public Decision evaluate(JsonNode body) {
    RuleSet ruleSet = ruleSet(reader.ruleset(body, RuleSetCompiler.DEFAULT));
    List<InputProblem> problems = new ArrayList<>();
    boolean packages = false;
    JsonNode asked = body.get("packages");
    if (asked != null && !asked.isNull()) {
      if (asked.isBoolean()) {
        packages = asked.asBoolean();
      } else {
        problems.add(new InputProblem("packages", "wrong_type",
            "must be true (list the steps that can only be taken together) or false"));
      }
    }
    State state;
    try {
      state = reader.read(body, ruleSet.name(), ruleSet.catalog());
    } catch (InvalidInputException e) {
      problems.addAll(0, e.all());
      throw new InvalidInputException(problems);
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return Evaluator.evaluate(ruleSet, state.completed(), packages);
  }

  /** Decides one state under several rule sets ({@code "rulesets"}, or every one), as {@code POST /v1/compare} takes it. */
  public Comparison compare(JsonNode body) {
    List<RuleSet> chosen = chosenRuleSets(body);
    // Each rule set reads the state against its own catalog: while an edited catalog is refused for one
    // rule set and served by another, a step only one of them knows is a bad request, not a failure.
    List<State> states = chosen.stream().map(r -> compareReader.read(body, r.name(), r.catalog())).toList();
    List<Decision> decisions = new ArrayList<>();
    for (int i = 0; i < chosen.size(); i++) {
      decisions.add(Evaluator.evaluate(chosen.get(i), states.get(i).completed(), false));
    }
    List<Comparison.Difference> differences = new ArrayList<>();
    for (Step step : chosen.get(0).catalog().steps()) {
      Map<String, String> status = new LinkedHashMap<>();
      for (Decision decision : decisions) {
        status.put(decision.ruleset().name(), decision.status(step.id()));
      }
      if (status.values().stream().distinct().count() > 1) {
        differences.add(new Comparison.Difference(step.id(), step.title(), status));
      }
    }
    return new Comparison(decisions, differences);
  }

  private List<RuleSet> chosenRuleSets(JsonNode body) {
    JsonNode names = StateReader.object(body).get("rulesets");
    if (names == null || names.isNull()) {
      return ruleSets.all();
    }
    if (!names.isArray() || names.isEmpty()) {
      throw new InvalidInputException(new InputProblem("rulesets", "wrong_type",
          "must be a list of rule set names, such as [\"sigal\", \"treaty-first\"], or left out for every rule set"));
    }
    List<RuleSet> chosen = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      JsonNode name = names.get(i);
      if (!name.isTextual()) {
        throw new InvalidInputException(new InputProblem("rulesets[" + i + "]", "wrong_type",
            "must be the name of a rule set, one of " + String.join(", ", ruleSets.names())));
      }
      RuleSet ruleSet = ruleSet(name.asText());
      if (!chosen.contains(ruleSet)) {
        chosen.add(ruleSet);
      }
    }
    return chosen;
  }
}
