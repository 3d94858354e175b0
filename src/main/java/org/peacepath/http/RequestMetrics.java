package org.peacepath.http;

import io.javalin.http.Context;
import org.peacepath.ops.Metrics;

/**
 * Counts each request into the metrics once it is answered, from the marks its handler left on it:
 * the route it took, the kind of answer, the rule set that gave it and its outcome.
 */
final class RequestMetrics {
  /** The error code sent, when the answer was an error. */
  static final String ERROR_CODE = "peacepath.error-code";
  /** The route's path template. */
  static final String ROUTE = "peacepath.route";
  /** {@code decision}, {@code comparison} or {@code plan}. */
  static final String KIND = "peacepath.kind";
  /** The rule set that answered, as a label. */
  static final String RULESET = "peacepath.ruleset";
  /** The outcome of an answer that was given. */
  static final String OUTCOME = "peacepath.outcome";

  private RequestMetrics() {}

  /** Counts the answered request, which took {@code millis}, into the metrics. */
  static void observe(Context ctx, float millis, Metrics metrics) {
    String route = ctx.attribute(ROUTE);
    if (route == null) {
      route = ctx.statusCode() == 404 ? "unmatched" : ctx.statusCode() == 421 ? "misdirected" : "static";
    }
    metrics.timed(route, ctx.statusCode(), millis / 1000.0);
    String kind = ctx.attribute(KIND);
    if (kind != null) {
      String ruleset = ctx.attribute(RULESET) == null ? "none" : ctx.attribute(RULESET);
      String outcome = ctx.attribute(OUTCOME) != null ? ctx.attribute(OUTCOME) : outcomeOf(ctx.attribute(ERROR_CODE));
      metrics.answered(kind, ruleset, outcome);
    }
  }

  private static String outcomeOf(String code) {
    if (code == null) {
      return "error";
    }
    return switch (code) {
      case "invalid_json", "invalid_request" -> "bad_request";
      case "body_too_large" -> "too_large";
      default -> code;
    };
  }
}
