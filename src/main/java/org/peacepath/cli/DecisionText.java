package org.peacepath.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.peacepath.catalog.Catalog;
import org.peacepath.catalog.Party;
import org.peacepath.decide.Decision;

/**
 * A decision in plain language, for a briefing: what counts, what may be taken now and on whose
 * advice, what is blocked and by which rule, what can only be taken together, what history took out
 * of order, and the advisories.
 */
final class DecisionText {
  private final Catalog catalog;
  private final StringBuilder text = new StringBuilder();

  private DecisionText(Catalog catalog) {
    this.catalog = catalog;
  }

  /** The decision as a briefing reads it. */
  static String of(Decision decision, Catalog catalog) {
    return new DecisionText(catalog).write(decision);
  }

  private String write(Decision decision) {
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
    return text.toString().stripTrailing();
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
    text.append('\n').append(heading).append(":\n");
  }

  private void item(String line) {
    text.append("  - ").append(line).append('\n');
  }

  private void line(String line) {
    text.append(line).append('\n');
  }
}
