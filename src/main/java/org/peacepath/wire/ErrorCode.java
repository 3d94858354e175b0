package org.peacepath.wire;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every code an error answer can carry, each with its one HTTP status: the only place a status is chosen
 * for an error. The command line turns the same status into its exit code.
 */
public enum ErrorCode {
  /** The body is not JSON, or not the JSON object a route takes. */
  INVALID_JSON(400),
  /** A field of the body is wrong; the details name each field to change. */
  INVALID_REQUEST(400),
  /** The request itself could not be read (its address, headers or length). */
  BAD_REQUEST(400),
  /** No route at that path. */
  NO_ROUTE(404),
  /** No rule set of that name is served. */
  UNKNOWN_RULESET(404),
  /** No revision of that name is kept. */
  UNKNOWN_REVISION(404),
  /** The route takes another method. */
  METHOD_NOT_ALLOWED(405),
  /** The body came too slowly. */
  REQUEST_TIMEOUT(408),
  /** The body is larger than a negotiation record can be. */
  BODY_TOO_LARGE(413),
  /** The address is too long. */
  URI_TOO_LONG(414),
  /** The body is not sent as JSON. */
  UNSUPPORTED_MEDIA_TYPE(415),
  /** The request is addressed to a host the server does not answer for. */
  MISDIRECTED_REQUEST(421),
  /** A plan needs more work than one answer may take. */
  PLAN_BUDGET_EXCEEDED(422),
  /** The step graph is larger than one answer may draw. */
  GRAPH_BUDGET_EXCEEDED(422),
  /** The headers are too large. */
  HEADERS_TOO_LARGE(431),
  /** The client left before its plan was found: nobody receives this answer (as proxies record it). */
  PLAN_ABANDONED(499),
  /** The client left before its decision was made: nobody receives this answer either. */
  DECISION_ABANDONED(499),
  /** A rule kept firing, matched too much or took too long, and was stopped. */
  RUNAWAY_RULE(500),
  /** A rule failed as it fired. */
  RULE_FAILED(500),
  /** peacepath failed; the server log has the details. */
  INTERNAL_ERROR(500),
  /** The server is stopping. */
  UNAVAILABLE(503),
  /** Decisions are refused while they cannot be logged. */
  DECISION_LOG_UNAVAILABLE(503);

  private static final Map<String, ErrorCode> BY_CODE = Arrays.stream(values())
      .collect(Collectors.toUnmodifiableMap(ErrorCode::code, Function.identity()));

  private final int status;

  ErrorCode(int status) {
    this.status = status;
  }

  /** The code as answers spell it, in snake_case. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The HTTP status of an answer with this code. */
  public int status() {
    return status;
  }

  /** The code spelt so, if it is one. */
  public static java.util.Optional<ErrorCode> of(String code) {
    return java.util.Optional.ofNullable(BY_CODE.get(code));
  }

  /** The status of an error answer with this body: its code's, 500 for a code that is none of these. */
  public static int statusOf(ErrorBody body) {
    return of(body.code()).map(ErrorCode::status).orElse(500);
  }

  /** An error answer's body with this code. */
  public ErrorBody body(String message, java.util.List<org.peacepath.decide.InputProblem> details) {
    return new ErrorBody(message, code(), details);
  }
}
