package org.peacepath.ops;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.peacepath.rules.ReloadOutcome;
import org.peacepath.rules.RuleSets;

/**
 * What an operator watches, in the Prometheus text format: decisions, comparisons and plans by rule
 * set and outcome, request latency by route, reloads and failed reloads, and the revision each rule
 * set serves. Labels only ever hold names the server knows, never what a client sent.
 */
public final class Metrics {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
  private final Counter answers;
  private final Histogram latency;
  private final Counter reloads;
  private final Counter failedReloads;

  /** Metrics of the rule sets given, with the JVM's own. */
  public Metrics(RuleSets ruleSets) {
    this(ruleSets, null);
  }

  /** Metrics of the rule sets and the decision log given (or none), with the JVM's own. */
  public Metrics(RuleSets ruleSets, DecisionLog log) {
    if (log != null) {
      io.prometheus.metrics.core.metrics.CounterWithCallback.builder().name("peacepath_decision_log_failures_total")
          .help("Answers refused (503) because their line could not be written to the decision log")
          .callback(callback -> callback.call(log.failures())).register(registry);
      GaugeWithCallback.builder().name("peacepath_decision_log_writable")
          .help("1 while the decision log is being written, 0 while its last write failed")
          .callback(callback -> callback.call(log.failure().isPresent() ? 0 : 1)).register(registry);
    }
    answers = Counter.builder().name("peacepath_answers_total")
        .help("Decisions, comparisons and plans answered, by kind, rule set and outcome")
        .labelNames("kind", "ruleset", "outcome").register(registry);
    latency = Histogram.builder().name("peacepath_request_duration_seconds")
        .help("Time from request to response, by route and status")
        .labelNames("route", "status").classicOnly()
        .classicUpperBounds(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5)
        .register(registry);
    reloads = Counter.builder().name("peacepath_reloads_total")
        .help("Attempts to reload a rule set after its files changed, by rule set and result (loaded, unchanged, refused)")
        .labelNames("ruleset", "result").register(registry);
    failedReloads = Counter.builder().name("peacepath_reload_failures_total")
        .help("Reloads refused because the edited rules have errors; the last good revision kept serving")
        .labelNames("ruleset").register(registry);
    GaugeWithCallback.builder().name("peacepath_ruleset_info")
        .help("The revision each rule set serves (always 1)")
        .labelNames("ruleset", "revision")
        .callback(callback -> ruleSets.all().forEach(r -> callback.call(1, r.name(), r.revision())))
        .register(registry);
    JvmMetrics.builder().register(registry);
    ruleSets.onReload(this::reloaded);
    ruleSets.names().forEach(name -> failedReloads.labelValues(name));
  }

  /**
   * Counts an answer.
   *
   * @param kind {@code decision}, {@code comparison} or {@code plan}
   * @param ruleset the rule set that answered; {@code none} before one was chosen, {@code unknown} for one not served
   * @param outcome such as {@code ok}, {@code unreachable}, {@code bad_request} or {@code runaway_rule}
   */
  public void answered(String kind, String ruleset, String outcome) {
    answersOf.computeIfAbsent(kind + " " + ruleset + " " + outcome, key -> answers.labelValues(kind, ruleset, outcome))
        .inc();
  }

  /** The counter of each kind, rule set and outcome, looked up once rather than on every request. */
  private final java.util.concurrent.ConcurrentHashMap<String, io.prometheus.metrics.core.datapoints.CounterDataPoint>
      answersOf = new java.util.concurrent.ConcurrentHashMap<>();

  /** Records how long a request took, by its route (the path template, never the raw path). */
  public void timed(String route, int status, double seconds) {
    latencyOf.computeIfAbsent(route + " " + status, key -> latency.labelValues(route, String.valueOf(status)))
        .observe(seconds);
  }

  /** The histogram of each route and status, looked up once rather than on every request. */
  private final java.util.concurrent.ConcurrentHashMap<String, io.prometheus.metrics.core.datapoints.DistributionDataPoint>
      latencyOf = new java.util.concurrent.ConcurrentHashMap<>();

  private void reloaded(Map<String, ReloadOutcome> outcomes) {
    outcomes.forEach((ruleset, outcome) -> {
      reloads.labelValues(ruleset, outcome.result().word()).inc();
      if (outcome.result() == ReloadOutcome.Result.REFUSED) {
        failedReloads.labelValues(ruleset).inc();
      }
    });
  }

  /** The content type of {@link #scrape()}. */
  public String contentType() {
    return writer.getContentType();
  }

  /** Every metric, in the Prometheus text format. */
  public String scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      writer.write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
