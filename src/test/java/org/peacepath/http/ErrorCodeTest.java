package org.peacepath.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.peacepath.wire.ErrorCode;

/** An error's status is chosen in one place, by its code, and the contract lists the same codes. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ErrorCodeTest {
  @Test
  void the_openapi_document_lists_every_code_a_client_can_receive_and_no_other() throws IOException {
    JsonNode document;
    try (InputStream in = ErrorCodeTest.class.getResourceAsStream("/openapi.yaml")) {
      document = new ObjectMapper(new YAMLFactory()).readTree(in);
    }
    Set<String> listed = new TreeSet<>();
    document.at("/components/schemas/ErrorBody/properties/code/enum").forEach(code -> listed.add(code.asText()));
    Set<String> received = new TreeSet<>();
    // 499 is recorded for a client that has gone: nobody receives it.
    Arrays.stream(ErrorCode.values()).filter(code -> code.status() != 499).forEach(code -> received.add(code.code()));
    assertEquals(received, listed);
  }

  @Test
  void jettys_own_errors_carry_the_code_of_the_status_jetty_chose() {
    for (int status : List.of(400, 404, 408, 413, 414, 431, 500, 503)) {
      assertEquals(status, ErrorCode.statusOf(JsonErrors.body(status)), "HTTP " + status);
    }
  }

  @Test
  void no_status_of_an_error_is_written_as_a_number_outside_the_table_of_codes() throws IOException {
    Pattern literal = Pattern.compile("(status\\(|Failure\\(|ApiException\\(|send\\(ctx, )\\s*[1-5][0-9][0-9]\\b");
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          if (literal.matcher(lines.get(i)).find()) {
            found.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
          }
        }
      }
    }
    assertTrue(found.isEmpty(), "statuses chosen outside ErrorCode: " + found);
  }
}
