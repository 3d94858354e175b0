package org.peacepath.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.peacepath.rules.RuleSetCompiler;
import org.peacepath.wire.Json;

/**
 * A revision a running server has served, brought into a folder of its own so that {@code diff} can compare
 * it like any rules folder: {@code GET /v1/rulesets/{name}/revisions/{revision}} gives its files.
 */
final class ServedRevisions {
  private ServedRevisions() {}

  /** Why a served revision could not be brought here, in words. */
  static final class Unavailable extends Exception {
    Unavailable(String message) {
      super(message);
    }
  }

  private static final Pattern URL = Pattern.compile("^https?://[^/]+/v1/rulesets/([^/]+)/revisions/([^/?#]+)$");
  /** How long the server may take to answer. */
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /**
   * The folder {@code argument} names: a rules folder as it is, or, for a served revision (the URL of its files,
   * or its id with {@code --server}), a new folder its files were written into, added to {@code written}.
   */
  static Path folder(String argument, String server, String ruleset, List<Path> written) throws Unavailable {
    String url;
    if (URL.matcher(argument).matches()) {
      url = argument;
    } else if (server != null && !Files.isDirectory(Path.of(argument))) {
      if (!argument.matches("[0-9a-f]{1,12}")) {
        throw new Unavailable("\"" + argument + "\" is neither a rules folder nor a revision's id (up to 12 characters"
            + " 0-9 and a-f, as /v1/rulesets shows it)");
      }
      url = server.replaceAll("/+$", "") + "/v1/rulesets/" + (ruleset == null ? RuleSetCompiler.DEFAULT : ruleset)
          + "/revisions/" + argument;
    } else {
      return Path.of(argument);
    }
    JsonNode files = fetch(url);
    try {
      Path folder = Files.createTempDirectory("peacepath-revision-");
      written.add(folder);
      for (JsonNode file : files.path("files")) {
        String path = file.path("path").asText("");
        Path target = folder.resolve(path).normalize();
        if (path.isEmpty() || Path.of(path).isAbsolute() || !target.startsWith(folder) || target.equals(folder)) {
          throw new Unavailable(url + " names a file outside the rules folder (\"" + path + "\"); it is not used");
        }
        Files.createDirectories(target.getParent());
        Files.write(target, file.has("base64") ? Base64.getDecoder().decode(file.path("base64").asText())
            : file.path("text").asText().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      return folder;
    } catch (IOException | IllegalArgumentException e) {
      throw new Unavailable("cannot write the files of " + url + " into a folder: " + e.getMessage());
    }
  }

  private static JsonNode fetch(String url) throws Unavailable {
    HttpResponse<String> response;
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
      response = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException | IllegalArgumentException e) {
      throw new Unavailable("cannot reach " + url + ": " + (e.getMessage() == null ? "the connection failed"
          : e.getMessage()) + "; is the server running at that address?");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted while asking " + url);
    }
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw new Unavailable(url + " answered " + response.statusCode() + " with something other than JSON");
    }
    if (response.statusCode() != 200) {
      throw new Unavailable(url + " answered " + response.statusCode() + ": " + body.path("error").asText("(no reason given)"));
    }
    return body;
  }

  /** Deletes a folder written for a served revision. */
  static void delete(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind is no reason to fail the comparison
    }
  }
}
