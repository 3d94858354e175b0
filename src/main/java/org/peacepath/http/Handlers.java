package org.peacepath.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.peacepath.catalog.Step;
import org.peacepath.decide.Comparison;
import org.peacepath.decide.Decision;
import org.peacepath.decide.DecisionService;
import org.peacepath.decide.Ids;
import org.peacepath.decide.InputProblem;
import org.peacepath.diff.Previews;
import org.peacepath.plan.Plan;
import org.peacepath.plan.PlanService;
import org.peacepath.plan.StepGraph;
import org.peacepath.rules.RuleSet;
import org.peacepath.rules.RuleSetCompiler;
import org.peacepath.rules.RuleSets;
import org.peacepath.wire.ErrorCode;
import org.peacepath.wire.Requests;

/**
 * What each route of {@link ApiServer#ROUTES} does, by "METHOD /path": reads its request, asks the engine, and
 * answers. An error is thrown, and answered by {@link ErrorAnswers}.
 */
final class Handlers {
  private final DecisionService service;
  private final ServerOptions options;
  private final Turns turns;
  private final PlanService planner;
  private final Requests requests;
  private final String openApi;
  private final String swagger;

  /**
   * The handlers' parts for a server whose decisions and comparisons take {@code turns}; made before
   * anything else of the server, so that a jar whose OpenAPI document cannot be read fails before any
   * background work has started.
   */
  Handlers(DecisionService service, ServerOptions options, Turns turns) {
    this.service = service;
    this.options = options;
    this.turns = turns;
    this.planner = new PlanService(service);
    this.requests = new Requests(service);
    this.openApi = Docs.openApiJson();
    this.swagger = Docs.swaggerPage();
  }

  /**
   * The handlers of every route but the workbench page, which is static files, by "METHOD /path"; a rule
   * set's changes are read from {@code previews}.
   */
  Map<String, Handler> byRoute(Previews previews) {
    Map<String, Handler> handlers = new HashMap<>();
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
    handlers.put("POST /v1/evaluate", inTurn("decision", (body, watch) -> {
      Decision decision = service.evaluate(requests.evaluate(body.json()), watch);
      return Answer.of(decision.decisionId(), decision.ruleset(), decision.ruleset().name(), "ok", decision);
    }));
    handlers.put("POST /v1/compare", inTurn("comparison", (body, watch) -> {
      Comparison comparison = service.compare(requests.compare(body.json()), watch);
      Decision.RuleSetRef first = comparison.decisions().get(0).ruleset();
      String label = body.json().has("rulesets") ? "selected" : "all";
      return Answer.of(Ids.next(), first, label, "ok", comparison);
    }));
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
    return handlers;
  }

  /** What a decision or comparison answers to the request's body, watched for the client leaving. */
  @FunctionalInterface
  private interface Work {
    Answer answer(Bodies.Body body, ClientWatch watch) throws Exception;
  }

  /** A handler of {@code kind} whose answer is worked out, and sent, in a turn ({@link Answer#sendInTurn}). */
  private Handler inTurn(String kind, Work work) {
    return ctx -> {
      ctx.attribute(RequestMetrics.KIND, kind);
      Bodies.Body body = Bodies.json(ctx);
      ClientWatch watch = ClientWatch.of(ctx);
      Answer.sendInTurn(ctx, options, turns, kind, body, () -> work.answer(body, watch));
    };
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
