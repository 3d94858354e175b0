package org.peacepath.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar peacepath.jar COMMAND}: the entry point. */
@Command(name = "peacepath", mixinStandardHelpOptions = true, version = "peacepath 0.1.0",
    description = "Decision support for a peace process on the Korean Peninsula.",
    subcommands = {ServeCommand.class, EvaluateCommand.class, PlanCommand.class, CheckCommand.class, DiffCommand.class,
        CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:all went well",
        "1:the rules misbehaved while answering, or a plan's search ran out of budget; (diff) something changes",
        "2:the command line, the request or the environment was wrong (port, host, folder, file)",
        "3:the rules break the rule language or do not compile, or (check) have other problems",
        "4:(check) the rules are sound but scenarios fail, or a rule acts in none",
        "143:(serve) stopped by SIGTERM, after finishing the requests in flight"})
public final class Main {
  /** The command line or a request was wrong. */
  static final int BAD_INPUT = 2;
  /** A rule file does not compile, or names a step the catalog lacks. */
  static final int BAD_RULES = 3;
  /** The rules are sound but scenarios fail. */
  static final int FAILING_SCENARIOS = 4;
  /** The rules misbehaved while deciding. */
  static final int RULES_FAILED = 1;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command and returns its exit code, without exiting. */
  public static int run(String... args) {
    return new CommandLine(new Main()).execute(args);
  }

  /** Runs a command with its output and errors going to the writers given. */
  public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    return new CommandLine(new Main()).setOut(out).setErr(err).execute(args);
  }
}
