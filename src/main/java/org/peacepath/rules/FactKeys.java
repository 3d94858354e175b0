package org.peacepath.rules;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which facts some rule can match, read from the rules' printed text: a pattern {@code Done( step ==
 * "peace-declaration" )} can match only the {@code Done} of that step, {@code Tally( kind ==
 * "interim-agreement", … )} only that kind's tally, {@code Open( (step == "a" || step == "b") )} only those
 * two steps' {@code Open}. A fact that no pattern can match changes no rule's matches, so a session that
 * walks from record to record need not insert it, update it or take it away.
 *
 * <p>A record ({@code Recorded}) may be named by its status as well: {@code Recorded( status != "in-force" )}
 * can match no record in force.
 *
 * <p>Every pattern of a kind of fact must say so for its kind to be narrowed: one pattern of any other shape
 * ({@code Done( $s : step )}, {@code Tally( count > 2 )}) and every fact of the kind is read. The text read
 * is the one the rule language prints ({@link DrlPrinter}), whose shapes are few and fixed; any mention of
 * a kind of fact followed by a parenthesis is taken for a pattern, so that what is read is never less than
 * what the rules can match, only more.
 */
final class FactKeys {
  private static final Pattern MENTION = Pattern.compile("\\b(" + String.join("|", FactTypes.FACTS.keySet()) + ")\\s*\\(");
  private static final Pattern ONE = Pattern.compile("\\s*(step|kind) == \"([^\"\\\\]+)\"\\s*(?:,|&&|$)[\\s\\S]*");
  private static final Pattern ANY_OF = Pattern.compile(
      "\\s*\\(((?:step|kind) == \"[^\"\\\\]+\"(?: \\|\\| (?:step|kind) == \"[^\"\\\\]+\")*)\\)\\s*(?:,|&&|$)[\\s\\S]*");
  private static final Pattern EACH = Pattern.compile("(step|kind) == \"([^\"\\\\]+)\"");
  /** A record's status named outright: {@code Recorded( status != "in-force" )} reads no record in force. */
  private static final Pattern STATUS = Pattern.compile("\\s*status (==|!=) \"([^\"\\\\]+)\"\\s*(?:,|&&|$)[\\s\\S]*");

  /** The steps and kinds each kind of fact is read for. */
  private final Map<String, Keys> keys;

  /**
   * What the patterns of one kind of fact can match: any fact; or those of these steps or kinds; or (records
   * only) those of a status among {@code statuses}, or of a status other than one of {@code otherThan}.
   */
  private record Keys(boolean any, Set<String> steps, Set<String> kinds, Set<String> statuses, Set<String> otherThan) {
    Keys(boolean any) {
      this(any, new HashSet<>(), new HashSet<>(), new HashSet<>(), new HashSet<>());
    }

    boolean byStatus() {
      return !statuses.isEmpty() || !otherThan.isEmpty();
    }
  }

  private FactKeys(Map<String, Keys> keys) {
    this.keys = keys;
  }

  /** What the rules' text ({@code drl}, as printed) can match. */
  static FactKeys of(String drl) {
    Map<String, Keys> keys = new HashMap<>();
    for (String type : FactTypes.FACTS.keySet()) {
      keys.put(type, new Keys(false));
    }
    Matcher mention = MENTION.matcher(drl);
    while (mention.find()) {
      String type = mention.group(1);
      Keys read = keys.get(type);
      int open = mention.end() - 1;
      int close = RuleSourceText.closing(drl, open);
      String inside = close > open ? drl.substring(open + 1, close) : "";
      Matcher one = ONE.matcher(inside);
      Matcher anyOf = ANY_OF.matcher(inside);
      Matcher status = STATUS.matcher(inside);
      if (close > open && type.equals("Recorded") && status.matches()) {
        (status.group(1).equals("==") ? read.statuses() : read.otherThan()).add(status.group(2));
        continue;
      }
      Matcher each = one.matches() ? EACH.matcher(inside.substring(0, one.end(2) + 1))
          : anyOf.matches() ? EACH.matcher(anyOf.group(1)) : null;
      if (close <= open || each == null) {
        keys.put(type, new Keys(true, read.steps(), read.kinds(), read.statuses(), read.otherThan()));
        continue;
      }
      while (each.find()) {
        (each.group(1).equals("step") ? read.steps() : read.kinds()).add(each.group(2));
      }
    }
    return new FactKeys(Map.copyOf(keys));
  }

  /**
   * Whether some rule can match a fact of this kind ({@code "Done"}) on the step, of the step's kind; a
   * {@code "Tally"} by its kind alone ({@code step} {@code null}).
   */
  boolean reads(String type, String step, String kind) {
    Keys read = keys.get(type);
    return read != null && (read.any() || read.byStatus() || read.steps().contains(step) || read.kinds().contains(kind));
  }

  /** Whether some rule can match a record of the step, of the step's kind, with this status. */
  boolean readsRecorded(String step, String kind, String status) {
    Keys read = keys.get("Recorded");
    if (read == null) {
      return false;
    }
    if (read.any() || read.steps().contains(step) || read.kinds().contains(kind) || read.statuses().contains(status)) {
      return true;
    }
    for (String other : read.otherThan()) {
      if (!other.equals(status)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The steps of the catalog whose fact of this kind ({@code "Done"}) some rule can match, or the kinds whose
   * {@code "Tally"}: what a session asks record after record, worked out once.
   */
  Set<String> read(String type, org.peacepath.catalog.Catalog catalog) {
    Set<String> read = new HashSet<>();
    if (type.equals("Tally")) {
      catalog.kinds().stream().filter(kind -> reads(type, null, kind)).forEach(read::add);
    } else {
      catalog.steps().stream().filter(step -> reads(type, step.id(), step.kind()))
          .forEach(step -> read.add(step.id()));
    }
    return read;
  }
}
