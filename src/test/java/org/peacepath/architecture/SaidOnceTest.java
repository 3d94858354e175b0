package org.peacepath.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The domain is said once: a reviewer who greps for a status, a verdict, a record status, the facility
 * kind, a date comparison or "did you mean" finds one place. Comments are not code, and are not counted.
 */
class SaidOnceTest {
  static final Path MAIN = LayersTest.MAIN;

  /** The files of main Java, outside the folders {@code allowed}, whose code (not comments) matches {@code code}. */
  static List<String> offenders(Pattern code, List<String> allowed) throws Exception {
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        String relative = MAIN.relativize(file).toString().replace('\\', '/');
        if (allowed.stream().anyMatch(relative::startsWith)) {
          continue;
        }
        int number = 0;
        for (String line : Files.readAllLines(file)) {
          number++;
          String trimmed = line.trim();
          if (trimmed.startsWith("*") || trimmed.startsWith("//") || trimmed.startsWith("/*")) {
            continue;
          }
          if (code.matcher(line).find()) {
            offenders.add(relative + ":" + number + ": " + trimmed);
          }
        }
      }
    }
    return offenders;
  }

  @Test
  void a_step_status_is_a_word_only_decide_writes() throws Exception {
    // Scenario files have fields named unlocked and blocked; the reader of those files may name them.
    assertEquals(List.of(), offenders(Pattern.compile("\"(unlocked|blocked)\""),
        List.of("decide/", "scenario/ScenarioReader.java")));
  }

  @Test
  void a_record_verdict_is_a_word_only_decide_writes() throws Exception {
    assertEquals(List.of(), offenders(Pattern.compile("\"(counts|not-counted|out-of-order)\""), List.of("decide/")));
  }

  @Test
  void the_record_statuses_are_written_once_in_the_catalog_package() throws Exception {
    assertEquals(List.of(), offenders(Pattern.compile("\"(in-force|suspended|revoked)\""),
        List.of("catalog/RecordStatus.java")));
  }

  @Test
  void no_kind_of_step_is_written_in_java_the_catalog_file_lists_them() throws Exception {
    assertEquals(List.of(), offenders(Pattern.compile("\"(interim-agreement|reciprocal-measure|confidence-building-measure"
        + "|treaty-track|treaty-condition|endorsement|denuclearization)\""), List.of()));
  }

  @Test
  void dates_are_compared_only_where_the_replay_orders_them() throws Exception {
    assertEquals(List.of(), offenders(Pattern.compile("date\\(\\)\\.before\\(|\\.before\\([^)]*date\\(\\)|dateOrder\\("), List.of("decide/")));
  }

  @Test
  void did_you_mean_is_said_in_one_place() throws Exception {
    assertEquals(List.of(), offenders(Pattern.compile("(?i)did you mean"), List.of("catalog/Spelling.java")));
    assertEquals(List.of(), offenders(Pattern.compile("Spelling\\.distance\\("), List.of("catalog/Spelling.java")));
  }

  @Test
  void requests_are_read_without_the_live_registry_the_default_rule_set_or_a_command_line_flag() throws Exception {
    List<String> wire = new ArrayList<>();
    for (String found : offenders(Pattern.compile("\\b(RuleSets|DecisionService|RuleSetCompiler)\\b|\"--[a-z]"), List.of())) {
      if (found.startsWith("wire/")) {
        wire.add(found);
      }
    }
    assertEquals(List.of(), wire);
  }

  @Test
  void the_names_a_request_gives_are_resolved_against_the_catalog_in_decide_not_while_it_is_read() throws Exception {
    // wire/ reads a request's shape; which steps the catalog has, which names a facility and which may be
    // in force once is decide/RecordCheck's to say
    List<String> wire = new ArrayList<>();
    for (String found : offenders(Pattern.compile("\\bCatalog\\b|\\.catalog\\(\\)\\.(contains|get|suggest|namesFacility)"
        + "|\\.repeatable\\(\\)|\"(unknown_step|facility_not_allowed|repeated_step)\""), List.of())) {
      if (found.startsWith("wire/")) {
        wire.add(found);
      }
    }
    assertEquals(List.of(), wire);
  }
}
