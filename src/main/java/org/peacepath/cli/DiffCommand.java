package org.peacepath.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.peacepath.diff.DiffReport;
import org.peacepath.diff.Differ;
import org.peacepath.diff.Impact;
import org.peacepath.diff.ImpactText;
import org.peacepath.diff.LogReplay;
import org.peacepath.diff.Space;
import org.peacepath.rules.Faults;
import org.peacepath.rules.Problem;
import org.peacepath.rules.RuleSet;
import org.peacepath.rules.RuleSetCompiler;
import org.peacepath.rules.RuleSetException;
import org.peacepath.wire.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code peacepath diff BEFORE AFTER}: what an edit of the rules changes, over every record up to a bound. */
@Command(name = "diff", mixinStandardHelpOptions = true,
    description = {"Show which records an edit of the rules decides differently, before it goes live.",
        "",
        "Every record up to a bound is decided under the rules of BEFORE and of AFTER",
        "(two rules folders) as the API would answer it; the records that decide",
        "differently are counted, by rule and by step, each group with its smallest",
        "record and the two answers to it. A record is any set of steps taken: each",
        "step that counts once counted or not, each repeatable step 0 to K times",
        "(--bound). With --log, the decisions of a decision log are answered again",
        "under both. BEFORE (or AFTER) may also be a revision a running server has",
        "served: its id (or first characters) with --server URL, or the URL of",
        "/v1/rulesets/NAME/revisions/REVISION."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:nothing changes", "1:some record (or logged decision) decides differently, or the catalog changed",
        "2:the command line or a folder is wrong, the rules do not compile, or a rule failed while comparing"})
final class DiffCommand implements Callable<Integer> {
  /** The largest bound that may be asked for. */
  static final int MAX_BOUND = 50;

  @Parameters(index = "0", paramLabel = "BEFORE",
      description = "The rules folder before the edit, or a revision the server has served.")
  String beforeArgument;

  @Parameters(index = "1", paramLabel = "AFTER",
      description = "The rules folder after the edit, or a revision the server has served.")
  String afterArgument;

  @Option(names = "--server", paramLabel = "URL",
      description = "The running server whose served revisions BEFORE or AFTER may name by id, such as "
          + "http://127.0.0.1:7070 (with --ruleset; sigal by default).")
  String server;

  /** The folders compared: those given, or those a served revision's files were written into. */
  private Path before;
  private Path after;

  @Option(names = "--ruleset", paramLabel = "NAME",
      description = "Compare only this rule set (default: every rule set both folders have).")
  String ruleset;

  @Option(names = "--bound", paramLabel = "K",
      description = "Count each repeatable step 0 to K times (default: one more than the largest number a rule's "
          + "conditions name, and at least 2).")
  Integer bound;

  @Option(names = "--log", paramLabel = "FILE",
      description = "A decision log (serve --decision-log; .gz read compressed): answer its decisions again under both.")
  Path log;

  @Option(names = "--json", description = "Print the report as JSON, for machines.")
  boolean json;

