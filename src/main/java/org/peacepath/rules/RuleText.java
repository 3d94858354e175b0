package org.peacepath.rules;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The characters of a rule file, held before anything parses it. The Java compiler reads a backslash
 * followed by {@code u} as the character it names before it reads anything else, in strings and comments
 * alike, so an escaped quote, newline or end of comment would let code hide where a reader (and the
 * rule-language check) sees text. A rule file may hold none, nor a NUL, a byte order mark, a control
 * character other than tab, carriage return and line feed, or a character that reorders the text on
 * screen: each is refused at its line, saying what to write instead.
 */
final class RuleText {
  private RuleText() {}

  /** What in the file's characters a rule file may not hold; empty when none. One problem a line at most. */
  static List<Problem> check(SourceFile file) {
    List<Problem> problems = new ArrayList<>();
    String text = file.text();
    int line = 1;
    int reported = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
        continue;
      }
      String why = null;
      if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == 'u') {
        why = unicodeEscape(text, i);
      } else if (c == 0xFEFF) {
        why = "holds a byte order mark (U+FEFF); save the file as UTF-8 without one";
      } else if (c == 0) {
        why = "holds a NUL character; a rule file is plain text";
      } else if (Character.getType(c) == Character.CONTROL && c != '\t' && c != '\r') {
        why = "holds the control character " + codePoint(c) + "; a rule file is plain text: tabs, line ends and the "
            + "characters you can see";
      } else if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F) {
        why = "holds the invisible direction mark " + codePoint(c) + ", which makes the text read otherwise than it"
            + " shows; delete it";
      }
      if (why != null && reported != line) {
        problems.add(new Problem("unsafe_rule", file.path(), line, why));
        reported = line;
      }
    }
    return problems;
  }

  /** Why the backslash at {@code i}, followed by {@code u}, is refused, and what to write instead. */
  private static String unicodeEscape(String text, int i) {
    int j = i + 1;
    while (j < text.length() && text.charAt(j) == 'u') {
      j++;
    }
    String written = text.substring(i, Math.min(text.length(), j + 4));
    String refused = "holds the unicode escape " + written + ", which the Java compiler reads as the character it"
        + " names before anything else, in text and comments alike; a rule file may hold none";
    if (j + 4 > text.length() || !text.substring(j, j + 4).matches("[0-9a-fA-F]{4}")) {
      return refused + " (a backslash followed by u always starts one): write the text without it";
    }
    char named = (char) HexFormat.fromHexDigits(text, j, j + 4);
    if (named == '\n' || named == '\r') {
      return refused + ": it names a line break; break the line itself, or write the text on one line";
    }
    if (named == '\t' || named == ' ') {
      return refused + ": it names a " + (named == ' ' ? "space" : "tab") + "; write the " + (named == ' ' ? "space" : "tab")
          + " itself";
    }
    if (Character.getType(named) == Character.CONTROL || Character.isWhitespace(named)
        || Character.getType(named) == Character.FORMAT || Character.isSurrogate(named)) {
      return refused + ": it names " + codePoint(named) + ", which a rule file does not hold; write the text without it";
    }
    return refused + ": write the character itself: " + named + " instead of " + written;
  }

  /** {@code U+00A0}. */
  private static String codePoint(char c) {
    return "U+" + HexFormat.of().withUpperCase().toHexDigits(c);
  }
}
