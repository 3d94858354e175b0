package org.peacepath.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AtomicExprDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BindingDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.ConstraintConnectiveDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ForallDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RelationalExprDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlExprParser;
import org.drools.drl.parser.DrlExprParserFactory;
import org.kie.internal.builder.conf.LanguageLevelOption;

/**
 * Holds every rule to a bound on how many combinations of facts it can make Drools try, so that no rule,
 * whatever the record, can use up the memory or the time of the server: the part of the rule language
 * about joins.
 *
 * <p>A pattern <em>picks out</em> its fact when it fixes the fact's key: {@code Open( step == … )} or
 * {@code Open( step in ( … ) )} (a step is open at most once) and {@code Tally( kind == … )} (one tally
 * a kind), the value being text or anything bound before. Any other pattern ({@code Done}, {@code
 * Recorded}, {@code Open( kind == … )}) <em>ranges over the record</em>: it may match as many facts as
 * the record holds. Then:
 *
 * <ol>
 *   <li>outside {@code not}, {@code exists} and {@code forall}, at most one pattern of a rule ranges over
 *       the record; every other picks out its fact. So a rule matches at most as many combinations as the
 *       record has facts, times its {@code in} lists;
 *   <li>inside {@code not}, {@code exists} or {@code forall}, only the first pattern may range over the
 *       record; the others pick out their fact. A group holding a single pattern that names no variable of
 *       the rule is tested once for all and does not count;
 *   <li>a rule that ranges over the record outside may range over it again inside at most once (each such
 *       group compares the record with itself: facts times facts);
 *   <li>the {@code in} lists of the patterns that pick out facts together pick out at most {@link
 *       #MAX_COMBINATIONS} combinations, and the constraints of one pattern that compare with variables bound
 *       before (evaluated for every combination tried) run to at most {@link #MAX_CONSTRAINT_CHARS} characters.
 * </ol>
 *
 * With a record of at most 1,000 facts of each type, the most one rule can ask of Drools is therefore
 * about 16 × 1,000 × 1,000 comparisons, a fraction of a second, which the per-decision budget (see {@link
 * Findings}) can only stop between rules. Every bundled rule keeps to this; the eight plain {@code Open()}
 * patterns, the four {@code Recorded} patterns and the joins that never fire of issue 21 do not, and are
 * refused at their line before anything is compiled.
 */
final class JoinCheck {
  /** The most combinations the {@code in} lists of one rule may pick out together. */
  static final int MAX_COMBINATIONS = 16;
  /** The longest the constraints of one pattern that compare with earlier variables may be: each is evaluated for every combination tried. */
  static final int MAX_CONSTRAINT_CHARS = 600;
  /** The problem's code. */
  static final String CODE = "unbounded_join";

  /** The field that picks out each fact that has a key. */
  private static final java.util.Map<String, String> KEYS = java.util.Map.of("Open", "step", "Tally", "kind");
  /** A name that stands on its own, not a field after a dot: {@code $open} in {@code $open.step}. */
  private static final Pattern IDENTIFIER = Pattern.compile("(?<![.\\w$])[A-Za-z_$][A-Za-z0-9_$]*");
  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");

  private final SourceFile file;
  private final List<Problem> problems = new ArrayList<>();

  private JoinCheck(SourceFile file) {
    this.file = file;
  }

  /** What the rules of the parsed file would make Drools try beyond the bound; empty when every rule keeps to it. */
  static List<Problem> check(SourceFile file, PackageDescr parsed) {
    JoinCheck check = new JoinCheck(file);
    for (RuleDescr rule : parsed.getRules()) {
      if (!rule.isQuery()) {
        check.rule(rule);
      }
    }
    return check.problems;
  }

  /** How far a chain of patterns has come: what ranges over the record outside and inside groups, and the in lists. */
  private static final class Reach {
    /** The pattern that ranges over the record outside any group, if one does. */
    PatternDescr outside;
    /** A group that ranges over the record again while a pattern outside does, if one does. */
    PatternDescr twice;
    int combinations = 1;
    final Set<String> bound = new HashSet<>();

    Reach copy() {
      Reach copy = new Reach();
      copy.outside = outside;
      copy.twice = twice;
      copy.combinations = combinations;
      copy.bound.addAll(bound);
      return copy;
    }
  }

  /** The group being walked: where it started, whether its first pattern has been seen. */
  private static final class Group {
    final Set<String> outer;
    final boolean single;
    boolean first = true;
    /** Whether this group (or one it is in) ranges over the record. */
    boolean ranges;

