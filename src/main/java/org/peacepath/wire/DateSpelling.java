package org.peacepath.wire;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.peacepath.decide.RecordDate;

/** Reads a date written another way (2027/5/14, 14.05.2027, 2027-5) to suggest it as peacepath writes it. */
final class DateSpelling {
  private static final Pattern YEAR_FIRST = Pattern.compile("\\s*(\\d{4})(?:[-/. ](\\d{1,2})(?:[-/. ](\\d{1,2}))?)?\\s*");
  private static final Pattern DAY_FIRST = Pattern.compile("\\s*(\\d{1,2})[-/.](\\d{1,2})[-/.](\\d{4})\\s*");

  private DateSpelling() {}

  /** The date as {@code YYYY}, {@code YYYY-MM} or {@code YYYY-MM-DD}, or {@code null} when it cannot be read. */
  static String suggest(String text) {
    Matcher m = YEAR_FIRST.matcher(text);
    String candidate = null;
    if (m.matches()) {
      candidate = m.group(1) + (m.group(2) == null ? "" : "-" + pad(m.group(2)) + (m.group(3) == null ? "" : "-" + pad(m.group(3))));
    } else {
      m = DAY_FIRST.matcher(text);
      if (m.matches()) {
        candidate = m.group(3) + "-" + pad(m.group(2)) + "-" + pad(m.group(1));
      }
    }
    return candidate != null && !candidate.equals(text) && RecordDate.parse(candidate).isPresent() ? candidate : null;
  }

  private static String pad(String digits) {
    return digits.length() == 1 ? "0" + digits : digits;
  }
}
