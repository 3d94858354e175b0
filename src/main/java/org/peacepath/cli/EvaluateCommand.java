package org.peacepath.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.peacepath.decide.DecisionService;
import org.peacepath.rules.RuleSets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code peacepath evaluate FILE|-}: one decision, printed exactly as the API returns it. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Decide one negotiation state (a POST /v1/evaluate body) and print the JSON answer.")
final class EvaluateCommand implements Callable<Integer> {
  @Mixin RulesOption rules;

  @picocli.CommandLine.Option(names = "--packages", description = "Also list the steps that can only be taken together.")
  boolean packages;

  @Parameters(paramLabel = "FILE|-", description = "The request body: a JSON file, or - for standard input.")
  String file;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RuleSets ruleSets = rules.load(err);
    if (ruleSets == null) {
      return Main.BAD_RULES;
    }
    DecisionService service = new DecisionService(ruleSets);
    return RequestFile.answer(file, null, out, body -> {
      if (packages && body instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
        object.put("packages", true);
      }
      return service.evaluate(body);
    });
  }
}
