package org.peacepath.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.peacepath.decide.DecisionService;
import org.peacepath.wire.Json;
import org.peacepath.rules.RuleSets;

/** A running peacepath server on a free port, and a client for it, for tests through real HTTP. */
public final class Api implements AutoCloseable {
  private final Javalin app;
  private final HttpClient client = HttpClient.newHttpClient();

  public Api(RuleSets ruleSets) {
    this(ruleSets, ServerOptions.defaults(new org.peacepath.ops.Metrics(ruleSets)));
  }

  public Api(RuleSets ruleSets, ServerOptions options) {
    this.app = ApiServer.create(new DecisionService(ruleSets), options).start("127.0.0.1", 0);
  }

  /** A server whose decisions and comparisons take {@code turns}. */
  Api(RuleSets ruleSets, Turns turns) {
    ServerOptions options = ServerOptions.defaults(new org.peacepath.ops.Metrics(ruleSets));
    this.app = ApiServer.create(new DecisionService(ruleSets), options, turns).start("127.0.0.1", 0);
  }

  /** Stops the server as SIGTERM does, letting requests in flight finish. */
  public void stop() {
    app.stop();
  }

  /** A response: its status, its body as text, and as JSON, and its headers. */
  public record Reply(int status, String text, JsonNode json, String contentType, java.net.http.HttpHeaders headers) {}

  public Reply get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET().build());
  }

  public Reply post(String path, String body) {
    return send(HttpRequest.newBuilder(uri(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  Reply post(String path, byte[] body) {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + app.port() + path);
  }

  public Reply send(HttpRequest request) {
    try {
      HttpResponse<String> response;
      try {
        response = client.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        if (!String.valueOf(e.getMessage()).contains("received no bytes")) {
          throw e;
        }
        // A kept-alive connection the server had closed after an earlier answer (as it may after an error
        // whose body it did not read), found closed only when reused: the request never reached the server.
        response = client.send(request, HttpResponse.BodyHandlers.ofString());
      }
      JsonNode json;
      try {
        json = Json.MAPPER.readTree(response.body());
      } catch (IOException e) {
        json = null;
      }
      return new Reply(response.statusCode(), response.body(), json,
          response.headers().firstValue("Content-Type").orElse(""), response.headers());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    app.stop();
  }
}
