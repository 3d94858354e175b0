package org.peacepath.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the two kinds of code a rule holds — the values a constraint compares, and the consequence —
 * and accepts only what the rule language allows: fact fields, bound variables, literals and
 * arithmetic; and a consequence that inserts findings built from those and {@code String.format}.
 * Anything else (a method call, {@code new} of another class, a static field) is refused with a
 * sentence saying what is allowed.
 *
 * <p>What it accepts it prints anew, token by token, as the text Drools compiles: strings quoted again
 * from their values, numbers as plain digits, no comments, one space where a space is needed. So the
 * code that runs is the code that was read here, whatever the file's own spelling of it.
 */
final class Expressions {
  /** What a bound variable stands for: a whole fact of a type, or one value read from a fact. */
  record Binding(String factType) {
    boolean isFact() {
      return factType != null;
    }
  }

  /** A format specifier {@code String.format} may use: a number or text, at most two digits wide. */
  private static final Pattern FORMAT_SPEC = Pattern.compile("%(?:%|n|-?\\d{0,2}(?:\\.\\d{1,2})?[dsf])");
  private static final Pattern ANY_SPEC = Pattern.compile("%[^a-zA-Z%]*[a-zA-Z%]");

  /** Thrown with the sentence to report. */
  static final class Refused extends Exception {
    Refused(String message) {
      super(message, null, false, false);
    }
  }

  /** A statement of a consequence as printed, and where its first token stands in the consequence's text. */
  record Statement(int offset, String text) {}

  /** A number as a rule may write it: digits, and at most one decimal point with digits after it. */
  private static final Pattern NUMBER = Pattern.compile("(?:0|[1-9]\\d{0,8})(?:\\.\\d{1,9})?");

  private final Tokens tokens;
  private final Map<String, Binding> scope;
  private final String factType;
  private final StringBuilder out = new StringBuilder();

  private Expressions(Tokens tokens, Map<String, Binding> scope, String factType) {
    this.tokens = tokens;
    this.scope = scope;
    this.factType = factType;
  }

  /**
   * Checks a value a constraint of a pattern over {@code factType} compares: a field, a variable, a literal,
   * arithmetic. Returns it as printed for Drools.
   */
  static String value(String text, Map<String, Binding> scope, String factType) throws Refused {
    Tokens tokens;
    try {
      tokens = Tokens.of(text);
    } catch (Refused e) {
      throw new Refused("\"" + text + "\": " + e.getMessage());
    }
    Expressions reader = new Expressions(tokens, scope, factType);
    reader.arithmetic();
    if (!tokens.atEnd()) {
      throw new Refused("\"" + text + "\" is more than a constraint may say: compare a field of the fact with text, "
          + "numbers, bound variables and arithmetic (+ - * /), nothing else");
    }
    return reader.out.toString();
  }

  /**
   * Checks a consequence: only {@code insert( new Blocked|Caution|Advisory( … ) );} statements. Returns them
   * as printed for Drools, one by one, each with where it starts in {@code text}.
   */
  static List<Statement> consequence(String text, Map<String, Binding> scope) throws Refused {
    Tokens tokens;
    try {
      tokens = Tokens.of(text);
    } catch (Refused e) {
      throw new Refused("after \"then\": " + e.getMessage());
    }
    Expressions reader = new Expressions(tokens, scope, null);
    List<Statement> statements = new ArrayList<>();
    while (!tokens.atEnd()) {
      int offset = tokens.peek().offset();
      int from = reader.out.length();
      reader.insert();
      statements.add(new Statement(offset, reader.out.substring(from)));
    }
    return statements;
  }

