package org.peacepath.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.peacepath.decide.InputProblem;
import org.peacepath.decide.InvalidInputException;
import org.peacepath.decide.Json;
import org.peacepath.decide.RuleFailureException;
import org.peacepath.decide.UnknownRuleSetException;
import org.peacepath.http.ErrorBody;

/**
 * A request body read from a file or standard input, answered on standard output exactly as the API
 * would answer it, errors included, with an exit code for each kind of failure.
 */
final class RequestFile {
  /** What a command does with the body; may throw what the API turns into an error response. */
  @FunctionalInterface
  interface Answer {
    /** The answer to print. */
    Object answer(JsonNode body);
  }

  private RequestFile() {}

  /** Reads {@code file} ("-" for standard input), or takes {@code fallback} when it is {@code null}. */
  static JsonNode read(String file, JsonNode fallback) throws IOException {
    if (file == null) {
      return fallback;
    }
    try (InputStream in = file.equals("-") ? System.in : Files.newInputStream(Path.of(file))) {
      return Json.MAPPER.readTree(in);
    }
  }

  /** Prints the answer to the body in the file as JSON, or the API's error, and returns the exit code. */
  static int answer(String file, JsonNode fallback, PrintWriter out, Answer command) {
    return answer(file, fallback, out, command, Json::write);
  }

  /** As {@link #answer(String, JsonNode, PrintWriter, Answer)}, printing the answer as {@code render} writes it. */
  static int answer(String file, JsonNode fallback, PrintWriter out, Answer command,
      java.util.function.Function<Object, String> render) {
    try {
      Object answer = command.answer(read(file, fallback));
      out.println(render.apply(answer));
      return 0;
    } catch (InvalidInputException e) {
      out.println(Json.write(new ErrorBody(e.getMessage(), "invalid_request", e.problems())));
      return Main.BAD_INPUT;
    } catch (UnknownRuleSetException e) {
      out.println(Json.write(new ErrorBody(e.getMessage(), "unknown_ruleset", List.of())));
      return Main.BAD_INPUT;
    } catch (org.peacepath.plan.PlanBudgetException e) {
      out.println(Json.write(new ErrorBody(e.getMessage(), org.peacepath.plan.PlanBudgetException.CODE, List.of())));
      return Main.RULES_FAILED;
    } catch (RuleFailureException e) {
      out.println(Json.write(new ErrorBody(e.getMessage(), e.code(), List.of())));
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
}
