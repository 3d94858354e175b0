package org.peacepath.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.peacepath.decide.Decision;
import org.peacepath.decide.DecisionService;
import org.peacepath.wire.Json;
import org.peacepath.rules.RuleSets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code peacepath evaluate FILE|-}: one decision, printed exactly as the API returns it, or in words. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Decide one negotiation record and print the answer, as the API gives it or, with --text, in words.")
final class EvaluateCommand implements Callable<Integer> {
  @Mixin RulesOption rules;

  @Option(names = "--packages", description = "Also list the steps that can only be taken together.")
  boolean packages;

  @Option(names = "--text", description = "Print the decision in plain language for a briefing, not as JSON.")
  boolean text;

  @Parameters(paramLabel = "FILE|-", description = "The request body: a JSON file, or - for standard input.")
  String file;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!rules.exists(err)) {
      return Main.BAD_INPUT;
    }
    RuleSets ruleSets = rules.load(err);
    if (ruleSets == null) {
      return Main.BAD_RULES;
    }
    DecisionService service = new DecisionService(ruleSets);
    org.peacepath.wire.Requests requests = new org.peacepath.wire.Requests(service);
    return RequestFile.answer(file, null, out, err, body -> {
      if (packages && body instanceof ObjectNode object) {
        object.put("packages", true);
      }
      return service.evaluate(requests.evaluate(body));
    }, answer -> text ? org.peacepath.brief.Briefing.decision((Decision) answer,
        service.ruleSet(((Decision) answer).ruleset().name()).catalog(), org.peacepath.brief.Briefing.Style.TEXT)
        : Json.write(answer), text);
  }
}
