package org.peacepath.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.peacepath.decide.DecisionService;
import org.peacepath.decide.InputProblem;
import org.peacepath.decide.InvalidInputException;
import org.peacepath.decide.Json;
import org.peacepath.plan.Plan;
import org.peacepath.plan.PlanService;
import org.peacepath.rules.RuleSets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code peacepath plan --goal STEP}: the shortest road from a state to a goal, as {@code POST /v1/plan} answers. */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = "Find the shortest sequence of steps from a negotiation state to a goal step.")
final class PlanCommand implements Callable<Integer> {
  @Mixin RulesOption rules;

  @Option(names = "--goal", required = true, paramLabel = "STEP", description = "The step to reach, such as peace-treaty.")
  String goal;

  @Option(names = "--ruleset", paramLabel = "NAME", description = "The rule set to plan under (default: as the state says, else sigal).")
  String ruleset;

  @Option(names = "--text", description = "Print the plan as a numbered list for people, not as JSON.")
  boolean text;

  @Parameters(paramLabel = "FILE|-", arity = "0..1",
      description = "The state, as a POST /v1/evaluate body: a JSON file, or - for standard input (default: an empty state).")
  String file;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    RuleSets ruleSets = rules.load(spec.commandLine().getErr());
    if (ruleSets == null) {
      return Main.BAD_RULES;
    }
    PlanService planner = new PlanService(new DecisionService(ruleSets));
    ObjectNode empty = Json.MAPPER.createObjectNode();
    empty.set("completed", Json.MAPPER.createArrayNode());
    int[] unreachable = {0};
    int code = RequestFile.answer(file, empty, out, body -> {
      if (!(body instanceof ObjectNode object)) {
        throw new InvalidInputException(new InputProblem("(body)", "wrong_type",
            "the state must be a JSON object such as {\"completed\": []}"));
      }
      object.put("goal", goal);
      if (ruleset != null) {
        object.put("ruleset", ruleset);
      }
      Plan plan = planner.plan(object);
      unreachable[0] = plan.reachable() ? 0 : Main.RULES_FAILED;
      return plan;
    }, plan -> text ? asText((Plan) plan) : Json.write(plan));
    return code != 0 ? code : unreachable[0];
  }

  /** "1. Peace mechanism (peace-mechanism): US, DPRK, ROK — meets …". */
  static String asText(Plan plan) {
    StringBuilder text = new StringBuilder();
    if (!plan.reachable()) {
      text.append("No road to ").append(plan.goal()).append(" under ").append(plan.ruleset().name())
          .append(plan.complete() ? "" : " was found within the search limit").append(".\n");
      plan.blocks().forEach(block -> text.append("  ").append(block.step()).append(" stays blocked: ")
          .append(block.reason()).append(" (").append(block.rule()).append(")\n"));
      return text.toString().stripTrailing();
    }
    text.append("The shortest road to ").append(plan.goal()).append(" under ").append(plan.ruleset().name())
        .append(" takes ").append(plan.length()).append(plan.length() == 1 ? " step" : " steps").append(":\n");
    for (Plan.PlannedStep step : plan.steps()) {
      text.append(String.format("%3d. %s (%s): %s", step.number(), step.title(), step.step(),
          String.join(", ", step.parties().stream().map(Enum::name).toList())));
      if (step.satisfies() != null) {
        text.append(" — for ").append(step.satisfies().unblocks()).append(": ").append(step.satisfies().rule());
      }
      text.append('\n');
    }
    return text.toString().stripTrailing();
  }
}