  /** {@code value} as a string literal of Java and MVEL alike: in double quotes, with only {@code "} and {@code \} escaped. */
  static String quote(String value) {
    StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        quoted.append('\\');
      }
      quoted.append(c);
    }
    return quoted.append('"').toString();
  }

  private void insert() throws Refused {
    Tokens.Token first = tokens.peek();
    if (!first.is("insert")) {
      throw new Refused("after \"then\" a rule may only insert a finding, as in insert( new Blocked( … ) ); "
          + "\"" + first.text() + "\" is not allowed there");
    }
    tokens.next();
    expect("(", "insert");
    if (!tokens.accept("new")) {
      throw new Refused("insert( … ) takes a new finding: new Blocked( … ), new Caution( … ) or new Advisory( … )");
    }
    String finding = tokens.next().text();
    if (!FactTypes.FINDINGS.contains(finding)) {
      throw new Refused("a rule may insert only Blocked, Caution or Advisory, not \"" + finding + "\"");
    }
    expect("(", finding);
    out.append("insert(new ").append(finding).append('(');
    arguments(finding);
    expect(")", "insert");
    expect(";", "insert( … )");
    out.append("));");
  }

  private void arguments(String callee) throws Refused {
    if (tokens.accept(")")) {
      return;
    }
    do {
      arithmetic();
    } while (comma());
    expect(")", callee);
  }

  /** Takes a comma between arguments, if one comes next, and prints it. */
  private boolean comma() {
    if (tokens.accept(",")) {
      out.append(", ");
      return true;
    }
    return false;
  }

  private void arithmetic() throws Refused {
    term();
    while (tokens.peek().is("+") || tokens.peek().is("-") || tokens.peek().is("*") || tokens.peek().is("/")
        || tokens.peek().is("%")) {
      out.append(' ').append(tokens.next().text()).append(' ');
      term();
    }
  }

  private void term() throws Refused {
    Tokens.Token token = tokens.next();
    switch (token.kind()) {
      case NUMBER -> out.append(number(token.text()));
      case STRING -> out.append(quote(token.text()));
      case WORD -> word(token.text());
      case SYMBOL -> {
        if (token.is("(")) {
          out.append('(');
          arithmetic();
          expect(")", "a bracket");
          out.append(')');
        } else if (token.is("-")) {
          out.append('-');
          if (tokens.peek().is("-")) {
            out.append(' '); // "- -x", never the decrement "--x"
          }
          term();
        } else {
          throw new Refused("\"" + token.text() + "\" is not allowed in a rule: use text, numbers, fact fields, "
              + "bound variables and + - * /");
        }
      }
      case END -> throw new Refused("a value is missing at the end");
    }
  }

  /** A number as printed: refused unless plain digits, with no leading zero (which Java reads as octal). */
  private static String number(String text) throws Refused {
    if (!NUMBER.matcher(text).matches()) {
      throw new Refused("\"" + text + "\" is not a number a rule may write: write digits, at most nine before and "
          + "nine after one decimal point, with no leading zero");
    }
    return text;
  }

  private void word(String word) throws Refused {
    if (List.of("null", "true", "false").contains(word)) {
      out.append(word);
      return;
    }
    if (word.equals("String") && tokens.peek().is(".")) {
      tokens.next();
      if (!tokens.next().is("format") || !tokens.accept("(")) {
        throw new Refused("of String, a rule may use String.format( \"…\", … ) and nothing else");
      }
      Tokens.Token format = tokens.next();
      if (format.kind() != Tokens.Kind.STRING) {
        throw new Refused("String.format takes its pattern as text in quotes first");
      }
      Matcher spec = ANY_SPEC.matcher(format.text());
      while (spec.find()) {
        if (!FORMAT_SPEC.matcher(spec.group()).matches()) {
          throw new Refused("String.format may use %d, %s, %f, %n and %% (at most two digits wide), not \""
              + spec.group() + "\"");
        }
      }
      out.append("String.format(").append(quote(format.text()));
      if (comma()) {
        do {
          arithmetic();
        } while (comma());
      }
      expect(")", "String.format");
      out.append(')');
      return;
    }
    Binding bound = scope.get(word);
    if (bound != null) {
      out.append(word);
      if (tokens.peek().is(".")) {
        tokens.next();
        String field = tokens.next().text();
        if (!bound.isFact()) {
          throw new Refused(word + " holds a value, not a fact: use " + word + " itself, not " + word + "." + field);
        }
        accessor(word, bound.factType(), field);
      }
      return;
    }
    if (word.startsWith("$")) {
      throw new Refused(word + " is not bound in this rule: bind it in a pattern first, as in " + word + " : Open( … )");
    }
    if (factType != null && FactTypes.FACTS.get(factType).contains(word)) {
      if (tokens.peek().is(".") || tokens.peek().is("(")) {
        throw new Refused("a field is compared as it is: write " + word + ", not a call or a field of it");
      }
      out.append(word);
      return;
    }
    if (tokens.peek().is("(") || tokens.peek().is(".")) {
      throw new Refused("\"" + word + "\" is a call to Java, which a rule may not make: compare fact fields with "
          + "text, numbers, bound variables and arithmetic");
    }
    throw new Refused("\"" + word + "\" is neither a field of " + (factType == null ? "a fact" : factType + " ("
        + String.join(", ", FactTypes.FACTS.get(factType)) + ")") + " nor a variable bound in this rule");
  }

  /** {@code $open.step}, {@code $open.step()} or {@code $open.getStep()}. */
  private void accessor(String variable, String type, String member) throws Refused {
    List<String> fields = FactTypes.FACTS.get(type);
    String field = member;
    boolean call = tokens.peek().is("(");
    if (call && member.startsWith("get") && member.length() > 3) {
      field = Character.toLowerCase(member.charAt(3)) + member.substring(4);
    } else if (call && member.startsWith("is") && member.length() > 2) {
      field = Character.toLowerCase(member.charAt(2)) + member.substring(3);
    }
    if (!fields.contains(field) && !fields.contains(member)) {
      throw new Refused(variable + " is " + type + ", whose fields are " + String.join(", ", fields) + "; \""
          + member + "\" is not one of them");
    }
    out.append('.').append(member);
    if (call) {
      tokens.next();
      expect(")", variable + "." + member + "(");
      out.append("()");
    }
    if (tokens.peek().is(".")) {
      throw new Refused("a rule may read " + variable + "." + field + " but call nothing on it");
    }
  }

  private void expect(String symbol, String after) throws Refused {
    if (!tokens.accept(symbol)) {
      Tokens.Token got = tokens.peek();
      throw new Refused("expected \"" + symbol + "\" in " + after + ", but found "
          + (got.kind() == Tokens.Kind.END ? "the end" : "\"" + got.text() + "\""));
    }
  }
}
