package org.peacepath.brief;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.peacepath.catalog.Catalog;
import org.peacepath.catalog.Party;
import org.peacepath.decide.Advice;
import org.peacepath.decide.Decision;
import org.peacepath.plan.Plan;

/**
 * A decision and a plan in plain language, for a briefing: what counts, what may be taken now and on
 * whose advice, what is blocked and by which rule, what can only be taken together, what history took
 * out of order, the advisories, and the road to a goal move by move. The one renderer: {@code evaluate
 * --text}, {@code plan --text} and the workbench's briefing ({@code POST /v1/briefing}) all say it so.
 */
public final class Briefing {
  /** How the briefing is written: plain text for a terminal, or Markdown for a document. */
  public enum Style { TEXT, MARKDOWN }

  private final Catalog catalog;
  private final Style style;
  private final StringBuilder text = new StringBuilder();

  private Briefing(Catalog catalog, Style style) {
    this.catalog = catalog;
    this.style = style;
  }

  /** The decision as a briefing reads it. */
  public static String decision(Decision decision, Catalog catalog, Style style) {
    return new Briefing(catalog, style).decision(decision);
  }

  /** The plan as a numbered list of moves, each with who takes it and why. */
  public static String plan(Plan plan, Catalog catalog, Style style) {
    return new Briefing(catalog, style).plan(plan);
  }

  /** The decision and, when there is one, the plan, as one Markdown document. */
  public static String markdown(Decision decision, Plan plan, Catalog catalog) {
    String head = "# Briefing\n\n" + decision(decision, catalog, Style.MARKDOWN);
    return plan == null ? head + "\n" : head + "\n\n## Plan\n\n" + plan(plan, catalog, Style.MARKDOWN) + "\n";
  }

  private String decision(Decision decision) {
    line("Decided under " + decision.ruleset().name() + " (revision " + decision.ruleset().revision() + ").");
    Map<String, Long> counted = decision.completed().stream()
        .collect(Collectors.groupingBy(Function.identity(), java.util.LinkedHashMap::new, Collectors.counting()));
    line(counted.isEmpty() ? "Nothing recorded counts yet." : "Counted: " + String.join("; ", counted.entrySet().stream()
        .map(e -> title(e.getKey()) + (e.getValue() > 1 ? " (" + e.getValue() + " times)" : "")).toList()) + ".");
    if (!decision.notCounted().isEmpty()) {
      section("Not counted");
      decision.notCounted().forEach(n -> item(title(n.id()) + " (record " + (n.index() + 1) + "): " + n.reason() + "."));
    }
    section("May be taken now");
    for (Decision.Unlocked step : decision.unlocked()) {
      item(title(step.id()) + ", by " + who(step.parties(), step.atLeastOneOf()) + "." + cautions(step.cautions()));
    }
    if (!decision.blocked().isEmpty()) {
      section("Blocked");
      for (Decision.BlockedStep step : decision.blocked()) {
        List<String> reasons = new ArrayList<>();
        for (Decision.Reason reason : step.reasons()) {
          reasons.add(reason.reason() + (reason.requires().isEmpty() ? "" : " It needs " + phrases(reason.requires()) + " first.")
              + " [" + reason.ruleId() + ", " + reason.basis()
              + (reason.brief() == null || reason.brief().isEmpty() ? "" : "; firm by the design brief: " + reason.brief())
              + "]");
        }
        item(title(step.id()) + ": " + String.join(" ", reasons) + cautions(step.cautions()));
      }
    }
    if (decision.packages() != null && !decision.packages().isEmpty()) {
      section("Only together");
      decision.packages().forEach(p -> item(titles(p.steps()) + ", taken together [" + String.join(", ", p.ruleIds()) + "]."));
    }
    if (decision.irregular() != null && !decision.irregular().isEmpty()) {
      section("Taken out of order, replayed by date");
      decision.irregular().forEach(i -> item(title(i.id()) + " (record " + (i.index() + 1) + ", " + i.date()
          + ") was taken while a firm rule blocked it [" + String.join(", ", i.ruleIds()) + "]."));
    }
    if (!decision.advisories().isEmpty()) {
      section("Advisories");
      decision.advisories().forEach(a -> item(a.text() + " [" + a.ruleId() + ", " + a.basis() + "]"));
    }
    return done();
  }

