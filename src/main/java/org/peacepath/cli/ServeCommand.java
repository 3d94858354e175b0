package org.peacepath.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.peacepath.decide.DecisionService;
import org.peacepath.http.ApiServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.peacepath.http.ServerOptions;
import org.peacepath.ops.DecisionLog;
import org.peacepath.ops.Metrics;
import org.peacepath.rules.RuleSets;
import org.peacepath.rules.RulesWatcher;
import org.peacepath.scenario.ScenarioGate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code peacepath serve}: the HTTP API on the rules folder. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve the HTTP API and the workbench on the rule sets in the rules folder.")
final class ServeCommand implements Callable<Integer> {
  @Mixin RulesOption rules;

  @Option(names = "--port", defaultValue = "7070", description = "The port (default: ${DEFAULT-VALUE}; 0 for any free one).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1",
      description = "The address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
  String host;

  @Option(names = "--watch", negatable = true, defaultValue = "true",
      description = "Reload the rules when a file under --rules changes (default: on; --no-watch turns it off).")
  boolean watch;

  @Option(names = "--watch-interval", defaultValue = "250", paramLabel = "MS",
      description = "How often, in milliseconds, the rules folder is read for changes (default: ${DEFAULT-VALUE}).")
  long watchInterval;

  @Option(names = "--decision-log", paramLabel = "FILE",
      description = "Append one JSON line per decision, comparison and plan to FILE (rotate it with any outside tool).")
  Path decisionLog;

  @Option(names = "--cors-origin", paramLabel = "ORIGIN",
      description = "Let pages from ORIGIN (such as https://desk.example.org) call the API; repeat for more. Off by default.")
  List<String> corsOrigins = new ArrayList<>();

  @Option(names = "--allow-host", paramLabel = "NAME",
      description = "Answer requests whose Host header names NAME, as a proxy in front forwards them; repeat for more. "
          + "Otherwise only the addresses listened on are answered.")
  List<String> allowedHosts = new ArrayList<>();

  @Option(names = "--source", paramLabel = "FILE",
      description = "The source text: a revision whose quotes (@source, the catalog's source, simultaneousSource) are "
          + "not word for word in FILE is refused, at start and on every reload, as check --source refuses it.")
  Path source;

  @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "30",
      description = "Close a connection silent this long, mid-request or between requests (default: ${DEFAULT-VALUE}).")
  long idleTimeout;

  @Option(names = "--stop-timeout", paramLabel = "SECONDS", defaultValue = "10",
      description = "On SIGTERM, how long requests in flight get to finish (default: ${DEFAULT-VALUE}).")
  long stopTimeout;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    // What can be found wrong before the rules are compiled is, in one line each, at once.
    String cannot = Listening.problem(host, port);
    if (cannot != null) {
      err.println(cannot);
      err.flush();
      return Main.BAD_INPUT;
    }
    if (!rules.exists(err)) {
      return Main.BAD_INPUT;
    }
    org.peacepath.rules.ServingGate gate = new ScenarioGate();
    if (source != null) {
      try {
        // A quote that is not in the source is refused before the scenarios run: it would be shown as a quote.
        gate = new org.peacepath.scenario.QuotedScenarioGate(source.toAbsolutePath().toString());
      } catch (java.io.UncheckedIOException e) {
        err.println("cannot read the source text " + source + ": "
            + (e.getCause() instanceof java.nio.file.NoSuchFileException ? "no such file" : org.peacepath.rules.Faults.inWords(e.getCause())));
        err.flush();
        return Main.BAD_INPUT;
      }
    }
    RuleSets ruleSets = rules.load(err, gate);
    if (ruleSets == null) {
      err.println("peacepath did not start: fix the rules above and start it again");
      err.flush();
      return Main.BAD_RULES;
    }
    DecisionLog log;
    try {
      log = decisionLog == null ? null : DecisionLog.open(decisionLog);
    } catch (IOException e) {
      err.println("cannot open the decision log " + decisionLog + ": " + e.getMessage());
      err.flush();
      return Main.BAD_INPUT;
    }
    ServerOptions options = new ServerOptions(corsOrigins, allowedHosts, log, new Metrics(ruleSets, log),
        Duration.ofSeconds(idleTimeout), Duration.ofSeconds(stopTimeout), new java.util.concurrent.atomic.AtomicBoolean());
    ApiServer.Running app;
    DecisionService service = new DecisionService(ruleSets);
    try {
      app = ApiServer.start(service, options, host, port);
    } catch (RuntimeException e) {
      err.println(Listening.problem(host, port) != null ? Listening.problem(host, port)
          : "cannot listen on " + host + ":" + port + ": the server could not be started there");
      err.flush();
      return Main.BAD_INPUT;
    }
    // Before it says it serves (and once a port in use has been said at once): the first person to open the
    // workbench should not pay for the first time each path of the server runs, nor each file of the page.
    org.peacepath.http.Warmup.start(service);
    org.peacepath.http.Warmup.page(host, app.port());
    RulesWatcher watcher = watch ? RulesWatcher.start(ruleSets, Duration.ofMillis(Math.max(50, watchInterval))) : null;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      // SIGTERM: stop reading rules, close each connection as its answer goes, let requests in flight
      // finish, then close the decision log.
      options.stopping().set(true);
      if (watcher != null) {
        watcher.close();
      }
      app.close();
      if (log != null) {
        log.close();
      }
    }, "peacepath-shutdown"));
    PrintWriter out = spec.commandLine().getOut();
    out.println("peacepath serving " + ruleSets.all().stream()
        .map(r -> r.name() + "@" + r.revision()).collect(Collectors.joining(", "))
        + " from " + rules.dir + (watch ? " (reloading on change)" : "") + " on http://" + host + ":" + app.port());
    out.flush();
    String unset = withoutSettings(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments(),
        Runtime.getRuntime().maxMemory());
    if (unset != null) {
      err.println(unset);
      err.flush();
    }
    return waitForever();
  }

  /**
   * What to tell an operator who started the server on a JVM without a heap size of its own ({@code java -jar
   * peacepath.jar serve}, as a service file might): the JVM's default heap, a quarter of the machine's
   * memory, made a decision 1.5-2.5 times dearer than the launcher's fixed heap (docs/benchmarks.md, issue
   * 18). {@code null} when the JVM was given a heap size.
   */
  static String withoutSettings(java.util.List<String> jvmArguments, long maxHeapBytes) {
    for (String argument : jvmArguments) {
      if (argument.startsWith("-Xmx") || argument.startsWith("-XX:MaxHeapSize=") || argument.startsWith("-XX:MaxRAM")) {
        return null;
      }
    }
    return "note: this JVM was started without a heap size, so it has the JVM's default (" + maxHeapBytes / (1024 * 1024)
        + " MB here), which makes a decision up to 2.5 times dearer in CPU. The settings measured for the server are "
        + JVM_SETTINGS + ", with -XX:CICompilerCount=3 on two or three processors and -XX:+UseTransparentHugePages"
        + " where the kernel gives huge pages on request; ./peacepath serve starts it with them, under batch"
        + " scheduling (chrt --batch 0) where the system allows it (PEACEPATH_DRY_RUN=1 ./peacepath serve prints"
        + " its command)";
  }

  /** The JVM settings {@code ./peacepath serve} always gives the server (LauncherTest holds the two alike). */
  static final String JVM_SETTINGS = "-Xms256m -Xmx256m -XX:+AlwaysPreTouch -XX:+UseParallelGC";

  private static int waitForever() {
    try {
      Thread.currentThread().join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
