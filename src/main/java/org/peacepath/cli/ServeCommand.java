package org.peacepath.cli;

import io.javalin.Javalin;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.peacepath.decide.DecisionService;
import org.peacepath.http.ApiServer;
import org.peacepath.rules.RuleSets;
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

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    RuleSets ruleSets = rules.load(err);
    if (ruleSets == null) {
      err.println("peacepath did not start: fix the rules above and start it again");
      err.flush();
      return Main.BAD_RULES;
    }
    Javalin app = ApiServer.create(new DecisionService(ruleSets)).start(host, port);
    Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "peacepath-shutdown"));
    PrintWriter out = spec.commandLine().getOut();
    out.println("peacepath serving " + ruleSets.all().stream()
        .map(r -> r.name() + "@" + r.revision()).collect(Collectors.joining(", "))
        + " from " + rules.dir + " on http://" + host + ":" + app.port());
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
