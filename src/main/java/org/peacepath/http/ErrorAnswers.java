package org.peacepath.http;

import io.javalin.http.Context;
import java.util.List;
import java.util.stream.Collectors;
import org.peacepath.decide.UnknownRuleSetException;
import org.peacepath.rules.RuleFailureException;
import org.peacepath.wire.ErrorBody;
import org.peacepath.wire.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error the server answers, as an {@link ErrorBody} with a stable code and the status of that code
 * ({@link ErrorCode}): the one place a status is chosen, and never a stack trace.
 */
final class ErrorAnswers {
  /** Logged as the server, as errors always were, so that a filter on its name still finds them. */
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  private ErrorAnswers() {}

  /** Answers what a handler threw: the client's mistake as its error code says, anything else as a failure of ours. */
  static void exception(Exception e, Context ctx) {
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
  }

  /** Answers a path no route has, or a method its route does not take ({@code 405}, with {@code Allow}). */
  static void notFound(Context ctx) {
    List<String> allowed = ApiServer.ROUTES.stream().filter(route -> route.matches(ctx.path()))
        .map(Route::method).distinct().toList();
    if (ctx.attribute(RequestMetrics.ERROR_CODE) == null && !allowed.isEmpty()) {
      ctx.header("Allow", String.join(", ", allowed));
      send(ctx, ErrorCode.METHOD_NOT_ALLOWED.body(ctx.method() + " is not allowed on " + ctx.path() + "; use "
          + String.join(" or ", allowed), List.of()));
      return;
    }
    if (ctx.attribute(RequestMetrics.ERROR_CODE) == null) {
      send(ctx, ErrorCode.NO_ROUTE.body("no route " + ctx.method() + " " + ctx.path() + "; the routes are "
          + ApiServer.ROUTES.stream().map(Route::toString).collect(Collectors.joining(", ")), List.of()));
    }
  }

  private static void send(Context ctx, ErrorBody body) {
    ctx.attribute(RequestMetrics.ERROR_CODE, body.code());
    ctx.status(ErrorCode.statusOf(body)).json(body);
  }
}
