package org.peacepath.cli;

import io.javalin.Javalin;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.peacepath.decide.DecisionService;
import org.peacepath.http.ApiServer;
import java.time.Duration;
import org.peacepath.rules.RuleSets;
import org.peacepath.rules.RulesWatcher;
import org.peacepath.scenario.ScenarioCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code peacepath serve}: the HTTP API on the rules folder. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve the HTTP API on the rule sets in the rules folder.")
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

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    RuleSets ruleSets = rules.load(err, new ScenarioCheck());
    if (ruleSets == null) {
      err.println("peacepath did not start: fix the rules above and start it again");
      err.flush();
      return Main.BAD_RULES;
    }
    ruleSets.status().forEach(served -> served.lastReload().scenarioFailures()
        .forEach(failure -> err.println(rules.dir.resolve(failure.file()) + ":" + failure.line() + ": " + failure.message())));
    Javalin app = ApiServer.create(new DecisionService(ruleSets)).start(host, port);
    RulesWatcher watcher = watch ? RulesWatcher.start(ruleSets, Duration.ofMillis(Math.max(50, watchInterval))) : null;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (watcher != null) {
        watcher.close();
      }
      app.stop();
    }, "peacepath-shutdown"));
    PrintWriter out = spec.commandLine().getOut();
    out.println("peacepath serving " + ruleSets.all().stream()
        .map(r -> r.name() + "@" + r.revision()).collect(Collectors.joining(", "))
        + " from " + rules.dir + (watch ? " (reloading on change)" : "") + " on http://" + host + ":" + app.port());
    out.flush();
    return waitForever();
  }

  private static int waitForever() {
    try {
      Thread.currentThread().join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
