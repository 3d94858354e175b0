package org.peacepath.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One threshold and one sentence for "did you mean", everywhere. */
class SpellingTest {
  static final List<String> STEPS = List.of("peace-declaration", "peace-mechanism", "peace-treaty", "normalization");

  @Test
  void a_slip_of_a_few_letters_is_suggested() {
    assertEquals(Optional.of("peace-declaration"), Spelling.suggest("peace-declartion", STEPS));
    assertEquals(Optional.of("peace-treaty"), Spelling.suggest("peace-traety", STEPS));
  }

  @Test
  void a_word_far_from_every_candidate_gets_no_suggestion() {
    assertEquals(Optional.empty(), Spelling.suggest("armistice", STEPS));
    assertEquals("", Spelling.didYouMean("armistice", STEPS));
  }

  @Test
  void the_threshold_is_one_edit_in_three_letters_and_always_two() {
    assertEquals(true, Spelling.close("ab", "xy"));
    assertEquals(false, Spelling.close("abc", "xyz"));
    assertEquals(true, Spelling.close("normalisaton", "normalization"));
    assertEquals(true, Spelling.close("treaty", "peace-treaty"));
    assertEquals(false, Spelling.close("treat", "peace-treaty"));
  }

  @Test
  void a_suggestion_is_said_the_same_way_everywhere() {
    assertEquals("; did you mean \"peace-treaty\"?", Spelling.didYouMean("peace-treat", STEPS));
    assertEquals("; did you mean \"sigal/\"?", Spelling.didYouMean("sigal/"));
    assertEquals("", Spelling.didYouMean((String) null));
  }
}
