package org.peacepath.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.peacepath.decide.DecisionService;
import org.peacepath.decide.InputProblem;
import org.peacepath.decide.InvalidInputException;
import org.peacepath.wire.Json;
import org.peacepath.plan.Plan;
import org.peacepath.plan.PlanService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code peacepath plan --goal STEP}: the shortest road from a state to a goal, as {@code POST /v1/plan} answers. */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = "Find the shortest road from a negotiation record to a goal step.")
final class PlanCommand implements Callable<Integer> {
  @Mixin RulesOption rules;

  @Option(names = "--goal", required = true, paramLabel = "STEP", description = "The step to reach, such as peace-treaty.")
  String goal;

  @Option(names = "--ruleset", paramLabel = "NAME", description = "The rule set to plan under (default: as the state says, else sigal).")
  String ruleset;

  @Option(names = "--advice", paramLabel = "follow|ignore",
      description = "follow: honour advice that recommends steps as if it were firm; ignore: firm rules only "
          + "(default: as the file says, else follow).")
  String advice;

  @Option(names = "--text", description = "Print the plan as a numbered list for people, not as JSON.")
  boolean text;

  @Parameters(paramLabel = "FILE|-", arity = "0..1",
      description = "The state, as a POST /v1/evaluate body: a JSON file, or - for standard input (default: an empty state).")
  String file;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!rules.exists(err)) {
      return Main.BAD_INPUT;
    }
    ObjectNode empty = Json.MAPPER.createObjectNode();
    empty.set("completed", Json.MAPPER.createArrayNode());
    int[] unreachable = {0};
    int code;
    try {
      // Only the rule set the plan is made under is compiled, once the request is read.
      code = RequestFile.answer(file, empty, out, err, body -> {
        DecisionService decisions = new DecisionService(rules.loadFor(body, ruleset, err));
        Plan plan = new PlanService(decisions).plan(new org.peacepath.wire.Requests(decisions).plan(body, ruleset, goal,
            advice));
        unreachable[0] = plan.reachable() ? 0 : Main.RULES_FAILED;
        return plan;
      }, plan -> text ? asText((Plan) plan) : Json.write(plan), text);
    } catch (RulesOption.NotLoaded e) {
      return Main.BAD_RULES;
    }
    return code != 0 ? code : unreachable[0];
  }

  /** "1. Peace mechanism (peace-mechanism): US, DPRK, ROK — for …", a package as "together: …". */
  static String asText(Plan plan) {
    StringBuilder text = new StringBuilder();
    String mode = plan.advice() == org.peacepath.decide.Advice.FOLLOW ? "following advice" : "on firm rules only";
    if (!plan.reachable()) {
      text.append("No road to ").append(plan.goal()).append(" under ").append(plan.ruleset().name()).append(", ")
          .append(mode).append(plan.complete() ? "" : ", was found within the search limit").append(".\n");
      plan.blocks().forEach(block -> text.append("  ").append(block.step()).append(" stays held back: ")
          .append(block.reason()).append(" (").append(block.ruleId()).append(")\n"));
      return text.toString().stripTrailing();
    }
    long together = plan.moves().stream().filter(Plan.Move::together).count();
    text.append("The shortest road to ").append(plan.goal()).append(" under ").append(plan.ruleset().name())
        .append(", ").append(mode).append(", takes ").append(plan.length()).append(plan.length() == 1 ? " step" : " steps")
        .append(together == 0 ? "" : " in " + plan.moves().size() + " moves").append(":\n");
    for (Plan.Move move : plan.moves()) {
      String steps = String.join(" and ", move.steps().stream().map(step -> step.title() + " (" + step.id() + "): "
          + String.join(", ", who(step))).toList());
      text.append(String.format("%3d. %s%s", move.number(), move.together() ? "together: " : "", steps));
      text.append(" — ").append(move.reason());
      if (!move.ruleIds().isEmpty()) {
        text.append(" [").append(String.join(", ", move.ruleIds())).append(']');
      }
      text.append('\n');
    }
    return text.toString().stripTrailing();
  }

  private static List<String> who(Plan.PlannedStep step) {
    List<String> who = new java.util.ArrayList<>(step.parties().stream().map(Enum::name).toList());
    if (step.atLeastOneOf() != null && !step.atLeastOneOf().isEmpty()) {
      who.add("and " + String.join(" or ", step.atLeastOneOf().stream().map(Enum::name).toList()));
    }
    return who;
  }
}
