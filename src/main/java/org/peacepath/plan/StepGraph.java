package org.peacepath.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.peacepath.catalog.Catalog;
import org.peacepath.catalog.Step;
import org.peacepath.decide.Advice;
import org.peacepath.decide.Decision;
import org.peacepath.rules.RuleSet;

/**
 * The steps and their preconditions as a graph, learnt from the rules rather than kept by hand: an
 * edge from each required (or recommended) step to the step that needs it, for every block and caution
 * met while planning the road to each step from an empty record, following advice. A rule edited by
 * policy staff changes the graph at once. Two steps that each firmly need the other are a package: they
 * can only be taken together.
 *
 * @param ruleset the rule set and revision it was learnt from
 * @param nodes every step, in catalog order
 * @param edges each precondition, ordered by the step that needs it, then by the step required
 * @param packages the pairs of steps that firmly need each other, taken together where the rule set allows it
 */
public record StepGraph(Decision.RuleSetRef ruleset, List<Node> nodes, List<Edge> edges, List<List<String>> packages) {

  /** A step. */
  public record Node(String id, String title, String kind) {}

  /**
   * {@code from} comes before {@code to}, by the rules named.
   *
   * @param from the required or recommended step
   * @param to the step that needs it
   * @param ruleIds the rules that say so
   * @param strength {@code firm} when a firm rule requires it, {@code advice} when only advice recommends it
   */
  public record Edge(String from, String to, List<String> ruleIds, String strength) {}

  /** The most states the plans that learn one graph may decide together, as many as one plan may. */
  public static final int MAX_STATES = Planner.MAX_STATES;
  /** The longest learning one graph may take. */
  public static final java.time.Duration MAX_TIME = java.time.Duration.ofSeconds(10);

  /**
   * Learns the graph of a rule set by planning a road to each of its steps, all the plans within one budget
   * of {@link #MAX_STATES} states and {@link #MAX_TIME}; past it, {@link GraphBudgetException}.
   */
  public static StepGraph of(RuleSet ruleSet) {
    return of(ruleSet, MAX_STATES, MAX_TIME);
  }

  /** As {@link #of(RuleSet)}, within the budget given. */
  static StepGraph of(RuleSet ruleSet, int maxStates, java.time.Duration maxTime) {
    Catalog catalog = ruleSet.catalog();
    Map<String, TreeSet<String>> firm = new TreeMap<>();
    Map<String, TreeSet<String>> advised = new TreeMap<>();
    Consumer<Decision> learn = decision -> {
      for (Decision.BlockedStep blocked : decision.blocked()) {
        for (Decision.Reason reason : blocked.reasons()) {
          reason.requires().forEach(required -> add(firm, ruleSet, required, blocked.id(), reason.rule()));
        }
        for (Decision.Caution caution : blocked.cautions()) {
          caution.recommends().forEach(step -> add(advised, ruleSet, step, blocked.id(), caution.rule()));
        }
      }
      for (Decision.Unlocked unlocked : decision.unlocked()) {
        for (Decision.Caution caution : unlocked.cautions()) {
          caution.recommends().forEach(step -> add(advised, ruleSet, step, unlocked.id(), caution.rule()));
        }
      }
    };
    long deadline = System.nanoTime() + maxTime.toNanos();
    int states = 0;
    int planned = 0;
    for (Step step : catalog.steps()) {
      long left = deadline - System.nanoTime();
      Plan plan = left <= 0 || states >= maxStates ? null
          : new Planner(ruleSet, maxStates - states, java.time.Duration.ofNanos(left)).observing(learn)
              .plan(List.of(), step.id(), Advice.FOLLOW);
      if (plan == null || (!plan.reachable() && !plan.complete())) {
        throw new GraphBudgetException(ruleSet.name(), maxStates, maxTime, states + (plan == null ? 0 : plan.statesExplored()),
            planned, catalog.steps().size());
      }
      states += plan.statesExplored();
      planned++;
    }
    List<Edge> list = new ArrayList<>();
    firm.forEach((key, rules) -> list.add(edge(ruleSet, key, rules, "firm")));
    advised.forEach((key, rules) -> {
      if (!firm.containsKey(key)) {
        list.add(edge(ruleSet, key, rules, "advice"));
      }
    });
    list.sort((a, b) -> a.to().equals(b.to())
        ? Integer.compare(catalog.position(a.from()), catalog.position(b.from()))
        : Integer.compare(catalog.position(a.to()), catalog.position(b.to())));
    List<List<String>> packages = new ArrayList<>();
    for (Edge edge : list) {
      if (edge.strength().equals("firm") && catalog.position(edge.from()) < catalog.position(edge.to())
          && firm.containsKey(edge.to() + "\n" + edge.from())) {
        packages.add(List.of(edge.from(), edge.to()));
      }
    }
    packages.sort((a, b) -> Integer.compare(catalog.position(a.get(0)), catalog.position(b.get(0))));
    List<Node> nodes = catalog.steps().stream().map(s -> new Node(s.id(), s.title(), s.kind())).toList();
    return new StepGraph(Decision.RuleSetRef.of(ruleSet), nodes, list, List.copyOf(packages));
  }

