package org.peacepath.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.peacepath.decide.Advice;
import org.peacepath.decide.DecisionService;
import org.peacepath.decide.InputProblem;
import org.peacepath.decide.InvalidInputException;
import org.peacepath.decide.RecordedStep;
import org.peacepath.wire.Json;
import org.peacepath.wire.Requests;
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
    DecisionService[] service = {null};
    try {
      // Only the rule set the plan is made under is compiled, once the request is read.
      code = RequestFile.answer(file, empty, out, err, body -> {
        DecisionService decisions = new DecisionService(rules.loadFor(body, ruleset, err));
        service[0] = decisions;
        Plan plan = new PlanService(decisions).plan(request(decisions, body));
        unreachable[0] = plan.reachable() ? 0 : Main.RULES_FAILED;
        return plan;
      }, plan -> text ? org.peacepath.brief.Briefing.plan((Plan) plan, service[0].ruleSet(((Plan) plan).ruleset().name()).catalog(),
          org.peacepath.brief.Briefing.Style.TEXT) : Json.write(plan), text);
    } catch (RulesOption.NotLoaded e) {
      return Main.BAD_RULES;
    }
    return code != 0 ? code : unreachable[0];
  }

  /**
   * The file's record under the options: the rule set named by --ruleset, else by the file, else the
   * default; --goal; --advice, else the file's, else follow. Every problem at once, an option's named by
   * its flag.
   */
  private org.peacepath.plan.PlanRequest request(DecisionService decisions, com.fasterxml.jackson.databind.JsonNode body) {
    org.peacepath.rules.RuleSet ruleSet = decisions.resolve(ruleset != null ? ruleset : Requests.rulesetName(body));
    List<InputProblem> problems = new java.util.ArrayList<>();
    Advice mode = Advice.FOLLOW;
    if (advice != null) {
      mode = Advice.of(advice).orElse(null);
      if (mode == null) {
        problems.add(new InputProblem("--advice", "unknown_advice", "\"" + advice + "\" is not an advice mode; say follow or ignore"));
      }
    } else {
      mode = collecting(problems, Advice.FOLLOW, () -> Requests.adviceOf(body));
    }
    String known = collecting(problems, null, () -> org.peacepath.decide.RecordCheck.goal(goal, "--goal", ruleSet.catalog()));
    List<RecordedStep> completed = collecting(problems, List.of(), () -> Requests.planFile(body, ruleSet));
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return new org.peacepath.plan.PlanRequest(ruleSet, completed, known, mode);
  }

  private static <T> T collecting(List<InputProblem> problems, T otherwise, java.util.function.Supplier<T> read) {
    try {
      return read.get();
    } catch (InvalidInputException e) {
      problems.addAll(e.all());
      return otherwise;
    }
  }
}
