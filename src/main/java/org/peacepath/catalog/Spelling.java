package org.peacepath.catalog;

import java.util.Collection;
import java.util.Comparator;

/**
 * "Did you mean": the one rule for suggesting the word someone meant to type, and the one way of saying
 * it, for every message of the project (requests, rule files, the catalog, scenarios, the command line).
 */
public final class Spelling {
  private Spelling() {}

  /** The Levenshtein distance between two strings. */
  public static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /** Words longer than this get no suggestion: no step id, field or party is, and comparing costs their length squared. */
  static final int MAX_WORD = 64;

  /**
   * Whether {@code near} is close enough to {@code word} to be what was meant: a slip of a few letters, at
   * most one edit in three letters of the shorter of the two, and always two; or one of the words of a
   * longer id ("treaty" for "peace-treaty"). The one threshold.
   */
  public static boolean close(String word, String near) {
    int allowed = Math.max(2, Math.min(word.length(), near.length()) / 3);
    return word.length() <= MAX_WORD
        && (distance(word, near) <= allowed || java.util.Arrays.asList(near.split("-")).contains(word));
  }

  /** The candidate close enough to the word to be what was meant, if any: a slip of a few letters. */
  public static java.util.Optional<String> suggest(String word, Collection<String> candidates) {
    if (word.length() > MAX_WORD) {
      return java.util.Optional.empty();
    }
    String near = nearest(word, candidates);
    return close(word, near) && !near.equals(word) ? java.util.Optional.of(near) : java.util.Optional.empty();
  }

  /** How a message says a suggestion: {@code ; did you mean "peace-declaration"?}, or nothing when there is none. */
  public static String didYouMean(String near) {
    return near == null ? "" : "; did you mean \"" + near + "\"?";
  }

  /** As {@link #didYouMean(String)}, for a suggestion that may be absent. */
  public static String didYouMean(java.util.Optional<String> near) {
    return didYouMean(near.orElse(null));
  }

  /** The suggestion among {@code candidates} for {@code word}, said as a message says it, or nothing. */
  public static String didYouMean(String word, Collection<String> candidates) {
    return didYouMean(suggest(word, candidates));
  }

  /** The candidate nearest to the word; the first of equals wins (a word past {@link #MAX_WORD} is cut to it first). */
  private static String nearest(String word, Collection<String> candidates) {
    String cut = word.length() > MAX_WORD ? word.substring(0, MAX_WORD) : word;
    return nearestOf(cut, candidates);
  }

  private static String nearestOf(String word, Collection<String> candidates) {
    return candidates.stream().min(Comparator.comparingInt(c -> distance(word, c))).orElse(word);
  }

  /** Items as a person lists them: "a", "a and b", "a, b and c". */
  public static String and(java.util.List<String> items) {
    return items.size() <= 1 ? String.join("", items)
        : String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
  }
}
