package org.peacepath.diff;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.peacepath.catalog.Party;
import org.peacepath.catalog.Spelling;
import org.peacepath.decide.Decision;

/** {@code diff}'s report in words: what an edit changes, for the member of staff who made it. */
public final class ImpactText {
  private ImpactText() {}

  /** The whole report. */
  public static String of(DiffReport report) {
    StringBuilder out = new StringBuilder();
    out.append("diff ").append(report.before()).append(" → ").append(report.after()).append('\n');
    if (!report.onlyBefore().isEmpty()) {
      out.append("Only in ").append(report.before()).append(", not compared: ")
          .append(String.join(", ", report.onlyBefore())).append('\n');
    }
    if (!report.onlyAfter().isEmpty()) {
      out.append("Only in ").append(report.after()).append(", not compared: ")
          .append(String.join(", ", report.onlyAfter())).append('\n');
    }
    for (Impact impact : report.rulesets()) {
      out.append('\n');
      impact(out, impact, report.boundReason());
      if (report.log() != null && report.log().rulesets().containsKey(impact.ruleset())) {
        log(out, report.log().rulesets().get(impact.ruleset()), impact.order());
      }
    }
    if (report.log() != null) {
      out.append('\n').append("The decision log ").append(report.log().file()).append(": ")
          .append(count(report.log().lines())).append(" lines; ")
          .append(count(report.log().others())).append(" of other kinds or rule sets");
      if (report.log().unreadable() > 0) {
        out.append(", ").append(count(report.log().unreadable())).append(" unreadable");
      }
      out.append(".\n");
    }
    return out.toString();
  }

  private static void impact(StringBuilder out, Impact impact, String boundReason) {
    out.append(impact.ruleset()).append(": revision ").append(impact.before()).append(" → ").append(impact.after())
        .append('\n');
    out.append("  ").append(count(impact.records())).append(" records compared: the ")
        .append(impact.steps() - impact.repeatable().size()).append(" steps that count once, each counted or not");
    if (!impact.repeatable().isEmpty()) {
      out.append(", and ").append(Spelling.and(impact.repeatable())).append(" 0 to ").append(impact.bound()).append(" times each");
    }
    out.append(" (bound ").append(impact.bound()).append(", ").append(boundReason).append(").\n");
    impact.catalog().forEach(change -> out.append("  Catalog: ").append(change).append('\n'));
    if (impact.newCycles() != null) {
      impact.newCycles().forEach(cycle -> out.append("  New ").append(cycle.together() ? "package" : "cycle")
          .append(": ").append(cycle.sentence()).append('\n'));
    }
    if (impact.failure() != null) {
      out.append("  The comparison stopped: under revision ").append(impact.failure().revision()).append(", on the record ")
          .append(record(impact.failure().record())).append(", ").append(impact.failure().message()).append('\n');
      return; // the counts so far would mislead
    }
    if (impact.different() == 0) {
      out.append("  No record decides differently.\n");
      return;
    }
    out.append("  ").append(count(impact.different())).append(" of them (").append(percent(impact.different(), impact.records()))
        .append(") now decide differently.\n");
    Set<List<String>> shown = new java.util.HashSet<>();
    out.append("\n  By rule:\n");
    for (Impact.Group group : impact.byRule()) {
      group(out, group, shown, impact.order());
    }
    out.append("\n  By step:\n");
    for (Impact.Group group : impact.byStep()) {
      group(out, group, shown, impact.order());
    }
  }

  private static void group(StringBuilder out, Impact.Group group, Set<List<String>> shown, List<String> order) {
    out.append("    ").append(group.id()).append(" — ").append(group.title()).append(": ")
        .append(count(group.records())).append(group.records() == 1 ? " record" : " records").append('\n');
    out.append("      the smallest: ").append(record(group.smallest()));
    if (!shown.add(group.smallest())) {
      out.append(" (its two answers are shown above)\n");
      return;
    }
    out.append('\n');
    // Everything that differs on the record, once: a later group with the same smallest record refers to it.
    side(out, group.beforeAnswer(), group.afterAnswer(), null, null, "        ", order);
  }

