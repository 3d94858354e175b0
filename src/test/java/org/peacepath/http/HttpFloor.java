package org.peacepath.http;

import io.javalin.Javalin;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.peacepath.decide.DecisionService;
import org.peacepath.ops.Metrics;
import org.peacepath.rules.RuleSets;
import org.peacepath.wire.Json;
import org.peacepath.wire.Requests;

/**
 * The floor under a decision over HTTP, for {@code src/bench/floor.sh}: a server set up as peacepath's is
 * (its thread pool, no compression, the host check and timeouts, the metrics of each request, peacepath's
 * own {@code GET /health}) whose {@code POST /v1/evaluate} does one of two things:
 * <ul>
 *   <li>{@code fixed}: reads the body and sends back the answer worked out for the same body the first
 *       time it came, deciding nothing more; what a request costs it is what the HTTP layer costs a request
 *       of a decision's size;</li>
 *   <li>{@code decide}: reads the body, decides it and sends the answer, in the request's thread, without
 *       the server's other work around a decision (the body's checks, the client watch, the log, the
 *       answer's bookkeeping; turns where asked for); less {@code fixed}'s cost, it is what deciding costs
 *       under load.</li>
 * </ul>
 * Not a server to use: it has no error handling beyond Javalin's, and {@code fixed} keeps every distinct
 * body it is sent.
 *
 * <p>{@code java SETTINGS -cp CLASSPATH org.peacepath.http.HttpFloor PORT fixed|decide}, SETTINGS being the
 * server's JVM options as {@code PEACEPATH_DRY_RUN=1 ./peacepath serve} prints them (as {@code floor.sh} reads them),
 * from the project folder (it serves the bundled rules, {@code rules/}). {@code src/bench/ab.sh} starts it
 * in place of one build with {@code A_FLOOR} or {@code B_FLOOR}, through {@code server.sh}'s {@code start_server}.
 */
public final class HttpFloor {
  private HttpFloor() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2 || !(args[1].equals("fixed") || args[1].equals("decide"))) {
      System.err.println("usage: HttpFloor PORT fixed|decide");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    boolean decide = args[1].equals("decide");
    RuleSets ruleSets = RuleSets.load(Path.of("rules"));
    DecisionService service = new DecisionService(ruleSets);
    // a dated record replayed in one session and each record decided in a pooled one, as the server has them
    // once started
    org.peacepath.decide.Replay.prepareNow(ruleSets);
    Requests requests = new Requests(service);
    ServerOptions options = ServerOptions.defaults(new Metrics(ruleSets));
    var health = new Handlers(service, options, new Turns(0)).byRoute(null).get("GET /health");
    Map<java.nio.ByteBuffer, byte[]> answered = new ConcurrentHashMap<>();
    Javalin.create(config -> {
      ApiServer.serving(config, options);
      config.routes.get("/health", ctx -> {
        ctx.attribute(RequestMetrics.ROUTE, "/health");
        health.handle(ctx);
      });
      config.routes.post("/v1/evaluate", ctx -> {
        ctx.attribute(RequestMetrics.ROUTE, "/v1/evaluate");
        byte[] body = ctx.bodyAsBytes();
        byte[] answer = decide ? decided(service, requests, body)
            : answered.computeIfAbsent(java.nio.ByteBuffer.wrap(body), b -> decided(service, requests, body));
        ctx.header("X-Decision-Id", org.peacepath.decide.Ids.next());
        ctx.contentType("application/json");
        ctx.res().setContentLength(answer.length);
        ctx.res().getOutputStream().write(answer);
      });
    }).start("127.0.0.1", port);
  }

  private static byte[] decided(DecisionService service, Requests requests, byte[] body) {
    try {
      return Json.MAPPER.writeValueAsBytes(service.evaluate(requests.evaluate(Json.MAPPER.readTree(body))));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
