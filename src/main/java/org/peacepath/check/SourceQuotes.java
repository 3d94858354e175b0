package org.peacepath.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.peacepath.catalog.Step;
import org.peacepath.rules.Problem;
import org.peacepath.rules.RuleInfo;
import org.peacepath.rules.RuleSet;
import org.peacepath.rules.SourceFile;

/**
 * Holds every quote to the source text: each {@code @source} of a rule, each {@code source} of a catalog
 * step, and the {@code simultaneousSource} of the rule set's manifest, part by part (parts joined by "…"), must appear in it word for word, white space aside.
 * A quote that does not is reported at its file and line with the nearest passage of the source, so an
 * editor sees at once which words differ.
 */
public final class SourceQuotes {
  /** How quote parts are joined. */
  public static final String ELLIPSIS = "\u2026";

  private final String text;
  private final String[] words;

  /** A check against the source text given. */
  public SourceQuotes(String sourceText) {
    this.text = normalize(sourceText);
    this.words = text.split(" ");
  }

  /** The quotes of the rule set's rules and catalog that do not appear in the source. */
  public List<Problem> check(RuleSet ruleSet) {
    List<Problem> problems = new ArrayList<>();
    for (RuleInfo rule : ruleSet.rules().values()) {
      for (String part : parts(rule.source())) {
        if (!text.contains(part)) {
          problems.add(new Problem("source_mismatch", rule.file(), rule.line(), "the @source of the rule \""
              + rule.id() + "\" is not word for word in the source: \"" + part + "\"; " + nearestSaid(part)));
        }
      }
    }
    SourceFile catalog = ruleSet.files().get(0);
    for (Step step : ruleSet.catalog().steps()) {
      for (String part : parts(step.source())) {
        if (!text.contains(part)) {
          problems.add(new Problem("source_mismatch", catalog.path(), lineOf(catalog.text(), step.id()),
              "the source of step " + step.id() + " is not word for word in the source: \"" + part
                  + "\"; " + nearestSaid(part)));
        }
      }
    }
    SourceFile manifest = ruleSet.files().get(1);
    for (String part : parts(ruleSet.simultaneousSource())) {
      if (!text.contains(part)) {
        problems.add(new Problem("source_mismatch", manifest.path(), lineOf(manifest.text(), "simultaneousSource"),
            "the simultaneousSource of rule set " + ruleSet.name() + " is not word for word in the source: \"" + part
                + "\"; " + nearestSaid(part)));
      }
    }
    return problems;
  }

  /** The parts of a quote, each with its white space normalized. */
  static List<String> parts(String quote) {
    return Arrays.stream(quote.split(ELLIPSIS)).map(SourceQuotes::normalize).filter(p -> !p.isEmpty()).toList();
  }

  /** Curly quotation marks, apostrophes and dashes as their plain forms, one character for one. */
  static String fold(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out.append(switch (c) {
        case '\u2018', '\u2019', '\u201B', '\u2032' -> '\'';
        case '\u201C', '\u201D', '\u201F', '\u2033' -> '"';
        case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015' -> '-';
        default -> c;
      });
    }
    return out.toString();
  }

  /** White space of any kind, in any run, as one space. */
  static String normalize(String text) {
    return text.replaceAll("[\\s\\u00a0]+", " ").trim();
  }

  /**
   * "the nearest passage there is "…"", and where the quote first differs from it, character by character:
   * a straight ' where the source has a curly ’ is the commonest slip, and the hardest to see.
   */
  String nearestSaid(String part) {
    String passage = nearest(part);
    int at = 0;
    while (at < part.length() && at < passage.length() && part.charAt(at) == passage.charAt(at)) {
      at++;
    }
    String said = "the nearest passage there is \"" + passage + "\"";
    if (at >= part.length() && at >= passage.length()) {
      return said;
    }
    int from = Math.max(0, part.lastIndexOf(' ', Math.max(0, at - 1)) + 1);
    int to = part.indexOf(' ', at);
    String word = part.substring(from, to < 0 ? part.length() : to);
    return said + "; they first differ in \"" + word + "\": the quote has " + character(part, at)
        + " where the source has " + character(passage, at);
  }

  /** The character at {@code at}, with its code point and name: "' (U+0027 apostrophe)", or "nothing more". */
  private static String character(String text, int at) {
    if (at >= text.length()) {
      return "nothing more";
    }
    int c = text.codePointAt(at);
    String name = Character.getName(c);
    return new String(Character.toChars(c)) + " (U+" + String.format("%04X", c)
        + (name == null ? "" : " " + name.toLowerCase(java.util.Locale.ROOT)) + ")";
  }

  /**
   * The passage of the source the part was meant to quote: where it appears once its quotation marks and
   * dashes are folded to plain ones (the slip is then only in those), or else the passage, as many words long
   * as the part, that differs from it in the fewest words.
   */
  String nearest(String part) {
    int folded = fold(text).indexOf(fold(part));
    if (folded >= 0) {
      return text.substring(folded, folded + part.length());
    }
    String[] quoted = part.split(" ");
    int n = Math.min(quoted.length, words.length);
    int best = Integer.MAX_VALUE;
    int at = 0;
    for (int i = 0; i + n <= words.length; i++) {
      int distance = distance(quoted, words, i, n, best);
      if (distance < best) {
        best = distance;
        at = i;
      }
    }
    return String.join(" ", Arrays.copyOfRange(words, at, at + n));
  }

  /** Word-level edit distance between the quote and {@code n} words of the source from {@code from}; stops past {@code bound}. */
  private static int distance(String[] quote, String[] source, int from, int n, int bound) {
    int[] previous = new int[n + 1];
    int[] current = new int[n + 1];
    for (int j = 0; j <= n; j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= quote.length; i++) {
      current[0] = i;
      int rowMin = current[0];
      for (int j = 1; j <= n; j++) {
        int cost = quote[i - 1].equals(source[from + j - 1]) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
        rowMin = Math.min(rowMin, current[j]);
      }
      if (rowMin >= bound) {
        return bound;
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[n];
  }

  /** The line of the catalog entry with this id, or of the manifest field of this name; 1 when there is none. */
  private static int lineOf(String text, String id) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].trim();
      if (line.equals("- id: " + id) || line.equals("id: " + id) || line.startsWith(id + ":")) {
        return i + 1;
      }
    }
    return 1;
  }
}