  private String cautions(List<Decision.Caution> cautions) {
    StringBuilder advice = new StringBuilder();
    for (Decision.Caution caution : cautions) {
      advice.append(caution.recommends().isEmpty() ? " Caution: " : " Advised first: " + phrases(caution.recommends()) + ". ")
          .append(caution.reason()).append(" [").append(caution.ruleId()).append(", ").append(caution.basis()).append(']');
    }
    return advice.toString();
  }

  /** "US, DPRK and ROK", "DPRK with ROK or US", "Japan or Russia". */
  private static String who(List<Party> all, List<Party> anyOf) {
    String required = and(all.stream().map(Party::name).toList(), " and ");
    String any = and(anyOf == null ? List.of() : anyOf.stream().map(Party::name).toList(), " or ");
    return required.isEmpty() ? any : any.isEmpty() ? required : required + " with " + any;
  }

  private String phrases(List<String> ids) {
    return and(ids.stream().map(id -> catalog.contains(id) ? catalog.get(id).phrase() : id).toList(), " and ");
  }

  private String titles(List<String> ids) {
    return and(ids.stream().map(this::title).toList(), " and ");
  }

  private static String and(List<String> words, String last) {
    return words.size() <= 1 ? String.join("", words)
        : String.join(", ", words.subList(0, words.size() - 1)) + last + words.get(words.size() - 1);
  }

  private String title(String id) {
    return catalog.contains(id) ? catalog.get(id).title() : id;
  }

  private void section(String heading) {
    text.append('\n').append(style == Style.MARKDOWN ? "## " + heading + "\n\n" : heading + ":\n");
  }

  private void item(String line) {
    text.append(style == Style.MARKDOWN ? "- " : "  - ").append(line).append('\n');
  }

  private String done() {
    return text.toString().stripTrailing();
  }

  private void line(String line) {
    text.append(line).append('\n');
  }

  /** "1. Peace mechanism (peace-mechanism): US, DPRK, ROK — for …", a package as "together: …". */
  private String plan(Plan plan) {
    String mode = plan.advice() == Advice.FOLLOW ? "following advice" : "on firm rules only";
    if (!plan.reachable()) {
      text.append("No road to ").append(plan.goal()).append(" under ").append(plan.ruleset().name()).append(", ")
          .append(mode).append(plan.complete() ? "" : ", was found within the search limit").append(".\n");
      if (style == Style.MARKDOWN && !plan.blocks().isEmpty()) {
        text.append('\n');
      }
      plan.blocks().forEach(block -> text.append(style == Style.MARKDOWN ? "- " : "  ").append(block.step())
          .append(" stays held back: ").append(block.reason()).append(" (").append(block.ruleId()).append(")\n"));
      return done();
    }
    long together = plan.moves().stream().filter(Plan.Move::together).count();
    text.append("The shortest road to ").append(plan.goal()).append(" under ").append(plan.ruleset().name())
        .append(", ").append(mode).append(", takes ").append(plan.length()).append(plan.length() == 1 ? " step" : " steps")
        .append(together == 0 ? "" : " in " + plan.moves().size() + " moves").append(":\n");
    if (style == Style.MARKDOWN) {
      text.append('\n');
    }
    for (Plan.Move move : plan.moves()) {
      String steps = String.join(" and ", move.steps().stream().map(step -> step.title() + " (" + step.id() + "): "
          + String.join(", ", who(step))).toList());
      text.append(style == Style.MARKDOWN ? move.number() + ". " : String.format("%3d. ", move.number()))
          .append(move.together() ? "together: " : "").append(steps);
      text.append(" — ").append(move.reason());
      if (!move.ruleIds().isEmpty()) {
        text.append(" [").append(String.join(", ", move.ruleIds())).append(']');
      }
      if (move.advice()) {
        text.append(" (there on advice: ").append(String.join(", ", move.adviceRuleIds())).append(')');
      }
      text.append('\n');
    }
    return done();
  }

  private static List<String> who(Plan.PlannedStep step) {
    List<String> who = new ArrayList<>(step.parties().stream().map(Enum::name).toList());
    if (step.atLeastOneOf() != null && !step.atLeastOneOf().isEmpty()) {
      who.add("and " + String.join(" or ", step.atLeastOneOf().stream().map(Enum::name).toList()));
    }
    return who;
  }
}
