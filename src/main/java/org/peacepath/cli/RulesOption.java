package org.peacepath.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.peacepath.rules.Problem;
import org.peacepath.rules.RuleSetException;
import org.peacepath.rules.RuleSets;
import picocli.CommandLine.Option;

/** The {@code --rules DIR} option every command shares, and loading the rules it names. */
final class RulesOption {
  @Option(names = "--rules", paramLabel = "DIR", defaultValue = "rules",
      description = "The rules folder (default: ${DEFAULT-VALUE}).")
  Path dir;

  /** The rule sets, or {@code null} after printing each problem as {@code file:line: message}. */
  RuleSets load(PrintWriter err) {
    return load(err, org.peacepath.rules.RuleSetCheck.NONE);
  }

  /** As {@link #load(PrintWriter)}, running {@code check} on each rule set as it loads. */
  RuleSets load(PrintWriter err, org.peacepath.rules.RuleSetCheck check) {
    try {
      return RuleSets.load(dir, check);
    } catch (RuleSetException e) {
      print(e, err);
      return null;
    }
  }

  void print(RuleSetException e, PrintWriter err) {
    for (Problem problem : e.problems()) {
      err.println(dir.resolve(problem.file()) + ":" + problem.line() + ": " + problem.message());
    }
    err.flush();
  }
}
