package org.peacepath.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.peacepath.decide.InputProblem;
import org.peacepath.wire.Json;
import org.peacepath.wire.ErrorBody;

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
  static int answer(String file, JsonNode fallback, PrintWriter out, PrintWriter err, Answer command) {
    return answer(file, fallback, out, err, command, Json::write, false);
  }

  /**
   * Prints the answer as {@code render} writes it, and returns the exit code. An error goes to standard
   * error: as the API's JSON error body when the output is JSON, as one line of words when it is text.
   */
  static int answer(String file, JsonNode fallback, PrintWriter out, PrintWriter err, Answer command,
      java.util.function.Function<Object, String> render, boolean text) {
    ErrorBody error;
    int code;
    try {
      Object answer = command.answer(read(file, fallback));
      out.println(render.apply(answer));
      out.flush();
      return 0;
    } catch (RuntimeException e) {
      var failure = org.peacepath.wire.Errors.of(e).orElseThrow(() -> e);
      error = failure.body();
      // A request peacepath cannot answer as sent is the caller's to fix; anything else, the rules'.
      code = failure.status() < 422 ? Main.BAD_INPUT : Main.RULES_FAILED;
    } catch (java.nio.file.NoSuchFileException e) {
      error = new ErrorBody("cannot read " + file + ": no such file", "no_such_file", List.of());
      code = Main.BAD_INPUT;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr();
      String message = (file == null || file.equals("-") ? "standard input" : file) + " is not valid JSON" + where + ": "
          + Json.why(e);
      error = new ErrorBody(message, "invalid_json", List.of(new InputProblem("(body)", "invalid_json", message)));
      code = Main.BAD_INPUT;
    } catch (IOException e) {
      error = new ErrorBody("cannot read " + file + ": " + (e instanceof java.nio.file.AccessDeniedException
          ? "permission denied" : "it could not be read"), "unreadable", List.of());
      code = Main.BAD_INPUT;
    }
    err.println(text ? error.error() : Json.write(error));
    err.flush();
    return code;
  }
}
