package org.peacepath.decide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** A record's date as it is written in a request, and as an answer writes it back. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RecordDateTest {
  @Test
  void a_year_a_month_or_a_day_is_read_as_precisely_as_it_is_written_and_written_back_the_same() {
    assertEquals(Optional.of(new RecordDate(2027, 0, 0)), RecordDate.parse("2027"));
    assertEquals(Optional.of(new RecordDate(2027, 5, 0)), RecordDate.parse("2027-05"));
    assertEquals(Optional.of(new RecordDate(2027, 5, 14)), RecordDate.parse("2027-05-14"));
    assertEquals(Optional.of(new RecordDate(2028, 2, 29)), RecordDate.parse("2028-02-29"));
    for (String text : List.of("2027", "2027-05", "2027-05-14", "0999-01-01", "2030-12-31")) {
      assertEquals(text, RecordDate.parse(text).orElseThrow().toString());
    }
  }

  @Test
  void a_date_in_another_form_or_one_that_does_not_exist_is_not_a_date() {
    for (String text : List.of("", "27", "20270", "2027-5", "2027-05-1", "2027-13", "2027-00", "2027-05-00",
        "2027-02-29", "2027-04-31", "2027/05/14", "2027-05-14T00:00", "２０２７", "2027-0５", "-2027", "2027-05-")) {
      assertTrue(RecordDate.parse(text).isEmpty(), text);
    }
  }
}
