package org.peacepath.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The workbench's modules hold no vocabulary or order of their own: a reviewer who greps them for a
 * record status, a kind of step, a party, the default rule set or a comparison of dates finds nothing,
 * because the page reads them from the server (GET /v1/steps' vocabulary, each answer's steps and
 * records), and it has no "did you mean" of its own: a word it does not know is put to the server, whose
 * catalog/Spelling is the project's one. What the page shows of a status, a verdict or a suggestion is
 * held by WorkbenchShowsTheServersWordTest.
 */
class WorkbenchSaysNothingOfItsOwnTest {
  static final Path MODULES = Path.of("src/main/resources/web/app");

  /** The lines of the page's modules, outside comments, that match {@code code}. */
  static List<String> offenders(Pattern code) throws Exception {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.list(MODULES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".js")).sorted().toList()) {
        int number = 0;
        for (String line : Files.readAllLines(file)) {
          number++;
          String trimmed = line.trim();
          if (trimmed.startsWith("//") || trimmed.startsWith("*") || trimmed.startsWith("/*")) {
            continue;
          }
          if (code.matcher(line).find()) {
            found.add(file.getFileName() + ":" + number + ": " + trimmed);
          }
        }
      }
    }
    return found;
  }

  @Test
  void the_page_is_written_in_modules() throws Exception {
    try (Stream<Path> files = Files.list(MODULES)) {
      assertTrue(files.count() >= 8, "the page's modules are in " + MODULES);
    }
  }

  @Test
  void the_page_asks_for_every_module_at_once() throws Exception {
    // so that a cold server is not made to serve one level of imports after another
    String page = Files.readString(MODULES.resolveSibling("index.html"));
    try (Stream<Path> files = Files.list(MODULES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".js")).sorted().toList()) {
        assertTrue(page.contains("<link rel=\"modulepreload\" href=\"/app/" + file.getFileName() + "\">"),
            "index.html preloads " + file.getFileName());
      }
    }
  }

  @Test
  void no_record_status_kind_party_or_default_rule_set_is_written_in_the_page() throws Exception {
    assertEquals(List.of(), offenders(Pattern.compile("\"(in-force|suspended|revoked)\"")));
    assertEquals(List.of(), offenders(Pattern.compile("\"(interim-agreement|reciprocal-measure|confidence-building-measure"
        + "|treaty-track|treaty-condition|endorsement)\"")));
    assertEquals(List.of(), offenders(Pattern.compile("\"(US|DPRK|ROK|PRC|JAPAN|RUSSIA)\"")));
    assertEquals(List.of(), offenders(Pattern.compile("\"(sigal|treaty-first|denuclearization-first)\"")));
  }

  @Test
  void no_module_orders_records_by_their_dates() throws Exception {
    assertEquals(List.of(), offenders(Pattern.compile("\\.date\\s*[<>]|date\\s*\\)\\s*[<>]|localeCompare")));
  }

  @Test
  void no_module_writes_a_record_verdict() throws Exception {
    // the verdicts are read (compared with ===), never assigned a word of the page's own
    assertEquals(List.of(), offenders(Pattern.compile("verdict\\s*[:=][^=]\\s*\"[a-z]")));
  }

  @Test
  void no_module_guesses_which_word_was_meant() throws Exception {
    assertEquals(List.of(), offenders(Pattern.compile("(?i)did you mean")));
    // an edit distance, by name or by its recurrence: the least of an insertion, a deletion and a substitution
    assertEquals(List.of(), offenders(Pattern.compile(
        "(?i)levenshtein|edit.?distance|\\bdistance\\s*\\(|Math\\.min\\([^;]*\\+\\s*1\\s*,[^;]*\\+\\s*1")));
  }

  @Test
  void no_module_decides_what_to_do_with_a_step_the_server_says_take_take_again_or_mend() throws Exception {
    // whether a step may be taken more than once is the server's to weigh: each step's next says what follows
    assertEquals(List.of(), offenders(Pattern.compile("\\.repeatable\\b")));
  }
}
