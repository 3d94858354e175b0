package org.peacepath.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import java.util.List;
import org.peacepath.catalog.Step;
import org.peacepath.decide.Decision;
import org.peacepath.decide.DecisionService;
import org.peacepath.decide.InvalidInputException;
import org.peacepath.decide.Json;
import org.peacepath.decide.RunawayRuleException;
import org.peacepath.decide.UnknownRuleSetException;
import org.peacepath.plan.PlanService;
import org.peacepath.plan.StepGraph;
import org.peacepath.rules.RuleSet;
import org.peacepath.rules.RuleSetCompiler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peacepath HTTP API. Every route is in the table in {@link #create}; every error leaves as an
 * {@link ErrorBody} with a stable code, never as a stack trace.
 */
public final class ApiServer {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  /** Marks a response whose error body peacepath has written, so the 404 fallback leaves it alone. */
  private static final String SENT = "peacepath.error-sent";

  private ApiServer() {}

  /** The server, configured and not yet started. */
  public static Javalin create(DecisionService service) {
    PlanService planner = new PlanService(service);
    return Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
      config.http.maxRequestSize = Bodies.MAX_BYTES;
      config.staticFiles.add("/web", io.javalin.http.staticfiles.Location.CLASSPATH); // the workbench, at /

      //             method  path             handler
      config.routes.get("/health", ctx -> health(ctx, service));
      config.routes.get("/v1/steps", ctx -> steps(ctx, service));
      config.routes.get("/v1/rulesets", ctx -> ctx.json(new RuleSetsView(service.ruleSets().status().stream()
          .map(RuleSetView::of).toList())));
      config.routes.post("/v1/evaluate", ctx -> ctx.json(service.evaluate(Bodies.json(ctx))));
      config.routes.post("/v1/compare", ctx -> ctx.json(service.compare(Bodies.json(ctx))));
      config.routes.post("/v1/plan", ctx -> ctx.json(planner.plan(Bodies.json(ctx))));
      config.routes.get("/v1/graph", ctx -> graph(ctx, planner));

      config.routes.exception(ApiException.class, (e, ctx) -> send(ctx, e.status, e.body()));
      config.routes.exception(InvalidInputException.class, (e, ctx) -> send(ctx, 400,
          new ErrorBody(e.getMessage(), "invalid_request", e.problems())));
      config.routes.exception(UnknownRuleSetException.class, (e, ctx) -> send(ctx, 404,
          new ErrorBody(e.getMessage(), "unknown_ruleset", List.of())));
      config.routes.exception(RunawayRuleException.class, (e, ctx) -> {
        LOG.error("{}", e.getMessage());
        send(ctx, 500, new ErrorBody(e.getMessage(), "runaway_rule", List.of()));
      });
      config.routes.exception(Exception.class, (e, ctx) -> {
        LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
        send(ctx, 500, new ErrorBody("peacepath failed to answer; the server log has the details",
            "internal_error", List.of()));
      });
      config.routes.error(404, ctx -> {
        if (ctx.attribute(SENT) == null) {
          send(ctx, 404, new ErrorBody("no route " + ctx.method() + " " + ctx.path()
              + "; the API is GET /health, GET /v1/steps, GET /v1/rulesets, GET /v1/graph, POST /v1/evaluate, "
              + "POST /v1/compare, POST /v1/plan", "no_route", List.of()));
        }
      });
    });
  }

  private static void send(Context ctx, int status, ErrorBody body) {
    ctx.attribute(SENT, Boolean.TRUE);
    ctx.status(status).json(body);
  }

  private static void health(Context ctx, DecisionService service) {
    ctx.json(new Health("ok", service.ruleSets().all().stream().map(ApiServer::ref).toList()));
  }

  private static void steps(Context ctx, DecisionService service) {
    String name = ctx.queryParam("ruleset");
    RuleSet ruleSet = service.ruleSet(name == null ? RuleSetCompiler.DEFAULT : name);
    ctx.json(new Steps(ref(ruleSet), ruleSet.catalog().steps()));
  }

  private static void graph(Context ctx, PlanService planner) {
    String name = ctx.queryParam("ruleset");
    String format = ctx.queryParam("format") == null ? "json" : ctx.queryParam("format");
    if (!List.of("json", "dot", "mermaid").contains(format)) {
      String message = "format must be json, dot or mermaid, not \"" + format + "\"";
      throw new ApiException(400, "invalid_request", message,
          List.of(new org.peacepath.decide.InputProblem("format", "unknown_format", message)));
    }
    StepGraph graph = planner.graph(name == null ? RuleSetCompiler.DEFAULT : name);
    switch (format) {
      case "dot" -> ctx.contentType("text/vnd.graphviz; charset=utf-8").result(graph.toDot());
      case "mermaid" -> ctx.contentType("text/plain; charset=utf-8").result(graph.toMermaid());
      default -> ctx.json(graph);
    }
  }

  private static Decision.RuleSetRef ref(RuleSet ruleSet) {
    return new Decision.RuleSetRef(ruleSet.name(), ruleSet.revision());
  }

  /** The answer to {@code GET /health}. */
  record Health(String status, List<Decision.RuleSetRef> rulesets) {}

  /** The answer to {@code GET /v1/steps}: the catalog of a rule set. */
  record Steps(Decision.RuleSetRef ruleset, List<Step> steps) {}
}
