package org.peacepath.http;

import io.javalin.http.Context;
import org.peacepath.decide.Decision;
import org.peacepath.wire.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An answer to a decision, comparison or plan, written as JSON once, with what its log line and its metrics
 * say of it: its id, the rule set it was decided under ({@code rulesetLabel} names it in the metrics, or
 * says how several were chosen), and its outcome. The same bytes are logged and sent.
 */
record Answer(String id, Decision.RuleSetRef ruleset, String rulesetLabel, String outcome, byte[] json) {
  private static final Logger LOG = LoggerFactory.getLogger(Answer.class);

  /**
   * The largest answer sent within its turn: one the connection's buffers should take at once, so that
   * sending it does not wait for the client (and should it wait, the turn is given back after {@link
   * Turns#SENDING_NANOS}). Sent after the turn, even a small answer gave back most of what the turns won
   * (see docs/benchmarks.md); a larger one is sent after the turn, so that a client slow to read it holds
   * no turn.
   */
  static final int SENT_IN_TURN = 64 * 1024;

  /** {@code answer} written as JSON. */
  static Answer of(String id, Decision.RuleSetRef ruleset, String rulesetLabel, String outcome, Object answer) {
    try {
      return new Answer(id, ruleset, rulesetLabel, outcome, Json.MAPPER.writeValueAsBytes(answer));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write the answer " + id + " as JSON", e);
    }
  }

  /** Works out an answer in a turn ({@link Turns}) and sends it, within the turn if it is small. */
  static void sendInTurn(Context ctx, ServerOptions options, Turns turns, String kind, Bodies.Body request,
      java.util.concurrent.Callable<Answer> work) throws Exception {
    Answer large = turns.take(turn -> {
      Answer answer = work.call();
      if (answer.json().length > SENT_IN_TURN) {
        return answer;
      }
      turn.sending();
      answer.send(ctx, options, kind, request);
      return null;
    });
    if (large != null) {
      large.send(ctx, options, kind, request);
    }
  }

  /** Counts it, logs it with the request it answers (when there is a decision log), and sends it. */
  void send(Context ctx, ServerOptions options, String kind, Bodies.Body request) {
    ctx.attribute(RequestMetrics.RULESET, rulesetLabel);
    ctx.attribute(RequestMetrics.OUTCOME, outcome);
    if (options.decisionLog() != null) {
      options.decisionLog().append(kind, id, ruleset, request.bytes(), request.json(), json);
    }
    ctx.header("X-Decision-Id", id); // only on an answer that is sent, so only on one that is logged
    // Written straight to the connection: handing Javalin a result would copy it once more.
    ctx.contentType("application/json");
    ctx.res().setContentLength(json.length);
    try {
      ctx.res().getOutputStream().write(json);
    } catch (java.io.IOException e) {
      LOG.debug("the client left before the {} was sent: {}", kind, e.toString());
    }
  }
}