  /**
   * Where the two answers differ (on one rule's findings, or one step, when given): each step's status and the
   * reasons and advice only one of the answers gives, before above after, and which rules say the same in both.
   */
  static void side(StringBuilder out, Decision before, Decision after, String rule, String step, String indent,
      List<String> order) {
    Set<String> steps = new LinkedHashSet<>();
    if (step != null) {
      steps.add(step);
    } else {
      List<String> ids = new ArrayList<>(ids(before, after));
      if (order != null) {
        ids.sort(java.util.Comparator.comparingInt(id -> order.contains(id) ? order.indexOf(id) : order.size()));
      }
      for (String id : ids) {
        if (!entries(before, id, rule).equals(entries(after, id, rule))
            || (rule == null && !status(before, id).equals(status(after, id)))) {
          steps.add(id);
        }
      }
      if (!advisories(before, rule).equals(advisories(after, rule))) {
        steps.add(Delta.ADVISORIES);
      }
    }
    for (String id : steps) {
      if (id.equals(Delta.ADVISORIES)) {
        List<String> was = advisories(before, null);
        List<String> is = advisories(after, null);
        out.append(indent).append("Advisories\n");
        column(out, indent, "before: ", was.stream().filter(a -> !is.contains(a)).toList());
        column(out, indent, "after:  ", is.stream().filter(a -> !was.contains(a)).toList());
        continue;
      }
      if (id.startsWith("(")) {
        continue; // packages and irregular records: not in the records compared here
      }
      String was = status(before, id);
      String is = status(after, id);
      out.append(indent).append(title(before, after, id)).append(" (").append(id).append(")")
          .append(was.equals(is) ? ": " + was.split(",")[0] + " in both" : "").append('\n');
      List<Entry> a = entries(before, id, null);
      List<Entry> b = entries(after, id, null);
      List<String> same = a.stream().filter(b::contains).map(Entry::rule).distinct().toList();
      List<String> left = new ArrayList<>();
      List<String> right = new ArrayList<>();
      if (!was.equals(is)) {
        left.add(was);
        right.add(is);
      }
      a.stream().filter(e -> !b.contains(e)).forEach(e -> e.said(left));
      b.stream().filter(e -> !a.contains(e)).forEach(e -> e.said(right));
      column(out, indent, "before: ", left);
      column(out, indent, "after:  ", right);
      if (!same.isEmpty()) {
        out.append(indent).append("  the same in both: ").append(String.join(", ", same)).append('\n');
      }
    }
  }

  private static void column(StringBuilder out, String indent, String label, List<String> lines) {
    String pad = " ".repeat(label.length());
    for (int i = 0; i < lines.size(); i++) {
      out.append(indent).append("  ").append(i == 0 ? label : pad).append(lines.get(i)).append('\n');
    }
    if (lines.isEmpty()) {
      out.append(indent).append("  ").append(label).append("nothing\n");
    }
  }

  private static List<String> ids(Decision before, Decision after) {
    Set<String> ids = new LinkedHashSet<>();
    for (Decision d : List.of(after, before)) {
      d.completed().forEach(ids::add);
      d.unlocked().forEach(u -> ids.add(u.id()));
      d.blocked().forEach(b -> ids.add(b.id()));
    }
    return List.copyOf(ids);
  }

  private static String title(Decision before, Decision after, String id) {
    for (Decision d : List.of(after, before)) {
      for (Decision.Unlocked u : d.unlocked()) {
        if (u.id().equals(id)) {
          return u.title();
        }
      }
      for (Decision.BlockedStep b : d.blocked()) {
        if (b.id().equals(id)) {
          return b.title();
        }
      }
    }
    return id;
  }

  /** The step's place in the answer in words: unlocked (with its title and parties), blocked (with its title), completed. */
  static String status(Decision d, String id) {
    String status = d.status(id); // the one rule; what follows only says it
    if (status.equals(Decision.UNLOCKED)) {
      Decision.Unlocked u = d.unlocked().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
      return status + ", “" + u.title() + "”, taken by " + parties(u.parties(), u.atLeastOneOf(), u.mayAlsoSign());
    }
    if (status.equals(Decision.BLOCKED)) {
      return status + ", “" + d.blocked().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow().title() + "”";
    }
    long counted = d.completed().stream().filter(id::equals).count();
    return counted == 0 ? "not in the catalog" : counted == 1 ? status : status + " " + counted + " times";
  }

  /** A reason or a caution on a step, as said. */
  record Entry(String rule, String head, String text) {
    void said(List<String> lines) {
      lines.add(head);
      lines.add("  “" + text + "”");
    }
  }

