package org.peacepath.decide;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The date of a record, as precise as the record says: a year ({@code 2027}), a month ({@code 2027-05})
 * or a day ({@code 2027-05-14}).
 *
 * @param year the year
 * @param month the month from 1, or 0 when only the year is known
 * @param day the day from 1, or 0 when only the year or month is known
 */
public record RecordDate(int year, int month, int day) {
  /** The date written as {@code YYYY}, {@code YYYY-MM} or {@code YYYY-MM-DD}, if it is one that exists. */
  public static Optional<RecordDate> parse(String text) {
    // Read by hand, digit by digit: every dated record of every request is read here.
    int length = text.length();
    if (length != 4 && length != 7 && length != 10) {
      return Optional.empty();
    }
    int year = digits(text, 0, 4);
    int month = length >= 7 && text.charAt(4) == '-' ? digits(text, 5, 2) : length >= 7 ? -1 : 0;
    int day = length == 10 && text.charAt(7) == '-' ? digits(text, 8, 2) : length == 10 ? -1 : 0;
    if (year < 0 || month < 0 || day < 0 || (length >= 7 && month == 0) || (length == 10 && day == 0)) {
      return Optional.empty();
    }
    try {
      if (month != 0) {
        LocalDate.of(year, month, day == 0 ? 1 : day);
      }
    } catch (DateTimeException e) {
      return Optional.empty();
    }
    return Optional.of(new RecordDate(year, month, day));
  }

  /** The number the {@code count} ASCII digits from {@code from} spell, or -1 if one is not a digit. */
  private static int digits(String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
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
    StringBuilder text = new StringBuilder(10);
    pad(text, year, 4);
    if (month != 0) {
      pad(text.append('-'), month, 2);
      if (day != 0) {
        pad(text.append('-'), day, 2);
      }
    }
    return text.toString();
  }

  private static StringBuilder pad(StringBuilder text, int value, int width) {
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) {
      text.append('0');
    }
    return text.append(digits);
  }
}
