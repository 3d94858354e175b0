package org.peacepath.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** What replays keep ({@link ReplayAnswers}) stays within its bound, however many records are replayed. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReplayAnswersBoundTest {
  @Test
  void past_its_bound_the_tree_begins_afresh() {
    ReplayAnswers answers = new ReplayAnswers();
    ReplayAnswers.Place first = answers.start().remember("peace-declaration", true, List.of("declaration-first"));
    assertEquals(List.of("declaration-first"), answers.start().after("peace-declaration", true).blockedBy());
    assertNull(answers.start().after("peace-declaration", false), "counted or not, two records");
    first.remember("peace-mechanism", true, List.of());
    assertEquals(List.of(), first.after("peace-mechanism", true).blockedBy());
    int most = 0;
    for (int i = 0; i < ReplayAnswers.MAX_PLACES * 3; i++) {
      ReplayAnswers.Place place = answers.start();
      for (int k = 0; k < 5; k++) {
        place = place.remember("step-" + i + "-" + k, true, List.of());
      }
      most = Math.max(most, answers.size());
    }
    assertTrue(most <= ReplayAnswers.MAX_PLACES, "the most kept at once: " + most);
    assertTrue(most > ReplayAnswers.MAX_PLACES - 10, "kept up to the bound: " + most);
    assertNull(answers.start().after("peace-declaration", true), "what was kept before went with the full tree");
  }
}
