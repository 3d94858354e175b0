package org.peacepath.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.peacepath.decide.DecisionService;
import org.peacepath.decide.InputProblem;
import org.peacepath.decide.InvalidInputException;
import org.peacepath.decide.Json;
import org.peacepath.decide.RunawayRuleException;
import org.peacepath.decide.UnknownRuleSetException;
import org.peacepath.http.ErrorBody;
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
    try {
      JsonNode body = read();
      out.println(Json.write(service.evaluate(body)));
      return 0;
    } catch (InvalidInputException e) {
      out.println(Json.write(new ErrorBody(e.getMessage(), "invalid_request", e.problems())));
      return Main.BAD_INPUT;
    } catch (UnknownRuleSetException e) {
      out.println(Json.write(new ErrorBody(e.getMessage(), "unknown_ruleset", List.of())));
      return Main.BAD_INPUT;
    } catch (RunawayRuleException e) {
      out.println(Json.write(new ErrorBody(e.getMessage(), "runaway_rule", List.of())));
      return Main.RULES_FAILED;
    } catch (IOException e) {
      String message = "cannot read " + file + ": " + e.getMessage().lines().findFirst().orElse("");
      out.println(Json.write(new ErrorBody(message, "invalid_json",
          List.of(new InputProblem("(body)", "invalid_json", message)))));
      return Main.BAD_INPUT;
    } finally {
      out.flush();
    }
  }

  private JsonNode read() throws IOException {
    try (InputStream in = file.equals("-") ? System.in : Files.newInputStream(Path.of(file))) {
      return Json.MAPPER.readTree(in);
    }
  }
}
