package org.peacepath.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.peacepath.wire.Json;

/** The OpenAPI document, written by hand in {@code openapi.yaml}, and the Swagger UI page that shows it. */
final class Docs {
  private Docs() {}

  /** The OpenAPI document as JSON. */
  static String openApiJson() {
    try (InputStream in = Docs.class.getResourceAsStream("/openapi.yaml")) {
      if (in == null) {
        throw new IllegalStateException("openapi.yaml is missing from the jar");
      }
      return Json.write(new ObjectMapper(new YAMLFactory()).readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("openapi.yaml does not parse", e);
    }
  }

  /** The Swagger UI page, loading Swagger UI from the webjar inside the jar. */
  static String swaggerPage() {
    String base = "/webjars/swagger-ui/" + swaggerUiVersion();
    return """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>peacepath API</title>
          <link rel="stylesheet" href="%1$s/swagger-ui.css">
        </head>
        <body>
          <div id="swagger-ui"></div>
          <script src="%1$s/swagger-ui-bundle.js"></script>
          <script>
            window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", validatorUrl: null,
              deepLinking: true });
          </script>
        </body>
        </html>
        """.formatted(base);
  }

  private static String swaggerUiVersion() {
    try (InputStream in = Docs.class.getResourceAsStream("/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("the swagger-ui webjar is missing from the jar", e);
    }
  }
}
