package org.peacepath.http;

import java.time.Duration;
import java.util.List;
import org.peacepath.ops.DecisionLog;
import org.peacepath.ops.Metrics;

/**
 * How the server runs, beyond what it answers.
 *
 * @param corsOrigins the origins whose pages may call the API from a browser; empty for none (CORS off)
 * @param allowedHosts the names, beyond the addresses it listens on, that a request's Host header may give
 *     (a proxy's name); empty for none
 * @param decisionLog where each answer is logged, or {@code null} for no log
 * @param metrics the metrics to count into and serve at {@code /metrics}
 * @param idleTimeout how long a connection may stay silent, mid-request or between requests, before it is closed
 * @param stopTimeout how long a stop waits for the requests in flight to finish
 * @param stopping set when the server begins to stop: from then on every answer closes its connection
 */
public record ServerOptions(List<String> corsOrigins, List<String> allowedHosts, DecisionLog decisionLog, Metrics metrics,
    Duration idleTimeout, Duration stopTimeout, java.util.concurrent.atomic.AtomicBoolean stopping) {

  /**
   * The lowest rate, in bytes per second, at which a client must send a request body once it has begun:
   * a negotiation state is a few hundred bytes, so a client slower than this is broken or is holding a
   * connection open on purpose. It gets 408.
   */
  public static final long MIN_REQUEST_DATA_RATE = 128;

  public ServerOptions {
    corsOrigins = List.copyOf(corsOrigins);
    allowedHosts = List.copyOf(allowedHosts);
  }

  /** No CORS, no names beyond the addresses listened on, no decision log, 30 s idle timeout, 10 s to stop. */
  public static ServerOptions defaults(Metrics metrics) {
    return new ServerOptions(List.of(), List.of(), null, metrics, Duration.ofSeconds(30), Duration.ofSeconds(10),
        new java.util.concurrent.atomic.AtomicBoolean());
  }
}
