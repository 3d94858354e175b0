package org.peacepath.plan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.peacepath.catalog.Spelling;
import org.peacepath.rules.RuleSet;

/**
 * Steps that wait for each other by firm rules: each cycle of the step graph's firm edges, with the rules
 * that close it. In a rule set that allows simultaneous action two or three such steps are a package, taken
 * together; otherwise (or when more steps wait on each other than a package holds) none of them can ever be
 * taken. An edit that makes a new cycle is said with its steps and rules, by {@code diff} and after a reload.
 */
public final class Cycles {
  private Cycles() {}

  /** The most steps a package holds (domain.md: a package is 2 or 3 steps). */
  public static final int PACKAGE_MOST = 3;

  /**
   * Steps that wait for each other.
   *
   * @param steps the steps, in catalog order
   * @param links each firm precondition inside the cycle: {@code step} needs {@code needs}, by {@code ruleIds}
   * @param together whether they can be taken together as a package (the rule set allows simultaneous action
   *     and the cycle is small enough); otherwise none of them can ever be taken
   * @param sentence the cycle said in words, for the member of staff who made it
   */
  public record Cycle(List<String> steps, List<Link> links, boolean together, String sentence) {}

  /** {@code step} firmly needs {@code needs}, by the rules named. */
  public record Link(String step, String needs, List<String> ruleIds) {}

  /** The cycles of firm preconditions in {@code graph}, learnt from {@code ruleSet}; in catalog order. */
  public static List<Cycle> of(StepGraph graph, RuleSet ruleSet) {
    Map<String, List<StepGraph.Edge>> out = new LinkedHashMap<>();
    graph.nodes().forEach(node -> out.put(node.id(), new ArrayList<>()));
    for (StepGraph.Edge edge : graph.edges()) {
      if (edge.strength().equals("firm") && out.containsKey(edge.to()) && out.containsKey(edge.from())) {
        out.get(edge.to()).add(edge); // the step that needs → the step it needs
      }
    }
    List<Cycle> cycles = new ArrayList<>();
    for (List<String> component : components(out)) {
      Set<String> inside = Set.copyOf(component);
      List<Link> links = new ArrayList<>();
      for (String step : component) {
        for (StepGraph.Edge edge : out.get(step)) {
          if (inside.contains(edge.from())) {
            links.add(new Link(step, edge.from(), edge.ruleIds()));
          }
        }
      }
      boolean together = ruleSet.simultaneous() && component.size() <= PACKAGE_MOST;
      cycles.add(new Cycle(component, links, together, sentence(component, links, together, ruleSet)));
    }
    return cycles;
  }

  /** The cycles of {@code after} whose steps are not a cycle of {@code before}. */
  public static List<Cycle> added(List<Cycle> before, List<Cycle> after) {
    Set<Set<String>> was = new java.util.HashSet<>();
    before.forEach(cycle -> was.add(Set.copyOf(cycle.steps())));
    return after.stream().filter(cycle -> !was.contains(Set.copyOf(cycle.steps()))).toList();
  }

  private static String sentence(List<String> steps, List<Link> links, boolean together, RuleSet ruleSet) {
    StringBuilder said = new StringBuilder();
    said.append(Spelling.and(steps)).append(steps.size() == 2 ? " wait for each other" : " wait for one another").append(": ");
    List<String> parts = new ArrayList<>();
    for (Link link : links) {
      List<String> rules = link.ruleIds().stream()
          .map(id -> id + ruleSet.ruleById(id).map(rule -> " (" + rule.where() + ")").orElse("")).toList();
      parts.add(String.join(" and ", rules) + (rules.size() == 1 ? " says " : " say ") + link.step() + " needs "
          + link.needs());
    }
    said.append(String.join("; ", parts)).append(". ");
    if (together) {
      said.append("Under ").append(ruleSet.name()).append(" they can only be taken together, as a package.");
    } else if (ruleSet.simultaneous()) {
      said.append("No package holds more than ").append(PACKAGE_MOST).append(" steps, so none of them can ever be taken"
          + " under ").append(ruleSet.name()).append(".");
    } else {
      said.append(ruleSet.name()).append(" refuses simultaneous action, so none of them can ever be taken.");
    }
    return said.toString();
  }

  /** Tarjan's strongly connected components of two steps or more, each in catalog (node) order. */
  private static List<List<String>> components(Map<String, List<StepGraph.Edge>> out) {
    List<String> order = new ArrayList<>(out.keySet());
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new java.util.HashSet<>();
    List<List<String>> found = new ArrayList<>();
    int[] counter = {0};
    for (String start : order) {
      if (index.containsKey(start)) {
        continue;
      }
      // Iterative depth-first search: a catalog may hold thousands of steps.
      Deque<Object[]> frames = new ArrayDeque<>();
      frames.push(new Object[] {start, 0});
      index.put(start, counter[0]);
      low.put(start, counter[0]++);
      stack.push(start);
      onStack.add(start);
      while (!frames.isEmpty()) {
        Object[] frame = frames.peek();
        String step = (String) frame[0];
        int next = (Integer) frame[1];
        List<StepGraph.Edge> edges = out.get(step);
        if (next < edges.size()) {
          frame[1] = next + 1;
          String needed = edges.get(next).from();
          if (!index.containsKey(needed)) {
            index.put(needed, counter[0]);
            low.put(needed, counter[0]++);
            stack.push(needed);
            onStack.add(needed);
            frames.push(new Object[] {needed, 0});
          } else if (onStack.contains(needed)) {
            low.put(step, Math.min(low.get(step), index.get(needed)));
          }
          continue;
        }
        frames.pop();
        if (!frames.isEmpty()) {
          String parent = (String) frames.peek()[0];
          low.put(parent, Math.min(low.get(parent), low.get(step)));
        }
        if (low.get(step).equals(index.get(step))) {
          List<String> component = new ArrayList<>();
          String member;
          do {
            member = stack.pop();
            onStack.remove(member);
            component.add(member);
          } while (!member.equals(step));
          if (component.size() > 1) {
            component.sort(java.util.Comparator.comparingInt(order::indexOf));
            found.add(component);
          }
        }
      }
    }
    found.sort(java.util.Comparator.comparingInt(c -> order.indexOf(c.get(0))));
    return found;
  }
}