  @Option(names = "--threads", paramLabel = "N",
      description = "How many threads walk the records (default: one per processor).")
  Integer threads;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      return run(out, err);
    } finally {
      out.flush();
      err.flush();
    }
  }

  private int run(PrintWriter out, PrintWriter err) {
    List<Path> written = new ArrayList<>();
    try {
      before = ServedRevisions.folder(beforeArgument, server, ruleset, written);
      after = ServedRevisions.folder(afterArgument, server, ruleset, written);
      return compare(out, err);
    } catch (ServedRevisions.Unavailable e) {
      err.println(e.getMessage());
      return Main.BAD_INPUT;
    } finally {
      written.forEach(ServedRevisions::delete);
    }
  }

  private int compare(PrintWriter out, PrintWriter err) {
    for (Path dir : List.of(before, after)) {
      if (!Files.isDirectory(dir)) {
        err.println("no rules folder at " + dir + ": diff takes two rules folders, the rules before the edit and after it,"
            + " or a revision a running server has served (its id with --server URL)");
        return Main.BAD_INPUT;
      }
    }
    if (bound != null && (bound < 1 || bound > MAX_BOUND)) {
      err.println("--bound is " + bound + "; it must be a whole number from 1 to " + MAX_BOUND
          + " (how many times at most a repeatable step counts in the records compared)");
      return Main.BAD_INPUT;
    }
    if (threads != null && threads < 1) {
      err.println("--threads is " + threads + "; it must be at least 1");
      return Main.BAD_INPUT;
    }
    if (log != null && !Files.isRegularFile(log)) {
      err.println("no decision log at " + log + ": --log takes a file written by serve --decision-log");
      return Main.BAD_INPUT;
    }
    List<String> was;
    List<String> is;
    try {
      was = RuleSetCompiler.names(before);
      is = RuleSetCompiler.names(after);
    } catch (IOException e) {
      err.println("cannot list the rule sets: " + e.getMessage());
      return Main.BAD_INPUT;
    }
    List<String> names = was.stream().filter(is::contains).toList();
    if (ruleset != null) {
      if (!names.contains(ruleset)) {
        err.println("--ruleset " + ruleset + ": " + (was.contains(ruleset) ? after : before) + " has no rule set "
            + ruleset + "; both folders have " + (names.isEmpty() ? "none in common" : String.join(", ", names)));
        return Main.BAD_INPUT;
      }
      names = List.of(ruleset);
    }
    if (names.isEmpty()) {
      err.println("the two folders have no rule set in common: " + before + " has " + listed(was) + ", " + after
          + " has " + listed(is));
      return Main.BAD_INPUT;
    }
    // Each folder's rule sets are compiled at once, on threads of their own.
    Map<String, java.util.concurrent.CompletableFuture<Object>[]> compiling = new LinkedHashMap<>();
    for (String name : names) {
      @SuppressWarnings("unchecked")
      java.util.concurrent.CompletableFuture<Object>[] both = new java.util.concurrent.CompletableFuture[] {
          compiling(before, name), compiling(after, name)};
      compiling.put(name, both);
    }
    Map<String, RuleSet[]> pairs = new LinkedHashMap<>();
    boolean compiled = true;
    for (var entry : compiling.entrySet()) {
      RuleSet[] pair = new RuleSet[2];
      for (int i = 0; i < 2; i++) {
        Object done = entry.getValue()[i].join();
        if (done instanceof RuleSet ruleSet) {
          pair[i] = ruleSet;
        } else {
          err.print(done);
          compiled = false;
        }
      }
      pairs.put(entry.getKey(), pair);
    }
    if (!compiled) {
      err.println("diff: fix the rules above (peacepath check DIR says the same) and compare again");
      return Main.BAD_INPUT;
    }
    Differ.Bound defaults = Differ.defaultBound(pairs.values().stream().flatMap(java.util.Arrays::stream).toList());
    int k = bound != null ? bound : defaults.k();
    String reason = bound != null ? "given with --bound" : defaults.reason();
    for (RuleSet[] pair : pairs.values()) {
      Space space = spaceOf(pair, k);
      if (space.size() > Space.MAX_RECORDS) {
        err.println("--bound " + k + " would compare " + ImpactText.count(space.size()) + " records of " + pair[1].name()
            + "; at most " + ImpactText.count(Space.MAX_RECORDS) + " can be compared: lower --bound");
        return Main.BAD_INPUT;
      }
    }
    int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    List<Impact> impacts = new ArrayList<>();
    for (RuleSet[] pair : pairs.values()) {
      try {
        impacts.add(Differ.compare(pair[0], pair[1], k, workers, () -> false));
      } catch (RuleSetException e) {
        e.problems().forEach(p -> err.println(p.file() + ":" + p.line() + ": " + p.message()));
        return Main.BAD_INPUT;
      }
    }
    LogReplay.Replay replay = null;
    if (log != null) {
      try {
        replay = LogReplay.replay(log, pairs);
      } catch (IOException | java.io.UncheckedIOException e) {
        err.println("cannot read the decision log " + log + ": " + Faults.inWords(e)
            + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        return Main.BAD_INPUT;
      }
    }
    DiffReport report = new DiffReport(beforeArgument, afterArgument, k, reason, impacts,
        was.stream().filter(n -> !is.contains(n)).toList(), is.stream().filter(n -> !was.contains(n)).toList(), replay);
    out.print(json ? Json.write(report) + "\n" : ImpactText.of(report));
    if (impacts.stream().anyMatch(i -> i.failure() != null)) {
      err.println("diff: a rule failed while comparing, so the comparison stopped; fix it and compare again");
      return Main.BAD_INPUT;
    }
    return report.unchanged() ? 0 : 1;
  }

  private static Space spaceOf(RuleSet[] pair, int k) {
    return org.peacepath.diff.Differ.space(pair[0], pair[1], k);
  }

  private static String listed(List<String> names) {
    return names.isEmpty() ? "none" : String.join(", ", names);
  }

  /** The rule set compiled from the folder on a thread of its own, or each problem in one line at its file and line. */
  private static java.util.concurrent.CompletableFuture<Object> compiling(Path root, String name) {
    java.util.concurrent.CompletableFuture<Object> done = new java.util.concurrent.CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        done.complete(Faults.compile(root, name));
      } catch (RuleSetException e) {
        StringBuilder said = new StringBuilder();
        for (Problem problem : e.problems()) {
          Path file = problem.file().equals(".") ? root : root.resolve(problem.file());
          said.append(file).append(':').append(problem.line()).append(": ").append(problem.message()).append('\n');
        }
        done.complete(said.toString());
      } catch (RuntimeException | Error e) {
        done.complete(root.resolve(name) + ": the rule set could not be compiled: " + Faults.inWords(e) + "\n");
      }
    }, "peacepath-compile-" + name);
    thread.setDaemon(true);
    thread.start();
    return done;
  }
}
