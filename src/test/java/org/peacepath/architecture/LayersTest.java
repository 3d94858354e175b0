package org.peacepath.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Each engine has one seam: Drools is known to rules/ alone, Javalin to http/ alone. */
class LayersTest {
  static final Path MAIN = Path.of("src/main/java/org/peacepath");

  /** The files outside {@code allowed} that name a package matching {@code used}, by import or in full. */
  static List<String> offenders(Pattern used, String allowed) throws Exception {
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        String relative = MAIN.relativize(file).toString().replace('\\', '/');
        if (relative.startsWith(allowed + "/")) {
          continue;
        }
        String text = Files.readString(file);
        if (used.matcher(text).find()) {
          offenders.add(relative);
        }
      }
    }
    return offenders;
  }

  @Test
  void no_drools_type_is_used_outside_rules() throws Exception {
    assertEquals(List.of(), offenders(Pattern.compile("\\borg\\.(kie|drools)\\."), "rules"));
  }

  @Test
  void no_javalin_or_jetty_type_is_used_outside_http() throws Exception {
    assertEquals(List.of(), offenders(Pattern.compile("\\b(io\\.javalin|org\\.eclipse\\.jetty)\\."), "http"));
  }

  @Test
  void rules_exposes_no_drools_type_in_a_public_signature() throws Exception {
    List<String> leaks = new ArrayList<>();
    Pattern publicMember = Pattern.compile("^\\s*public [^=;{]*\\b(Kie\\w*|Drl\\w*|\\w+Descr)\\b", Pattern.MULTILINE);
    try (Stream<Path> files = Files.walk(MAIN.resolve("rules"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        var matcher = publicMember.matcher(Files.readString(file));
        while (matcher.find()) {
          leaks.add(file.getFileName() + ": " + matcher.group().trim());
        }
      }
    }
    assertEquals(List.of(), leaks);
  }
}
