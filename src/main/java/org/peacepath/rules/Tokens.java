package org.peacepath.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * The tokens of a constraint or a consequence: words, numbers, strings and punctuation. A character that
 * no allowed expression uses (a backslash outside a string, a backtick, a {@code #}, a brace, a letter
 * outside ASCII) is a token of its own, so that the parser refuses it with a plain message.
 *
 * <p>A string is read as the Java compiler would read it, and kept as its value: {@code \"} and
 * {@code \\} are the only escapes it may hold, so that the value checked is the value compiled. Any other
 * escape ({@code \n}, an octal {@code \045}) is refused. (Unicode escapes never reach here: the file is
 * refused before it is parsed, see {@link RuleText}.)
 */
final class Tokens {
  enum Kind { WORD, NUMBER, STRING, SYMBOL, END }

  /** A token; {@code text} is a string's value without quotes or escapes; {@code offset} where it starts in the text. */
  record Token(Kind kind, String text, int offset) {
    boolean is(String symbol) {
      return (kind == Kind.SYMBOL || kind == Kind.WORD) && text.equals(symbol);
    }
  }

  private final List<Token> tokens;
  private int at;

  private Tokens(List<Token> tokens) {
    this.tokens = tokens;
  }

  /** The tokens of {@code text}, comments left out; refused when a string or comment is not closed or a string holds an escape. */
  static Tokens of(String text) throws Expressions.Refused {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        i++;
      } else if (text.startsWith("//", i)) {
        int end = text.indexOf('\n', i);
        i = end < 0 ? text.length() : end;
      } else if (text.startsWith("/*", i)) {
        int end = text.indexOf("*/", i + 2);
        if (end < 0) {
          throw new Expressions.Refused("a comment opened with /* is not closed with */");
        }
        i = end + 2;
      } else if (c == '"') {
        int j = i + 1;
        StringBuilder value = new StringBuilder();
        while (j < text.length() && text.charAt(j) != '"') {
          char d = text.charAt(j);
          if (d == '\n' || d == '\r') {
            throw new Expressions.Refused("text in quotes must close on the line it opens");
          }
          if (d == '\\') {
            char next = j + 1 < text.length() ? text.charAt(j + 1) : ' ';
            if (next != '"' && next != '\\') {
              throw new Expressions.Refused("text in quotes may hold no escape but \\\" and \\\\; write the character "
                  + "itself, not \\" + next);
            }
            j++;
            d = next;
          }
          value.append(d);
          j++;
        }
        if (j >= text.length()) {
          throw new Expressions.Refused("text in quotes is not closed");
        }
        tokens.add(new Token(Kind.STRING, value.toString(), i));
        i = j + 1;
      } else if (digit(c)) {
        int j = i;
        while (j < text.length() && (digit(text.charAt(j)) || text.charAt(j) == '.')) {
          j++;
        }
        tokens.add(new Token(Kind.NUMBER, text.substring(i, j), i));
        i = j;
      } else if (wordStart(c)) {
        int j = i + 1;
        while (j < text.length() && (wordStart(text.charAt(j)) || digit(text.charAt(j)))) {
          j++;
        }
        tokens.add(new Token(Kind.WORD, text.substring(i, j), i));
        i = j;
      } else {
        int end = Character.isHighSurrogate(c) && i + 1 < text.length() ? i + 2 : i + 1;
        tokens.add(new Token(Kind.SYMBOL, text.substring(i, end), i));
        i = end;
      }
    }
    tokens.add(new Token(Kind.END, "", text.length()));
    return new Tokens(tokens);
  }

  /** Whether {@code word} is spelt as a word of a rule: ASCII letters, digits, {@code _} and {@code $}. */
  static boolean isWord(String word) {
    if (word == null || word.isEmpty() || !wordStart(word.charAt(0))) {
      return false;
    }
    for (int i = 1; i < word.length(); i++) {
      if (!wordStart(word.charAt(i)) && !digit(word.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean wordStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
  }

  Token peek() {
    return tokens.get(at);
  }

  Token next() {
    Token token = tokens.get(at);
    if (token.kind() != Kind.END) {
      at++;
    }
    return token;
  }

  boolean accept(String symbol) {
    if (peek().is(symbol)) {
      next();
      return true;
    }
    return false;
  }

  boolean atEnd() {
    return peek().kind() == Kind.END;
  }
}
