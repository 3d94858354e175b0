package org.peacepath.http;

import org.peacepath.wire.ErrorBody;
import org.peacepath.wire.ErrorCode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.util.List;
import java.util.stream.Collectors;
import org.peacepath.catalog.Step;
import org.peacepath.decide.Comparison;
import org.peacepath.decide.Decision;
import org.peacepath.decide.DecisionService;
import org.peacepath.decide.Ids;
import org.peacepath.decide.InputProblem;
import org.peacepath.wire.Json;
import org.peacepath.rules.RuleFailureException;
import org.peacepath.decide.UnknownRuleSetException;
import org.peacepath.rules.RuleSets;
import org.peacepath.plan.Plan;
import org.peacepath.plan.PlanService;
import org.peacepath.plan.StepGraph;
import org.peacepath.rules.RuleSet;
import org.peacepath.rules.RuleSetCompiler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peacepath HTTP API. Every route is in {@link #ROUTES}; every error leaves as an
 * {@link ErrorBody} with a stable code, never as a stack trace.
 */
public final class ApiServer {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  /** A route: its method, path, and what it does. */
  public record Route(String method, String path, String summary) {
    @Override
    public String toString() {
      return method + " " + path;
    }

    /** Whether a request's path is this route's: a {@code {name}} part stands for any one part. */
    public boolean matches(String requested) {
      String[] want = path.split("/", -1);
      String[] got = requested.split("/", -1);
      if (want.length != got.length) {
        return false;
      }
      for (int i = 0; i < want.length; i++) {
        if (!(want[i].startsWith("{") ? !got[i].isEmpty() : want[i].equals(got[i]))) {
          return false;
        }
      }
      return true;
    }
  }

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

  /** The server, configured and not yet started; its decisions take turns at the cores ({@link Turns}). */
  public static Javalin create(DecisionService service, ServerOptions options) {
    return create(service, options, Turns.configured());
  }

  /** The server, configured and not yet started, its decisions and comparisons taking {@code turns}. */
  static Javalin create(DecisionService service, ServerOptions options, Turns turns) {
    PlanService planner = new PlanService(service);
    org.peacepath.wire.Requests requests = new org.peacepath.wire.Requests(service);
    String openApi = Docs.openApiJson();
    String swagger = Docs.swaggerPage();
    // After every reload, the new revision is compared with the one before, in the background.
    org.peacepath.diff.Previews previews = org.peacepath.diff.Previews.watch(service.ruleSets());
    // A dated record is replayed in one session once the rules' copy for it is compiled, in the background.
    org.peacepath.decide.Replay.prepare(service.ruleSets());
    return Javalin.create(config -> {
      config.events.serverStopped(previews::close);
      config.events.serverStartFailed(previews::close);
      config.startup.showJavalinBanner = false;
      config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
      config.jetty.threadPool = threadPool();
      config.http.maxRequestSize = Bodies.MAX_BYTES;
      // Answers are a few kilobytes, served on this machine or a local network: compressing them costs
      // more time than it saves, and the check for it alone is measurable under load.
      config.http.compressionStrategy = io.javalin.compression.CompressionStrategy.NONE;
      config.staticFiles.add("/web", Location.CLASSPATH); // the workbench, at /
      config.staticFiles.enableWebjars(); // Swagger UI, for /docs
      SafeDefaults.apply(config, options);
      config.requestLogger.http((ctx, millis) -> RequestMetrics.observe(ctx, millis, options.metrics()));

      var r = config.routes;
      r.before(ctx -> {
        if (options.stopping().get()) {
          ctx.header("Connection", "close");
        }
      });
      java.util.Map<String, Handler> handlers = new java.util.HashMap<>();
      handlers.put("GET /health", ctx -> {
        List<Decision.RuleSetRef> served = service.ruleSets().all().stream().map(Decision.RuleSetRef::of).toList();
        var logFailure = options.decisionLog() == null ? java.util.Optional.<String>empty() : options.decisionLog().failure();
        if (logFailure.isPresent()) {
          // Decisions are refused while they cannot be logged, so a load balancer should send them elsewhere.
          ctx.status(ErrorCode.DECISION_LOG_UNAVAILABLE.status()).json(new Health("degraded", served, "cannot be written: " + logFailure.get()));
        } else {
          ctx.json(new Health("ok", served, null));
        }
      });
      handlers.put("GET /v1/steps", ctx -> {
        RuleSet ruleSet = service.ruleSet(ruleSetParam(ctx));
        ctx.json(Steps.of(ruleSet));
      });
      handlers.put("GET /v1/rulesets", ctx -> ctx.json(RuleSetsView.of(service.ruleSets())));
      handlers.put("GET /v1/rulesets/{name}/changes", ctx -> {
        String name = ctx.pathParam("name");
        service.ruleSet(name); // 404 unknown_ruleset for a rule set not served
        ctx.json(previews.changes(name));
      });
      handlers.put("GET /v1/rulesets/{name}/revisions/{revision}", ctx -> {
        String name = ctx.pathParam("name");
        service.ruleSet(name); // 404 unknown_ruleset for a rule set not served
        String revision = ctx.pathParam("revision");
        RuleSets.ServedRevision served = service.ruleSets().served(name, revision).orElseThrow(() -> {
          List<String> kept = service.ruleSets().servedRevisions(name);
          String message = "rule set " + name + " has served no revision " + revision + " that this server still keeps"
              + " (or more than one begins so); it keeps " + String.join(", ", kept) + ", the newest first";
          return new ApiException(ErrorCode.UNKNOWN_REVISION, message,
              List.of(new InputProblem("revision", "unknown_revision", message)));
        });
        ctx.json(RevisionFiles.of(served));
      });
      handlers.put("GET /v1/graph", ctx -> graph(ctx, planner));
      handlers.put("POST /v1/evaluate", ctx -> {
        ctx.attribute(RequestMetrics.KIND, "decision");
        Bodies.Body body = Bodies.json(ctx);
        ClientWatch watch = ClientWatch.of(ctx);
        Answer.sendInTurn(ctx, options, turns, "decision", body, () -> {
          Decision decision = service.evaluate(requests.evaluate(body.json()), watch);
          return Answer.of(decision.decisionId(), decision.ruleset(), decision.ruleset().name(), "ok", decision);
        });
      });
      handlers.put("POST /v1/compare", ctx -> {
        ctx.attribute(RequestMetrics.KIND, "comparison");
        Bodies.Body body = Bodies.json(ctx);
        ClientWatch watch = ClientWatch.of(ctx);
        Answer.sendInTurn(ctx, options, turns, "comparison", body, () -> {
          Comparison comparison = service.compare(requests.compare(body.json()), watch);
          Decision.RuleSetRef first = comparison.decisions().get(0).ruleset();
          String label = body.json().has("rulesets") ? "selected" : "all";
          return Answer.of(Ids.next(), first, label, "ok", comparison);
        });
      });
      handlers.put("POST /v1/plan", ctx -> {
        ctx.attribute(RequestMetrics.KIND, "plan");
        Bodies.Body body = Bodies.json(ctx);
        Plan plan = planner.plan(requests.plan(body.json()), ClientWatch.of(ctx));
        Answer.of(Ids.next(), plan.ruleset(), plan.ruleset().name(), plan.reachable() ? "reachable" : "unreachable",
            plan).send(ctx, options, "plan", body);
      });
      handlers.put("POST /v1/briefing", ctx -> {
        ctx.attribute(RequestMetrics.KIND, "briefing");
        var asked = requests.briefing(Bodies.json(ctx).json());
        ctx.attribute(RequestMetrics.RULESET, asked.evaluate().ruleSet().name());
        Decision decision = service.evaluate(asked.evaluate(), ClientWatch.of(ctx));
        Plan plan = asked.plan() == null ? null : planner.plan(asked.plan(), ClientWatch.of(ctx));
        ctx.contentType("text/markdown; charset=utf-8").result(org.peacepath.brief.Briefing.markdown(decision, plan,
            asked.evaluate().ruleSet().catalog()));
        ctx.attribute(RequestMetrics.OUTCOME, "ok");
      });
      handlers.put("GET /metrics", ctx -> ctx.contentType(options.metrics().contentType())
          .result(options.metrics().scrape()));
      handlers.put("GET /openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
      handlers.put("GET /docs", ctx -> ctx.html(swagger));
      // Each route of the table, with its path written there once; the workbench at / is the static files.
      for (Route route : ROUTES) {
        Handler handler = handlers.remove(route.toString());
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
      if (!handlers.isEmpty()) {
        throw new IllegalStateException("handlers for routes not in the table: " + handlers.keySet());
      }

      // Every error is answered here, its status its code's (ErrorCode): the one place a status is chosen.
      r.exception(Exception.class, (e, ctx) -> {
        var failure = org.peacepath.wire.Errors.of(e);
        if (failure.isPresent()) {
          if (e instanceof UnknownRuleSetException) {
            ctx.attribute(RequestMetrics.RULESET, "unknown");
          }
          if (e instanceof RuleFailureException) {
            LOG.error("{}", e.getMessage());
          }
          send(ctx, failure.get().body());
          return;
        }
        LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
        send(ctx, ErrorCode.INTERNAL_ERROR.body("peacepath failed to answer; the server log has the details", List.of()));
      });
      r.error(404, ctx -> {
        List<String> allowed = ROUTES.stream().filter(route -> route.matches(ctx.path()))
            .map(Route::method).distinct().toList();
        if (ctx.attribute(RequestMetrics.ERROR_CODE) == null && !allowed.isEmpty()) {
          ctx.header("Allow", String.join(", ", allowed));
          send(ctx, ErrorCode.METHOD_NOT_ALLOWED.body(ctx.method() + " is not allowed on " + ctx.path() + "; use "
              + String.join(" or ", allowed), List.of()));
          return;
        }
        if (ctx.attribute(RequestMetrics.ERROR_CODE) == null) {
          send(ctx, ErrorCode.NO_ROUTE.body("no route " + ctx.method() + " " + ctx.path() + "; the routes are "
              + ROUTES.stream().map(Route::toString).collect(Collectors.joining(", ")), List.of()));
        }
      });
    });
  }

  /**
   * The threads that answer: at most the system property {@code peacepath.threads}, by default four per core
   * and two more (ten on two cores), the connector's acceptor and selectors among them, and never fewer than
   * four. Decisions and comparisons take turns at the cores ({@link Turns}), so the threads beyond the
   * turns wait, parked, in the order their requests came, their bodies read: more threads here let a request
   * join that queue at once instead of waiting in the pool's. Without turns each thread beyond a few per
   * core only takes turns at the cores with the others, and on a virtual machine each switch and wake-up
   * costs more than a decision's own work (16 threads without turns cost a dated decision about twice the
   * CPU that 6 did; see docs/benchmarks.md). Requests beyond the threads wait in the pool's queue.
   */
  static org.eclipse.jetty.util.thread.QueuedThreadPool threadPool() {
    int cores = Runtime.getRuntime().availableProcessors();
    int max = Math.max(4, Integer.getInteger("peacepath.threads", 4 * cores + 2));
    var pool = new org.eclipse.jetty.util.thread.QueuedThreadPool(max, Math.min(max, 4), 60_000);
    pool.setName("JettyServerThreadPool");
    return pool;
  }

  private static void send(Context ctx, ErrorBody body) {
    ctx.attribute(RequestMetrics.ERROR_CODE, body.code());
    ctx.status(ErrorCode.statusOf(body)).json(body);
  }

  private static String ruleSetParam(Context ctx) {
    String name = ctx.queryParam("ruleset");
    return name == null ? RuleSetCompiler.DEFAULT : name;
  }

  private static void graph(Context ctx, PlanService planner) {
    String format = ctx.queryParam("format") == null ? "json" : ctx.queryParam("format");
    if (!List.of("json", "dot", "mermaid").contains(format)) {
      String message = "format must be json, dot or mermaid, not \"" + format + "\"";
      throw new ApiException(ErrorCode.INVALID_REQUEST, message,
          List.of(new InputProblem("format", "unknown_format", message)));
    }
    StepGraph graph = planner.graph(ruleSetParam(ctx));
    switch (format) {
      case "dot" -> ctx.contentType("text/vnd.graphviz; charset=utf-8").result(graph.toDot());
      case "mermaid" -> ctx.contentType("text/plain; charset=utf-8").result(graph.toMermaid());
      default -> ctx.json(graph);
    }
  }

  /** The answer to {@code GET /health}: {@code ok}, or {@code degraded} with why the decision log cannot be written. */
  @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
  record Health(String status, List<Decision.RuleSetRef> rulesets, String decisionLog) {}

  /** The answer to {@code GET /v1/steps}: the catalog of a rule set, and the words a client needs to use it. */
  record Steps(Decision.RuleSetRef ruleset, List<Step> steps, org.peacepath.catalog.Vocabulary vocabulary) {
    /** The catalog of the rule set, and its words. */
    static Steps of(RuleSet ruleSet) {
      return new Steps(Decision.RuleSetRef.of(ruleSet), ruleSet.catalog().steps(),
          org.peacepath.catalog.Vocabulary.of(ruleSet.catalog(), RuleSetCompiler.DEFAULT));
    }
  }
}
