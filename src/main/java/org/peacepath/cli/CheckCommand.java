package org.peacepath.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.peacepath.check.ReviewReport;
import org.peacepath.check.RulesReview;
import org.peacepath.rules.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code peacepath check [DIR]}: the policy editor's check of a rules folder. */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = {"Check a rules folder before it is served, as a careful reviewer would.",
        "",
        "Every rule file keeps to the rule language and compiles; every rule has its @id, @basis and",
        "@source and names only steps the catalog has; every scenario passes and every rule acts in one;",
        "every step can be reached from the empty record, following advice and not; no rule fires",
        "without end. With --source, every quote is word for word in the source text."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:all is clean", "3:the rules have problems (and perhaps the scenarios too)",
        "4:the rules are sound but scenarios fail or cannot be read"})
final class CheckCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", defaultValue = "rules", arity = "0..1",
      description = "The rules folder (default: ${DEFAULT-VALUE}).")
  Path dir;

  @picocli.CommandLine.Option(names = "--source", paramLabel = "FILE",
      description = "The source text: every @source of a rule and every source of the catalog must quote it word for word.")
  Path source;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!java.nio.file.Files.isDirectory(dir)) {
      err.println("no rules folder at " + dir.toAbsolutePath().normalize() + ": run from the project folder or name the folder: check DIR");
      err.flush();
      return Main.BAD_INPUT;
    }
    if (source != null && !java.nio.file.Files.isRegularFile(source)) {
      err.println("no source text at " + source + ": pass --source FILE, the text every @source quotes");
      err.flush();
      return Main.BAD_INPUT;
    }
    ReviewReport report;
    try {
      report = RulesReview.run(dir, source);
    } catch (RuntimeException | StackOverflowError e) {
      // Each file, rule set and scenario is checked on its own; this is the last resort, said in words too.
      err.println("check: checking " + dir + " failed: " + org.peacepath.rules.Faults.inWords(e));
      err.flush();
      return Main.BAD_RULES;
    }
    for (Problem problem : report.ruleProblems()) {
      out.println(where(problem) + ": " + problem.message());
    }
    for (Problem problem : report.scenarioProblems()) {
      out.println(where(problem) + ": " + problem.message());
    }
    out.println("check: " + report.ruleSets() + " rule sets, " + report.scenarios() + " scenario runs; "
        + (report.clean() ? "all clean"
            : report.ruleProblems().size() + " problem(s) in the rules, "
                + report.scenarioProblems().size() + " in the scenarios"));
    out.flush();
    if (!report.ruleProblems().isEmpty()) {
      return Main.BAD_RULES;
    }
    return report.scenarioProblems().isEmpty() ? 0 : Main.FAILING_SCENARIOS;
  }

  /** {@code file:line}, or the file alone for a problem of a whole file (line 0). */
  private String where(Problem problem) {
    return dir.resolve(problem.file()) + (problem.line() > 0 ? ":" + problem.line() : "");
  }
}