    Group(Set<String> outer, boolean single, boolean ranges) {
      this.outer = outer;
      this.single = single;
      this.ranges = ranges;
    }
  }

  private String named;
  private boolean refused;

  private void rule(RuleDescr rule) {
    named = "the rule \"" + rule.getName() + "\"";
    refused = false;
    walk(rule.getLhs(), new Reach(), null, Math.max(rule.getLine(), 0));
  }

  /** Walks one element of a condition from {@code reach}, and returns how far it has come after it. */
  private Reach walk(BaseDescr element, Reach reach, Group group, int ruleLine) {
    if (refused) {
      return reach;
    }
    int line = element.getLine() > 0 ? element.getLine() : ruleLine;
    if (element instanceof PatternDescr pattern) {
      return pattern(pattern, reach, group, line);
    }
    if (element instanceof OrDescr or) {
      // Each branch is a rule of its own to Drools: the bound holds for each, and after the or for the worst.
      Reach worst = reach.copy();
      boolean first = group != null && group.first;
      boolean ranges = group != null && group.ranges;
      boolean consumed = false;
      boolean ranged = ranges;
      for (BaseDescr branch : or.getDescrs()) {
        if (group != null) {
          group.first = first;
          group.ranges = ranges;
        }
        Reach after = walk(branch, reach.copy(), group, ruleLine);
        worst.outside = worst.outside != null ? worst.outside : after.outside;
        worst.twice = worst.twice != null ? worst.twice : after.twice;
        worst.combinations = Math.max(worst.combinations, after.combinations);
        worst.bound.addAll(after.bound);
        if (group != null) {
          consumed |= !group.first;
          ranged |= group.ranges;
        }
      }
      if (group != null) {
        group.first = first && !consumed;
        group.ranges = ranged;
      }
      return worst;
    }
    if (element instanceof AndDescr and) {
      Reach after = reach;
      for (BaseDescr inner : and.getDescrs()) {
        after = walk(inner, after, group, ruleLine);
      }
      return after;
    }
    if (element instanceof NotDescr || element instanceof ExistsDescr || element instanceof ForallDescr) {
      // A group filters the combinations it is given and makes none: what it binds and multiplies stays inside.
      List<PatternDescr> patterns = new ArrayList<>();
      boolean nested = flatten(element, patterns, true);
      Group inner = new Group(Set.copyOf(reach.bound), patterns.size() == 1 && !nested,
          group != null && group.ranges);
      Reach within = reach.copy();
      for (BaseDescr descr : ((ConditionalElementDescr) element).getDescrs()) {
        within = walk(descr, within, inner, ruleLine);
      }
      Reach after = reach.copy();
      after.twice = within.twice;
      return after;
    }
    return reach; // anything else the rule language refuses on its own
  }

  /** Collects the patterns of a group; says whether it holds a group of its own. */
  private static boolean flatten(BaseDescr element, List<PatternDescr> patterns, boolean top) {
    if (element instanceof PatternDescr pattern) {
      patterns.add(pattern);
      return false;
    }
    if (!top && (element instanceof NotDescr || element instanceof ExistsDescr || element instanceof ForallDescr)) {
      return true;
    }
    boolean nested = false;
    if (element instanceof ConditionalElementDescr conditional) {
      for (BaseDescr inner : conditional.getDescrs()) {
        nested |= flatten(inner, patterns, false);
      }
    }
    return nested;
  }

