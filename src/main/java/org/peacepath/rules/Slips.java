package org.peacepath.rules;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The slips that make a rule file unreadable, said in the words of the person who made them, at the line
 * where they are: quotation marks an editor turned curly, a parenthesis never closed (or closed twice), a
 * file cut off in the middle of a rule. Drools' parser sees each of them only where it gives up ("no viable
 * alternative at input", "mismatched input '<EOF>'", often lines later); this reads the file as a person
 * would, before the parser's words are shown.
 */
final class Slips {
  private Slips() {}

  /** The first slip in the file, if it has one of those this knows. */
  static Optional<Problem> find(SourceFile file) {
    String text = file.text();
    int line = 1;
    boolean inString = false;
    int stringLine = 0;
    boolean inBlockComment = false;
    Deque<int[]> open = new ArrayDeque<>(); // each: line of a "(" not yet closed
    String rule = null;
    int ruleLine = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      char next = i + 1 < text.length() ? text.charAt(i + 1) : '\0';
      if (c == '\n') {
        line++;
        continue;
      }
      if (inBlockComment) {
        if (c == '*' && next == '/') {
          inBlockComment = false;
          i++;
        }
        continue;
      }
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
        continue;
      }
      if (c == '/' && next == '/') {
        int end = text.indexOf('\n', i);
        i = (end < 0 ? text.length() : end) - 1;
        continue;
      }
      if (c == '/' && next == '*') {
        inBlockComment = true;
        i++;
        continue;
      }
      if (c == '"') {
        inString = true;
        stringLine = line;
        continue;
      }
      if (c == '\u201C' || c == '\u201D' || c == '\u201E') {
        return Optional.of(new Problem("curly_quotes", file.path(), line, "this line has a curly quotation mark "
            + c + " where DRL needs a straight one (\"): an editor or word processor turned it; retype the quotation"
            + " marks around the text as \" (curly ones may stay inside the text, as the source has them)"));
      }
      if (c == '(') {
        open.push(new int[] {line});
      } else if (c == ')') {
        if (open.isEmpty()) {
          return Optional.of(new Problem("unbalanced_parenthesis", file.path(), line, "this line closes a"
              + " parenthesis ) that was never opened; remove it, or add the ( it belongs to"));
        }
        open.pop();
      }
      if (startsWord(text, i, "rule") && (i + 4 < text.length()) && Character.isWhitespace(text.charAt(i + 4))) {
        if (!open.isEmpty()) {
          return unclosed(file, open.getLast()[0]);
        }
        rule = name(text, i + 4);
        ruleLine = line;
      } else if (startsWord(text, i, "then") || startsWord(text, i, "end")) {
        if (!open.isEmpty()) {
          return unclosed(file, open.getLast()[0]);
        }
        if (startsWord(text, i, "end")) {
          rule = null;
        }
      }
    }
    if (inString) {
      return Optional.of(new Problem("cut_off", file.path(), stringLine, "a text opened with \" on this line is"
          + " never closed: the file ends inside it; close it with \" (if the file was cut off while saving,"
          + " save it again)"));
    }
    if (!open.isEmpty()) {
      return unclosed(file, open.getLast()[0]);
    }
    if (rule != null) {
      return Optional.of(new Problem("cut_off", file.path(), ruleLine, "the file ends in the middle of the rule "
          + rule + ", which starts on this line and has no \"end\": if the file was cut off while saving, save it"
          + " again; otherwise finish the rule and close it with end"));
    }
    return Optional.empty();
  }

  private static Optional<Problem> unclosed(SourceFile file, int line) {
    return Optional.of(new Problem("unbalanced_parenthesis", file.path(), line, "a parenthesis ( opened on this"
        + " line is never closed; add the ) that closes it"));
  }

  /** Whether the word starts at {@code i}, on its own. */
  private static boolean startsWord(String text, int i, String word) {
    if (!text.startsWith(word, i)) {
      return false;
    }
    boolean before = i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)) && text.charAt(i - 1) != '$'
        && text.charAt(i - 1) != '.';
    int after = i + word.length();
    return before && (after >= text.length() || !Character.isLetterOrDigit(text.charAt(after)));
  }

  /** The rule's name as written after {@code rule}: "\"A sentence\"", or the word. */
  private static String name(String text, int from) {
    int start = from;
    while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    int end = text.indexOf('\n', start);
    return text.substring(start, end < 0 ? text.length() : end).strip();
  }
}