  /** The step's reasons and cautions (of {@code rule} only, when given). */
  static List<Entry> entries(Decision d, String id, String rule) {
    List<Entry> entries = new ArrayList<>();
    for (Decision.Unlocked u : d.unlocked()) {
      if (u.id().equals(id)) {
        u.cautions().stream().filter(c -> rule == null || c.ruleId().equals(rule)).forEach(c -> entries.add(caution(c)));
      }
    }
    for (Decision.BlockedStep b : d.blocked()) {
      if (b.id().equals(id)) {
        b.reasons().stream().filter(r -> rule == null || r.ruleId().equals(rule)).forEach(r -> entries.add(new Entry(
            r.ruleId(), "firm rule " + r.ruleId() + " (" + r.basis() + (r.brief() == null || r.brief().isEmpty() ? ""
                : ", firm by the design brief") + "): requires " + list(r.requires()), r.reason())));
        b.cautions().stream().filter(c -> rule == null || c.ruleId().equals(rule)).forEach(c -> entries.add(caution(c)));
      }
    }
    return entries;
  }

  private static Entry caution(Decision.Caution c) {
    return new Entry(c.ruleId(), "advice " + c.ruleId() + " (" + c.basis() + "): recommends " + list(c.recommends()),
        c.reason());
  }

  private static List<String> advisories(Decision d, String rule) {
    return d.advisories().stream().filter(a -> rule == null || a.ruleId().equals(rule))
        .map(a -> a.ruleId() + ": “" + a.text() + "”").toList();
  }

  private static String parties(List<Party> all, List<Party> oneOf, List<Party> may) {
    String said = all.isEmpty() ? "" : String.join(", ", all.stream().map(Party::name).toList());
    if (!oneOf.isEmpty()) {
      said += (said.isEmpty() ? "" : " and ") + "one of " + String.join(", ", oneOf.stream().map(Party::name).toList());
    }
    if (!may.isEmpty()) {
      said += "; may also sign: " + String.join(", ", may.stream().map(Party::name).toList());
    }
    return said.isEmpty() ? "nobody named" : said;
  }

  private static String list(List<String> ids) {
    return ids.isEmpty() ? "nothing" : String.join(", ", ids);
  }

  private static void log(StringBuilder out, LogReplay.Found found, List<String> order) {
    out.append("\n  The decision log: ").append(count(found.decisions())).append(" logged decisions under this rule set; ")
        .append(count(found.different())).append(found.different() == 1 ? " would" : " would")
        .append(" now be answered differently.\n");
    for (LogReplay.Example example : found.examples()) {
      out.append("    line ").append(example.line()).append(example.decisionId() == null ? "" : ", decision " + example.decisionId())
          .append(example.time() == null ? "" : ", " + example.time())
          .append(example.revision() == null ? "" : ", answered by revision " + example.revision()).append('\n');
      out.append("      request: ").append(example.request()).append('\n');
      if (!example.rules().isEmpty()) {
        out.append("      rules: ").append(String.join(", ", example.rules())).append('\n');
      }
      if (example.beforeAnswer() instanceof Decision a && example.afterAnswer() instanceof Decision b) {
        side(out, a, b, null, null, "      ", order);
      } else {
        out.append("      before: ").append(said(example.beforeAnswer())).append('\n');
        out.append("      after:  ").append(said(example.afterAnswer())).append('\n');
      }
    }
  }

  private static String said(Object answer) {
    return answer instanceof Decision d ? "answered: " + d.unlocked().size() + " steps unlocked, " + d.blocked().size()
        + " blocked" : String.valueOf(answer);
  }

  /** The record in words: its steps in catalog order, a repeated step with how often. */
  public static String record(List<String> steps) {
    if (steps == null || steps.isEmpty()) {
      return "nothing recorded";
    }
    List<String> said = new ArrayList<>();
    for (int i = 0; i < steps.size(); ) {
      int j = i;
      while (j < steps.size() && Objects.equals(steps.get(j), steps.get(i))) {
        j++;
      }
      said.add(steps.get(i) + (j - i > 1 ? " ×" + (j - i) : ""));
      i = j;
    }
    return String.join(", ", said);
  }

  /** A count with thousands separated by commas: 1,179,648. */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static String percent(long part, long whole) {
    double p = whole == 0 ? 0 : 100.0 * part / whole;
    return String.format(Locale.ROOT, p < 0.1 && part > 0 ? "%.3f%%" : "%.1f%%", p);
  }

}