  private Reach pattern(PatternDescr pattern, Reach reach, Group group, int line) {
    String type = pattern.getObjectType();
    List<String> constraints = new ArrayList<>();
    for (BaseDescr constraint : pattern.getConstraint().getDescrs()) {
      if (constraint instanceof ExprConstraintDescr expression) {
        constraints.add(expression.getExpression());
      }
    }
    String shown = shown(pattern, constraints);
    List<BaseDescr> parsed = new ArrayList<>();
    int length = 0;
    for (String text : constraints) {
      BaseDescr descr = parse(text);
      if (descr == null) {
        return reach; // the rule language names a constraint it cannot read
      }
      parsed.add(descr);
      Set<String> refers = new HashSet<>();
      names(descr, refers);
      if (refers.stream().anyMatch(reach.bound::contains)) {
        length += text.length(); // compares with what came before: evaluated for every combination tried
      }
    }
    if (length > MAX_CONSTRAINT_CHARS) {
      refuse(line, named + ": the constraints of " + shown + " that compare with variables bound before run to "
          + length + " characters; at most " + MAX_CONSTRAINT_CHARS + " are allowed in one pattern, since Drools "
          + "evaluates them for every combination of facts it tries");
      return reach;
    }
    int values = key(type, parsed);
    Set<String> names = new HashSet<>();
    parsed.forEach(descr -> names(descr, names));

    if (group == null) {
      if (values > 0) {
        reach.combinations = multiply(reach.combinations, values);
      } else if (reach.outside != null) {
        refuse(line, named + " matches " + shown + " as well as " + shown(reach.outside) + " (line "
            + reach.outside.getLine() + "), each of which may be any of the record's facts, so Drools would try every "
            + "combination of the two. Outside not, exists and forall a rule may match only one fact that way; "
            + "pick out each other fact by its key, with text or a variable bound before, as in "
            + "Open( step == $open.step ) or Tally( kind == \"interim-agreement\" ), or test it under not or exists");
        return reach;
      } else {
        reach.outside = pattern;
      }
    } else if (group.first && group.single && names.stream().noneMatch(group.outer::contains)) {
      // Tested once against the record whatever came before, however many facts it picks: it joins nothing.
    } else if (values > 0) {
      reach.combinations = multiply(reach.combinations, values);
    } else if (!group.first) {
      refuse(line, named + " matches " + shown + " inside not, exists or forall after another pattern there, and it "
          + "may be any of the record's facts, so Drools would try it with every combination before it; inside a group "
          + "only the first pattern may match that way: pick out this fact by its key, as in Open( step == … ) or "
          + "Tally( kind == … ), or test it in a group of its own");
      return reach;
    } else {
      int depth = (reach.outside != null ? 1 : 0) + (group.ranges ? 1 : 0) + 1;
      if (depth > 2) {
        refuse(line, named + " matches " + shown + " inside a group within a group, and, like "
            + (reach.outside != null ? shown(reach.outside) + " (line " + reach.outside.getLine() + ") and the group"
                : "the patterns before it")
            + " around it, it may be any of the record's facts, so Drools would try every combination of three sets of "
            + "facts. A rule may compare the record with itself only once; pick out this fact by its key, as in "
            + "Open( step == … ) or Tally( kind == … ), or split the rule in two");
        return reach;
      }
      if (depth == 2) {
        if (reach.twice != null) {
          refuse(line, named + " compares the record with itself a second time: " + shown + " here, like "
              + shown(reach.twice) + " (line " + reach.twice.getLine() + "), may be any of the record's facts for each "
              + "fact matched before it, so Drools would try every pair of facts twice over. A rule may do that once; "
              + "pick out this fact by its key, as in Open( step == … ) or Tally( kind == … ), or split the rule in two");
          return reach;
        }
        reach.twice = pattern;
      }
      group.ranges = true;
    }
    if (group != null) {
      group.first = false;
    }
    if (reach.combinations > MAX_COMBINATIONS) {
      refuse(line, named + ": its in lists pick out up to " + reach.combinations + " combinations of facts by "
          + shown + "; a rule may pick out at most " + MAX_COMBINATIONS);
      return reach;
    }
    if (pattern.getIdentifier() != null) {
      reach.bound.add(pattern.getIdentifier());
    }
    parsed.forEach(descr -> bindings(descr, reach.bound));
    return reach;
  }

  private static int multiply(int a, int b) {
    return (int) Math.min((long) a * b, Integer.MAX_VALUE);
  }

  /**
   * How many facts the pattern can pick out by its key: 1 for {@code step == …}, the number of values for
   * {@code step in ( … )}; 0 when it does not fix its key and so ranges over the record.
   */
  private static int key(String type, List<BaseDescr> constraints) {
    String key = KEYS.get(type);
    if (key == null) {
      return 0;
    }
    // A tally ranges over the kinds, not the record: there is one for each kind, and a catalog has at most so many.
    int otherwise = type.equals("Tally") ? CatalogReader.MAX_KINDS : 0;
    int best = 0;
    for (BaseDescr constraint : constraints) {
      for (BaseDescr conjunct : conjuncts(constraint)) {
        int values = values(conjunct, key);
        if (values > 0 && (best == 0 || values < best)) {
          best = values;
        }
      }
    }
    return best > 0 ? best : otherwise;
  }

  /** The parts of a constraint that must all hold. */
  private static List<BaseDescr> conjuncts(BaseDescr descr) {
    List<BaseDescr> parts = new ArrayList<>();
    if (descr instanceof ConstraintConnectiveDescr connective && connective.getConnective().toString().equals("&&")) {
      connective.getDescrs().forEach(inner -> parts.addAll(conjuncts(inner)));
    } else {
      parts.add(descr);
    }
    return parts;
  }

