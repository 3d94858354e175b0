package org.peacepath.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.peacepath.rules.Problem;
import org.peacepath.rules.ServingGate;
import org.peacepath.rules.RuleSetException;
import org.peacepath.rules.RuleSets;
import picocli.CommandLine.Option;

/** The {@code --rules DIR} option every command shares, and loading the rules it names. */
final class RulesOption {
  @Option(names = "--rules", paramLabel = "DIR", defaultValue = "rules",
      description = "The rules folder (default: ${DEFAULT-VALUE}).")
  Path dir;

  /** Whether the folder is there; if not, says so in one line. */
  boolean exists(PrintWriter err) {
    if (Files.isDirectory(dir)) {
      return true;
    }
    err.println("no rules folder at " + dir.toAbsolutePath().normalize()
        + ": run from the project folder or pass --rules DIR");
    err.flush();
    return false;
  }

  /** The rule sets, or {@code null} after printing each problem as {@code file:line: message}. */
  RuleSets load(PrintWriter err) {
    return load(err, ServingGate.NONE);
  }

  /** As {@link #load(PrintWriter)}, running {@code check} on each rule set as it loads. */
  RuleSets load(PrintWriter err, ServingGate check) {
    try {
      return RuleSets.load(dir, check);
    } catch (RuleSetException e) {
      print(e, err);
      return null;
    }
  }

  /**
   * Only the rule set a request names ({@code ruleset}, else the default), compiled for a command that
   * answers one request; thrown as {@link NotLoaded} after printing each problem as {@code file:line:
   * message}.
   */
  RuleSets loadFor(com.fasterxml.jackson.databind.JsonNode body, String ruleset, PrintWriter err) {
    String name = ruleset != null ? ruleset
        : body != null && body.path("ruleset").isTextual() ? body.get("ruleset").asText()
        : org.peacepath.rules.RuleSetCompiler.DEFAULT;
    try {
      return RuleSets.loadOne(dir, name);
    } catch (RuleSetException e) {
      print(e, err);
      throw new NotLoaded();
    }
  }

  /** The rules did not load, and the problems have been printed. */
  static final class NotLoaded extends RuntimeException {
    NotLoaded() {
      super(null, null, false, false);
    }
  }

  void print(RuleSetException e, PrintWriter err) {
    for (Problem problem : e.problems()) {
      err.println(where(problem) + ": " + problem.message());
    }
    err.flush();
  }

  /** {@code rules/sigal/reciprocity.drl:12}, or the folder itself for a problem of the whole folder. */
  String where(Problem problem) {
    Path file = problem.file().equals(".") ? dir : dir.resolve(problem.file());
    return file + ":" + problem.line();
  }
}
