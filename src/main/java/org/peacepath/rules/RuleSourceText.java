package org.peacepath.rules;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads DRL as text, before anything compiles it: where its strings and comments end, where a bracket
 * closes, its rules by name, the numbers its conditions name.
 */
public final class RuleSourceText {
  private RuleSourceText() {}

  /** The rules of the revision's DRL, by name, each its text from {@code rule} to {@code end}; {@code null} if unclear. */
  static Map<String, String> rulesByName(RuleSet ruleSet) {
    Map<String, String> rules = new LinkedHashMap<>();
    for (SourceFile file : ruleSet.compiled()) {
      String text = file.text();
      int i = 0;
      while (i < text.length()) {
        int skip = skipped(text, i);
        if (skip > i) {
          i = skip;
          continue;
        }
        if (!Character.isJavaIdentifierStart(text.charAt(i))) {
          i++;
          continue;
        }
        int j = word(text, i);
        String word = text.substring(i, j);
        if (word.equals("package") || word.equals("import")) {
          int end = text.indexOf(';', j);
          int line = text.indexOf('\n', j);
          i = end < 0 ? text.length() : line >= 0 && line < end ? line : end + 1;
        } else if (word.equals("rule")) {
          int name = j;
          while (name < text.length() && Character.isWhitespace(text.charAt(name))) {
            name++;
          }
          int nameEnd = name < text.length() ? skipped(text, name) : name;
          if (nameEnd == name || (text.charAt(name) != '"' && text.charAt(name) != '\'')) {
            return null;
          }
          int end = endOfRule(text, nameEnd);
          if (end < 0) {
            return null;
          }
          String key = unquoted(text.substring(name, nameEnd));
          if (ruleSet.rule(key).isEmpty() || rules.put(key, text.substring(i, end)) != null) {
            return null;
          }
          i = end;
        } else {
          return null; // nothing but package, imports and rules is expected
        }
      }
    }
    return rules.size() == ruleSet.rules().size() ? rules : null;
  }

  /** Just past the {@code end} that closes the rule whose name ends at {@code from}, or -1. */
  private static int endOfRule(String text, int from) {
    boolean then = false;
    int i = from;
    while (i < text.length()) {
      int skip = skipped(text, i);
      if (skip > i) {
        i = skip;
        continue;
      }
      if (Character.isJavaIdentifierStart(text.charAt(i)) && (i == 0 || !Character.isJavaIdentifierPart(text.charAt(i - 1)))) {
        int j = word(text, i);
        String word = text.substring(i, j);
        if (word.equals("then")) {
          then = true;
        } else if (then && word.equals("end")) {
          return j;
        } else if (word.equals("rule")) {
          return -1;
        }
        i = j;
      } else {
        i++;
      }
    }
    return -1;
  }

  /** Just past the identifier that starts at {@code i}. */
  private static int word(String text, int i) {
    int j = i + 1;
    while (j < text.length() && Character.isJavaIdentifierPart(text.charAt(j))) {
      j++;
    }
    return j;
  }

  /** A DRL string's value, as the parser reads it. */
  static String unquoted(String literal) {
    StringBuilder value = new StringBuilder();
    for (int i = 1; i < literal.length() - 1; i++) {
      char c = literal.charAt(i);
      if (c == '\\' && i + 1 < literal.length() - 1) {
        c = literal.charAt(++i);
        switch (c) {
          case 'n' -> value.append('\n');
          case 't' -> value.append('\t');
          case 'r' -> value.append('\r');
          default -> value.append(c);
        }
      } else {
        value.append(c);
      }
    }
    return value.toString();
  }

  /**
   * The largest whole number that a condition of the revision's rules names ({@code count >= 3}, {@code
   * $signed + 1}); 0 when none does. A count compared with {@code n} answers the same past {@code n + 1}.
   */
  public static int largestNumberInConditions(RuleSet ruleSet) {
    int largest = 0;
    for (SourceFile file : ruleSet.compiled()) {
      String text = file.text();
      boolean conditions = false;
      int i = 0;
      while (i < text.length()) {
        int skip = skipped(text, i);
        if (skip > i) {
          i = skip;
          continue;
        }
        char c = text.charAt(i);
        if (Character.isJavaIdentifierStart(c)) {
          int j = word(text, i);
          String word = text.substring(i, j);
          if (word.equals("when")) {
            conditions = true;
          } else if (word.equals("then") || word.equals("end") || word.equals("rule")) {
            conditions = false;
          }
          i = j;
        } else if (Character.isDigit(c)) {
          int j = i;
          while (j < text.length() && Character.isDigit(text.charAt(j))) {
            j++;
          }
          if (conditions) {
            largest = Math.max(largest, j - i > 6 ? Integer.MAX_VALUE : Integer.parseInt(text.substring(i, j)));
          }
          while (j < text.length() && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '.')) {
            j++;
          }
          i = j;
        } else {
          i++;
        }
      }
    }
    return largest;
  }

  /** Where a string or comment starting at {@code i} ends (just past it), or {@code i} when none starts there. */
  static int skipped(String text, int i) {
    char c = text.charAt(i);
    if (c == '/' && text.startsWith("//", i)) {
      int end = text.indexOf('\n', i);
      return end < 0 ? text.length() : end;
    }
    if (c == '/' && text.startsWith("/*", i)) {
      int end = text.indexOf("*/", i + 2);
      return end < 0 ? text.length() : end + 2;
    }
    if (c == '"' || c == '\'') {
      int j = i + 1;
      while (j < text.length() && text.charAt(j) != c) {
        j += text.charAt(j) == '\\' ? 2 : 1;
      }
      return Math.min(j + 1, text.length());
    }
    return i;
  }

  /** The index of the bracket that closes the one at {@code open}, or -1. */
  static int closing(String text, int open) {
    int depth = 0;
    int i = open;
    while (i < text.length()) {
      int skip = skipped(text, i);
      if (skip > i) {
        i = skip;
        continue;
      }
      char c = text.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
      i++;
    }
    return -1;
  }
}