  /** How many values {@code key ==} one of takes in this part of a constraint; 0 when it does not fix the key. */
  private static int values(BaseDescr descr, String key) {
    if (descr instanceof RelationalExprDescr relation) {
      if (!relation.getOperator().equals("==") || relation.isNegated()) {
        return 0;
      }
      boolean left = isField(relation.getLeft(), key) && !mentions(relation.getRight(), key);
      boolean right = isField(relation.getRight(), key) && !mentions(relation.getLeft(), key);
      return left || right ? 1 : 0;
    }
    if (descr instanceof ConstraintConnectiveDescr connective && connective.getConnective().toString().equals("||")) {
      int values = 0;
      for (BaseDescr inner : connective.getDescrs()) {
        int each = 0;
        for (BaseDescr part : conjuncts(inner)) {
          int fixed = values(part, key);
          if (fixed > 0 && (each == 0 || fixed < each)) {
            each = fixed;
          }
        }
        if (each == 0) {
          return 0;
        }
        values += each;
      }
      return values;
    }
    if (descr instanceof ConstraintConnectiveDescr connective) {
      int best = 0;
      for (BaseDescr inner : connective.getDescrs()) {
        int fixed = values(inner, key);
        if (fixed > 0 && (best == 0 || fixed < best)) {
          best = fixed;
        }
      }
      return best;
    }
    return 0;
  }

  private static boolean isField(BaseDescr descr, String key) {
    if (!(descr instanceof AtomicExprDescr atom) || atom.isLiteral()) {
      return false;
    }
    String text = atom.getExpression().trim();
    return text.equals(key) || text.equals("this." + key);
  }

  private static boolean mentions(BaseDescr descr, String key) {
    Set<String> names = new HashSet<>();
    names(descr, names);
    return names.contains(key) || names.contains("this");
  }

  /** Every name a constraint refers to (variables and fields), string literals left out. */
  private static void names(BaseDescr descr, Set<String> names) {
    if (descr instanceof AtomicExprDescr atom) {
      if (!atom.isLiteral()) {
        Matcher identifier = IDENTIFIER.matcher(STRING.matcher(atom.getExpression()).replaceAll(" "));
        while (identifier.find()) {
          names.add(identifier.group());
        }
      }
    } else if (descr instanceof RelationalExprDescr relation) {
      names(relation.getLeft(), names);
      names(relation.getRight(), names);
    } else if (descr instanceof ConstraintConnectiveDescr connective) {
      connective.getDescrs().forEach(inner -> names(inner, names));
    } else if (descr instanceof BindingDescr binding) {
      Matcher identifier = IDENTIFIER.matcher(STRING.matcher(binding.getExpression()).replaceAll(" "));
      while (identifier.find()) {
        names.add(identifier.group());
      }
    }
  }

  /** The variables a constraint binds, such as {@code $signed} in {@code $signed : count}. */
  private static void bindings(BaseDescr descr, Set<String> bound) {
    if (descr instanceof BindingDescr binding) {
      bound.add(binding.getVariable());
    } else if (descr instanceof ConstraintConnectiveDescr connective) {
      connective.getDescrs().forEach(inner -> bindings(inner, bound));
    }
  }

  private static BaseDescr parse(String text) {
    DrlExprParser parser = DrlExprParserFactory.getDrlExprParser(LanguageLevelOption.DRL6);
    try {
      ConstraintConnectiveDescr parsed = parser.parse(text);
      return parsed == null || parser.hasErrors() ? null : parsed;
    } catch (RuntimeException | StackOverflowError e) {
      return null;
    }
  }

  /** The pattern as a reader would point at it: {@code $a : Recorded( … )}. */
  private static String shown(PatternDescr pattern) {
    List<String> constraints = new ArrayList<>();
    for (BaseDescr constraint : pattern.getConstraint().getDescrs()) {
      if (constraint instanceof ExprConstraintDescr expression) {
        constraints.add(expression.getExpression());
      }
    }
    return shown(pattern, constraints);
  }

  private static String shown(PatternDescr pattern, List<String> constraints) {
    String inside = String.join(", ", constraints).replaceAll("\\s+", " ").trim();
    if (inside.length() > 40) {
      inside = inside.substring(0, 37) + "…";
    }
    return (pattern.getIdentifier() == null ? "" : pattern.getIdentifier() + " : ") + pattern.getObjectType()
        + (inside.isEmpty() ? "()" : "( " + inside + " )");
  }

  private void refuse(int line, String message) {
    refused = true;
    problems.add(new Problem(CODE, file.path(), Math.max(line, 0), message));
  }

  @Override
  public String toString() {
    return "JoinCheck(" + file.path().toLowerCase(Locale.ROOT) + ")";
  }
}
