package org.peacepath.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * The tokens of a constraint or a consequence: words, numbers, strings and punctuation. A character that
 * no allowed expression uses (a backslash outside a string, a backtick, a {@code #}, a brace) is a token
 * of its own, so that the parser refuses it with a plain message.
 */
final class Tokens {
  enum Kind { WORD, NUMBER, STRING, SYMBOL, END }

  record Token(Kind kind, String text) {
    boolean is(String symbol) {
      return (kind == Kind.SYMBOL || kind == Kind.WORD) && text.equals(symbol);
    }
  }

  private final List<Token> tokens;
  private int at;

  private Tokens(List<Token> tokens) {
    this.tokens = tokens;
  }

  /** The tokens of {@code text}, comments left out; {@code null} when a string or comment is not closed. */
  static Tokens of(String text) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (text.startsWith("//", i)) {
        int end = text.indexOf('\n', i);
        i = end < 0 ? text.length() : end;
      } else if (text.startsWith("/*", i)) {
        int end = text.indexOf("*/", i + 2);
        if (end < 0) {
          return null;
        }
        i = end + 2;
      } else if (c == '"') {
        int j = i + 1;
        StringBuilder value = new StringBuilder();
        while (j < text.length() && text.charAt(j) != '"') {
          if (text.charAt(j) == '\\' && j + 1 < text.length()) {
            j++;
          }
          value.append(text.charAt(j));
          j++;
        }
        if (j >= text.length()) {
          return null;
        }
        tokens.add(new Token(Kind.STRING, value.toString()));
        i = j + 1;
      } else if (Character.isDigit(c)) {
        int j = i;
        while (j < text.length() && (Character.isDigit(text.charAt(j)) || text.charAt(j) == '.')) {
          j++;
        }
        tokens.add(new Token(Kind.NUMBER, text.substring(i, j)));
        i = j;
      } else if (Character.isJavaIdentifierStart(c)) {
        int j = i + 1;
        while (j < text.length() && Character.isJavaIdentifierPart(text.charAt(j))) {
          j++;
        }
        tokens.add(new Token(Kind.WORD, text.substring(i, j)));
        i = j;
      } else {
        tokens.add(new Token(Kind.SYMBOL, String.valueOf(c)));
        i++;
      }
    }
    tokens.add(new Token(Kind.END, ""));
    return new Tokens(tokens);
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
