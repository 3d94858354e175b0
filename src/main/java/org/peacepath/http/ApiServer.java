package org.peacepath.http;

import io.javalin.Javalin;
import io.javalin.http.Handler;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.util.List;
import org.peacepath.decide.DecisionService;
import org.peacepath.wire.ErrorBody;
import org.peacepath.wire.Json;

/**
 * The peacepath HTTP API: the server's settings, and every route, in {@link #ROUTES}, with its handler
 * ({@link Handlers}); every error leaves as an {@link ErrorBody} with a stable code
 * ({@link ErrorAnswers}), never as a stack trace.
 */
public final class ApiServer {
  /** Every route the server answers, in one table. */
  public static final List<Route> ROUTES = List.of(
      new Route("GET", "/", "the workbench page"),
      new Route("GET", "/health", "whether the server is up, and the rule sets it serves"),
      new Route("GET", "/v1/steps", "the step catalog"),
      new Route("GET", "/v1/rulesets", "each rule set, its revision, and its last reload"),
      new Route("GET", "/v1/rulesets/{name}/changes", "what each of the last revisions changed against the one before"),
      new Route("GET", "/v1/rulesets/{name}/revisions/{revision}", "the files of a revision served lately, for diff"),
      new Route("GET", "/v1/graph", "the step graph, as json, dot or mermaid"),
      new Route("POST", "/v1/evaluate", "decide a negotiation state"),
      new Route("POST", "/v1/compare", "one state under several rule sets"),
      new Route("POST", "/v1/plan", "the shortest road to a goal"),
      new Route("POST", "/v1/briefing", "the decision and the road to a goal, as a Markdown briefing"),
      new Route("GET", "/metrics", "metrics in the Prometheus text format"),
      new Route("GET", "/openapi.json", "the OpenAPI document"),
      new Route("GET", "/docs", "the OpenAPI document to browse"));


  private ApiServer() {}

  /** A server listening: where, and how to stop it (as SIGTERM does, letting requests in flight finish). */
  public interface Running extends AutoCloseable {
    /** The port it listens on. */
    int port();

    /** Stops it, letting requests in flight finish. */
    @Override
    void close();
  }

  /** Starts the server on {@code host:port} (0 for any free port). */
  public static Running start(DecisionService service, ServerOptions options, String host, int port) {
    Javalin app = create(service, options).start(host, port);
    return new Running() {
      @Override
      public int port() {
        return app.port();
      }

      @Override
      public void close() {
        app.stop();
      }
    };
  }

  /** The server, configured and not yet started; its decisions take turns at the cores if asked to ({@link Turns}). */
  public static Javalin create(DecisionService service, ServerOptions options) {
    return create(service, options, Turns.configured());
  }

  /** The server, configured and not yet started, its decisions and comparisons taking {@code turns}. */
  static Javalin create(DecisionService service, ServerOptions options, Turns turns) {
    Handlers handlers = new Handlers(service, options, turns);
    // After every reload, the new revision is compared with the one before, in the background.
    org.peacepath.diff.Previews previews = org.peacepath.diff.Previews.watch(service.ruleSets());
    // Records are decided, and dated ones replayed, in pooled incremental sessions once the rules' copies
    // for them are compiled, in the background.
    org.peacepath.decide.Replay.prepare(service.ruleSets());
    return Javalin.create(config -> {
      config.events.serverStopped(previews::close);
      config.events.serverStartFailed(previews::close);
      serving(config, options);
      config.staticFiles.add("/web", Location.CLASSPATH); // the workbench, at /
      config.staticFiles.enableWebjars(); // Swagger UI, for /docs

      var r = config.routes;
      r.before(ctx -> {
        if (options.stopping().get()) {
          ctx.header("Connection", "close");
        }
      });
      java.util.Map<String, Handler> byRoute = handlers.byRoute(previews);
      // Each route of the table, with its path written there once; the workbench at / is the static files.
      for (Route route : ROUTES) {
        Handler handler = byRoute.remove(route.toString());
        if (handler == null && !route.path().equals("/")) {
          throw new IllegalStateException("no handler for the route " + route);
        }
        if (handler != null) {
          Handler marked = ctx -> {
            ctx.attribute(RequestMetrics.ROUTE, route.path());
            handler.handle(ctx);
          };
          if (route.method().equals("POST")) {
            r.post(route.path(), marked);
          } else {
            r.get(route.path(), marked);
          }
        }
      }
      if (!byRoute.isEmpty()) {
        throw new IllegalStateException("handlers for routes not in the table: " + byRoute.keySet());
      }

      // Every error is answered in one place (ErrorAnswers), its status its code's.
      r.exception(Exception.class, ErrorAnswers::exception);
      r.error(404, ErrorAnswers::notFound);
    });
  }

  /**
   * How the server serves, whatever it answers: JSON by peacepath's mapper, its threads, the largest body,
   * no compression, the safe defaults ({@link SafeDefaults}) and every request counted into the metrics.
   * The benchmarks' floor ({@code HttpFloor}, in the tests) is set up by it too, so that it measures this
   * server's HTTP layer.
   */
  static void serving(io.javalin.config.JavalinConfig config, ServerOptions options) {
    config.startup.showJavalinBanner = false;
    config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
    config.jetty.threadPool = threadPool();
    config.http.maxRequestSize = Bodies.MAX_BYTES;
    // Answers are a few kilobytes, served on this machine or a local network: compressing them costs
    // more time than it saves, and the check for it alone is measurable under load.
    config.http.compressionStrategy = io.javalin.compression.CompressionStrategy.NONE;
    SafeDefaults.apply(config, options);
    config.requestLogger.http((ctx, millis) -> RequestMetrics.observe(ctx, millis, options.metrics()));
  }

  /**
   * The threads that answer: at most the system property {@code peacepath.threads}, by default four per core
   * and two more (ten on two cores), the connector's acceptor and selectors among them, and never fewer than
   * four. Without turns ({@link Turns}; none by default since the eleventh pass in docs/benchmarks.md), ten
   * on two cores cost a decision 7-15 % less CPU than the same ten with a turn a core, and 5-8 % less than
   * six without turns, whose p99 was 1.7-1.8 times ten's: with four threads working, a request that finds
   * them all busy waits in Jetty's queue behind the selector. Many more cost more (16 cost a dated decision
   * about twice what 6 did in an early pass, each switch and wake-up on a virtual machine costing more than
   * a decision's own work). Requests beyond the threads wait in the pool's queue.
   */
  static org.eclipse.jetty.util.thread.QueuedThreadPool threadPool() {
    int cores = Runtime.getRuntime().availableProcessors();
    int max = Math.max(4, Integer.getInteger("peacepath.threads", 4 * cores + 2));
    var pool = new org.eclipse.jetty.util.thread.QueuedThreadPool(max, Math.min(max, 4), 60_000);
    pool.setName("JettyServerThreadPool");
    return pool;
  }
}