  private static void add(Map<String, TreeSet<String>> edges, RuleSet ruleSet, String from, String to, String rule) {
    if (!from.equals(to)) {
      edges.computeIfAbsent(from + "\n" + to, key -> new TreeSet<>(ruleSet.ruleOrder())).add(rule);
    }
  }

  private static Edge edge(RuleSet ruleSet, String key, Set<String> rules, String strength) {
    String[] ends = key.split("\n");
    List<String> ids = rules.stream().map(rule -> ruleSet.rule(rule).map(r -> r.id()).orElse(rule)).distinct().toList();
    return new Edge(ends[0], ends[1], ids, strength);
  }

  /** Whether the two steps form a package. */
  private boolean together(String a, String b) {
    return packages.stream().anyMatch(p -> p.contains(a) && p.contains(b));
  }

  /**
   * Graphviz DOT, with quoted step ids: {@code "peace-declaration" -> "peace-mechanism"}. Advice is drawn
   * dashed; a package as one two-headed edge.
   */
  public String toDot() {
    StringBuilder dot = new StringBuilder();
    dot.append("digraph \"").append(ruleset.name()).append("\" {\n  rankdir=LR;\n  node [shape=box];\n");
    for (Node node : nodes) {
      dot.append("  \"").append(node.id()).append("\" [label=\"").append(escape(node.title())).append("\"];\n");
    }
    for (Edge edge : edges) {
      boolean pair = together(edge.from(), edge.to());
      if (pair && !packages.contains(List.of(edge.from(), edge.to()))) {
        continue; // drawn once, from the other end
      }
      dot.append("  \"").append(edge.from()).append("\" -> \"").append(edge.to()).append("\" [tooltip=\"")
          .append(escape(String.join("; ", edge.ruleIds()))).append('"')
          .append(pair ? ", dir=both, label=\"together\"" : "")
          .append(edge.strength().equals("advice") ? ", style=dashed" : "").append("];\n");
    }
    return dot.append("}\n").toString();
  }

  /** A Mermaid flowchart; step ids have their hyphens turned to underscores, as Mermaid ids need. */
  public String toMermaid() {
    StringBuilder mermaid = new StringBuilder("flowchart LR\n");
    for (Node node : nodes) {
      mermaid.append("  ").append(mermaidId(node.id())).append("[\"").append(node.title().replace("\"", "#quot;"))
          .append("\"]\n");
    }
    for (Edge edge : edges) {
      boolean pair = together(edge.from(), edge.to());
      if (pair && !packages.contains(List.of(edge.from(), edge.to()))) {
        continue;
      }
      String arrow = pair ? " <-->|together| " : edge.strength().equals("advice") ? " -.-> " : " --> ";
      mermaid.append("  ").append(mermaidId(edge.from())).append(arrow).append(mermaidId(edge.to())).append('\n');
    }
    return mermaid.toString();
  }

  private static String mermaidId(String id) {
    return id.replace('-', '_');
  }

  private static String escape(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
