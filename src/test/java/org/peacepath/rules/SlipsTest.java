package org.peacepath.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.peacepath.Bundled;

/** The common slips that make a rule file unreadable, each said at its own line in plain words. */
class SlipsTest {
  private static final String RULE = """
      package peacepath;
      import org.peacepath.facts.Open;
      import org.peacepath.facts.Done;
      import org.peacepath.facts.Blocked;

      rule "The treaty waits for the talks"
          @id("treaty-after-talks")
          @basis("stated")
          @source("once it is negotiated by the four")
      when
          $open : Open( step == "peace-treaty" )
          not Done( step == "four-party-talks" )
      then
          insert( new Blocked( $open.step(), "The talks first.", "four-party-talks" ) );
      end
      """;

  private static Problem slip(String text) {
    return Slips.find(new SourceFile("common/talks.drl", text)).orElseThrow();
  }

  @Test
  void a_well_formed_file_and_every_bundled_file_have_no_slip() throws Exception {
    assertTrue(Slips.find(new SourceFile("common/talks.drl", RULE)).isEmpty());
    try (var files = Files.walk(Bundled.RULES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".drl")).toList()) {
        assertEquals(java.util.Optional.empty(), Slips.find(new SourceFile(file.toString(), Files.readString(file))), file.toString());
      }
    }
  }

  @Test
  void curly_quotation_marks_around_a_text_are_said_at_their_line() {
    Problem problem = slip(RULE.replace("not Done( step == \"four-party-talks\" )", "not Done( step == \u201cfour-party-talks\u201d )"));
    assertEquals("curly_quotes", problem.code());
    assertEquals(12, problem.line());
    assertTrue(problem.message().contains("where DRL needs a straight one"), problem.message());
  }

  @Test
  void a_parenthesis_never_closed_is_said_where_it_opens_not_where_the_parser_gives_up() {
    Problem problem = slip(RULE.replace("$open : Open( step == \"peace-treaty\" )", "$open : Open( step == \"peace-treaty\""));
    assertEquals("unbalanced_parenthesis", problem.code());
    assertEquals(11, problem.line());
    Problem extra = slip(RULE.replace("not Done( step == \"four-party-talks\" )", "not Done( step == \"four-party-talks\" ))"));
    assertEquals(12, extra.line());
    assertTrue(extra.message().contains("never opened"), extra.message());
  }

  @Test
  void a_file_cut_off_in_the_middle_of_a_rule_says_which_rule() {
    Problem problem = slip(RULE.substring(0, RULE.indexOf("then")));
    assertEquals("cut_off", problem.code());
    assertEquals(6, problem.line());
    assertTrue(problem.message().contains("the rule \"The treaty waits for the talks\", which starts on this line"),
        problem.message());
    Problem inText = slip(RULE.substring(0, RULE.indexOf("The talks first.") + 5));
    assertEquals(14, inText.line());
    assertTrue(inText.message().contains("never closed"), inText.message());
  }
}
