package org.peacepath.decide;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The date of a record, as precise as the record says: a year ({@code 2027}), a month ({@code 2027-05})
 * or a day ({@code 2027-05-14}).
 *
 * @param year the year
 * @param month the month from 1, or 0 when only the year is known
 * @param day the day from 1, or 0 when only the year or month is known
 */
public record RecordDate(int year, int month, int day) {
  private static final Pattern FORM = Pattern.compile("(\\d{4})(?:-(\\d{2})(?:-(\\d{2}))?)?");

  /** The date written as {@code YYYY}, {@code YYYY-MM} or {@code YYYY-MM-DD}, if it is one that exists. */
  public static Optional<RecordDate> parse(String text) {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    int year = Integer.parseInt(m.group(1));
    int month = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
    int day = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    try {
      if (month != 0) {
        LocalDate.of(year, month, day == 0 ? 1 : day);
      }
    } catch (DateTimeException e) {
      return Optional.empty();
    }
    return Optional.of(new RecordDate(year, month, day));
  }

  /**
   * Whether this date is surely before {@code other}: earlier at the precision both dates share. A year
   * is not before a month of the same year, nor after it.
   */
  public boolean before(RecordDate other) {
    if (year != other.year) {
      return year < other.year;
    }
    if (month == 0 || other.month == 0 || month != other.month) {
      return month != 0 && other.month != 0 && month < other.month;
    }
    return day != 0 && other.day != 0 && day < other.day;
  }

  @Override
  @com.fasterxml.jackson.annotation.JsonValue
  public String toString() {
    return month == 0 ? String.format("%04d", year)
        : day == 0 ? String.format("%04d-%02d", year, month) : String.format("%04d-%02d-%02d", year, month, day);
  }
}
