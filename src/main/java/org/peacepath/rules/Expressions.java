package org.peacepath.rules;

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

  private final Tokens tokens;
  private final Map<String, Binding> scope;
  private final String factType;

  private Expressions(Tokens tokens, Map<String, Binding> scope, String factType) {
    this.tokens = tokens;
    this.scope = scope;
    this.factType = factType;
  }

  /** Checks a value a constraint of a pattern over {@code factType} compares: a field, a variable, a literal, arithmetic. */
  static void value(String text, Map<String, Binding> scope, String factType) throws Refused {
    Tokens tokens = Tokens.of(text);
    if (tokens == null) {
      throw new Refused("\"" + text + "\" has a string or comment that is not closed");
    }
    Expressions reader = new Expressions(tokens, scope, factType);
    reader.arithmetic();
    if (!tokens.atEnd()) {
      throw new Refused("\"" + text + "\" is more than a constraint may say: compare a field of the fact with text, "
          + "numbers, bound variables and arithmetic (+ - * /), nothing else");
    }
  }

  /** Checks a consequence: only {@code insert( new Blocked|Caution|Advisory( … ) );} statements. */
  static void consequence(String text, Map<String, Binding> scope) throws Refused {
    Tokens tokens = Tokens.of(text);
    if (tokens == null) {
      throw new Refused("what the rule does after \"then\" has a string or comment that is not closed");
    }
    Expressions reader = new Expressions(tokens, scope, null);
    while (!tokens.atEnd()) {
      reader.insert();
    }
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
    arguments(finding);
    expect(")", "insert");
    expect(";", "insert( … )");
  }

  private void arguments(String callee) throws Refused {
    if (tokens.accept(")")) {
      return;
    }
    do {
      arithmetic();
    } while (tokens.accept(","));
    expect(")", callee);
  }

  private void arithmetic() throws Refused {
    term();
    while (tokens.peek().is("+") || tokens.peek().is("-") || tokens.peek().is("*") || tokens.peek().is("/")
        || tokens.peek().is("%")) {
      tokens.next();
      term();
    }
  }

  private void term() throws Refused {
    Tokens.Token token = tokens.next();
    switch (token.kind()) {
      case NUMBER, STRING -> { }
      case WORD -> word(token.text());
      case SYMBOL -> {
        if (token.is("(")) {
          arithmetic();
          expect(")", "a bracket");
        } else if (token.is("-")) {
          term();
        } else {
          throw new Refused("\"" + token.text() + "\" is not allowed in a rule: use text, numbers, fact fields, "
              + "bound variables and + - * /");
        }
      }
      case END -> throw new Refused("a value is missing at the end");
    }
  }

  private void word(String word) throws Refused {
    if (List.of("null", "true", "false").contains(word)) {
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
      if (tokens.accept(",")) {
        do {
          arithmetic();
        } while (tokens.accept(","));
      }
      expect(")", "String.format");
      return;
    }
    Binding bound = scope.get(word);
    if (bound != null) {
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
    if (call) {
      tokens.next();
      expect(")", variable + "." + member + "(");
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
