package org.peacepath.rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.peacepath.catalog.Catalog;
import org.peacepath.catalog.Step;

/**
 * The steps a firm rule can block, read from its printed text: a rule whose first pattern is {@code $open :
 * Open( step == "…" )}, {@code Open( kind == "…" )} or {@code Open( (step == "…" || step == "…") )}, and every
 * {@code new Blocked(} of whose consequence is on {@code $open.step()}, can block only those steps. A replay
 * that asks whether one step is blocked need evaluate only the rules that can block it.
 *
 * <p>The text read is the one the rule language prints ({@link DrlPrinter}), so its shapes are few and fixed;
 * a rule of any other shape has no target here and is evaluated whenever any step is asked about, which is
 * always right, only slower.
 */
record BlockTarget(Set<String> steps) {
  private static final Pattern FIRST = Pattern.compile(
      "\nwhen\n(\\$[A-Za-z_][A-Za-z0-9_]*) ?: ?Open\\( ?([^\n]*?) ?\\)\n");
  private static final Pattern ONE = Pattern.compile("(step|kind) == \"([^\"\\\\]+)\"");
  private static final Pattern ANY_OF = Pattern.compile("\\((step == \"[^\"\\\\]+\"(?: \\|\\| step == \"[^\"\\\\]+\")*)\\)");
  private static final Pattern BLOCKED = Pattern.compile("new\\s+Blocked\\(\\s*");

  /** The target of a firm rule's printed text under the catalog, or {@code null} when it cannot be told. */
  static BlockTarget of(String ruleText, Catalog catalog) {
    Matcher first = FIRST.matcher(ruleText);
    if (!first.find()) {
      return null;
    }
    String variable = first.group(1);
    String constraint = first.group(2);
    Set<String> steps = new LinkedHashSet<>();
    Matcher one = ONE.matcher(constraint);
    Matcher anyOf = ANY_OF.matcher(constraint);
    if (one.matches()) {
      if (one.group(1).equals("step")) {
        steps.add(one.group(2));
      } else {
        catalog.steps().stream().filter(s -> s.kind().equals(one.group(2))).map(Step::id).forEach(steps::add);
      }
    } else if (anyOf.matches()) {
      Matcher each = ONE.matcher(anyOf.group(1));
      while (each.find()) {
        steps.add(each.group(2));
      }
    } else {
      return null;
    }
    int then = ruleText.indexOf("\nthen\n", first.end() - 1);
    if (then < 0) {
      return null;
    }
    Matcher blocked = BLOCKED.matcher(ruleText);
    blocked.region(then, ruleText.length());
    String onOpen = variable + ".step()";
    while (blocked.find()) {
      int at = blocked.end();
      if (!ruleText.startsWith(onOpen, at)) {
        return null;
      }
      int after = at + onOpen.length();
      while (after < ruleText.length() && ruleText.charAt(after) == ' ') {
        after++;
      }
      if (after >= ruleText.length() || (ruleText.charAt(after) != ',' && ruleText.charAt(after) != ')')) {
        return null;
      }
    }
    return new BlockTarget(Set.copyOf(steps));
  }

  /** The ruleflow-group attribute (what Drools 10 calls an agenda group now) that puts a rule's text in the group {@code group}, before its {@code when}. */
  static String inGroup(String ruleText, String group) {
    Matcher first = FIRST.matcher(ruleText);
    if (!first.find()) {
      return ruleText;
    }
    int when = first.start() + 1;
    return ruleText.substring(0, when) + "ruleflow-group \"" + group + "\"\n" + ruleText.substring(when);
  }

  /** The groups, among {@code targets} (a group's name and its target), that can block the step. */
  static String[] groupsBlocking(String step, List<java.util.Map.Entry<String, BlockTarget>> targets) {
    List<String> groups = new ArrayList<>();
    for (var target : targets) {
      if (target.getValue().steps().contains(step)) {
        groups.add(target.getKey());
      }
    }
    return groups.toArray(String[]::new);
  }
}
