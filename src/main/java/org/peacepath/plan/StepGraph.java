package org.peacepath.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.peacepath.catalog.Catalog;
import org.peacepath.catalog.Step;
import org.peacepath.decide.Decision;
import org.peacepath.rules.RuleSet;

/**
 * The steps and their preconditions as a graph, learnt from the rules rather than kept by hand: an
 * edge from each required step to the step that needs it, for every block met while planning the
 * road to each step from an empty state. A rule edited by policy staff changes the graph at once.
 *
 * @param ruleset the rule set and revision it was learnt from
 * @param nodes every step, in catalog order
 * @param edges each precondition, ordered by the step that needs it, then by the step required
 */
public record StepGraph(Decision.RuleSetRef ruleset, List<Node> nodes, List<Edge> edges) {

  /** A step. */
  public record Node(String id, String title, String kind) {}

  /**
   * {@code from} must be taken before {@code to}, by the rules named.
   *
   * @param from the required step
   * @param to the step that needs it
   * @param rules the rules that say so
   */
  public record Edge(String from, String to, List<String> rules) {}

  /** Learns the graph of a rule set by planning a road to each of its steps. */
  public static StepGraph of(RuleSet ruleSet) {
    Catalog catalog = ruleSet.catalog();
    Map<String, TreeSet<String>> edges = new TreeMap<>();
    Planner planner = new Planner(ruleSet).observing(decision -> {
      for (Decision.BlockedStep blocked : decision.blocked()) {
        for (Decision.Reason reason : blocked.reasons()) {
          for (String required : reason.requires()) {
            edges.computeIfAbsent(required + "\n" + blocked.id(), key -> new TreeSet<>(ruleSet.ruleOrder()))
                .add(reason.rule());
          }
        }
      }
    });
    for (Step step : catalog.steps()) {
      planner.plan(List.of(), step.id());
    }
    List<Edge> list = new ArrayList<>();
    edges.forEach((key, rules) -> {
      String[] ends = key.split("\n");
      list.add(new Edge(ends[0], ends[1], List.copyOf(rules)));
    });
    list.sort((a, b) -> a.to().equals(b.to())
        ? Integer.compare(catalog.position(a.from()), catalog.position(b.from()))
        : Integer.compare(catalog.position(a.to()), catalog.position(b.to())));
    List<Node> nodes = catalog.steps().stream().map(s -> new Node(s.id(), s.title(), s.kind())).toList();
    return new StepGraph(Decision.RuleSetRef.of(ruleSet), nodes, list);
  }

  /** Graphviz DOT, with quoted step ids: {@code "peace-declaration" -> "peace-mechanism"}. */
  public String toDot() {
    StringBuilder dot = new StringBuilder();
    dot.append("digraph \"").append(ruleset.name()).append("\" {\n  rankdir=LR;\n  node [shape=box];\n");
    for (Node node : nodes) {
      dot.append("  \"").append(node.id()).append("\" [label=\"").append(escape(node.title())).append("\"];\n");
    }
    for (Edge edge : edges) {
      dot.append("  \"").append(edge.from()).append("\" -> \"").append(edge.to()).append("\" [tooltip=\"")
          .append(escape(String.join("; ", edge.rules()))).append("\"];\n");
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
      mermaid.append("  ").append(mermaidId(edge.from())).append(" --> ").append(mermaidId(edge.to())).append('\n');
    }
    return mermaid.toString();
  }

  /** The steps each step needs, for people: "peace-mechanism: peace-declaration, dismantlement". */
  public Map<String, List<String>> requirements() {
    return edges.stream().collect(Collectors.groupingBy(Edge::to, TreeMap::new,
        Collectors.mapping(Edge::from, Collectors.toList())));
  }

  private static String mermaidId(String id) {
    return id.replace('-', '_');
  }

  private static String escape(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
