package org.peacepath.http;

import io.javalin.config.JavalinConfig;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * What makes the server safe to leave running: only requests addressed to it, CORS only where asked for, timeouts on slow clients, JSON
 * for the errors Jetty answers itself, a graceful stop that closes connections as it goes.
 */
final class SafeDefaults {
  private SafeDefaults() {}

  /**
   * Binds nothing beyond what the options say: requests only to the addresses listened on, CORS only for
   * the origins named, timeouts on slow clients, a graceful stop.
   */
  static void apply(JavalinConfig config, ServerOptions options) {
    HostCheck hosts = new HostCheck(options.allowedHosts());
    config.routes.before(hosts::check);
    if (!options.corsOrigins().isEmpty()) {
      config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
        String first = options.corsOrigins().get(0);
        rule.allowHost(first, options.corsOrigins().subList(1, options.corsOrigins().size()).toArray(String[]::new));
        rule.exposeHeader("X-Decision-Id");
      }));
    }
    config.jetty.modifyHttpConfiguration(http -> {
      http.setIdleTimeout(options.idleTimeout().toMillis());
      http.setMinRequestDataRate(ServerOptions.MIN_REQUEST_DATA_RATE);
    });
    config.jetty.modifyServer(server -> {
      // Errors Jetty answers itself, before a request reaches a route, speak JSON too.
      server.setErrorHandler(new JsonErrors(options.stopping()));
      server.setStopTimeout(options.stopTimeout().toMillis());
      server.addEventListener(new LifeCycle.Listener() {
        @Override
        public void lifeCycleStarting(LifeCycle event) {
          // Let requests in flight finish when the server stops, and close connections that idle.
          server.insertHandler(new GracefulHandler());
          for (var connector : server.getConnectors()) {
            if (connector instanceof ServerConnector serverConnector) {
              serverConnector.setIdleTimeout(options.idleTimeout().toMillis());
            }
          }
        }

        @Override
        public void lifeCycleStarted(LifeCycle event) {
          for (var connector : server.getConnectors()) {
            if (connector instanceof ServerConnector serverConnector) {
              hosts.listening(serverConnector.getHost(), serverConnector.getLocalPort());
            }
          }
        }
      });
    });
  }
}
