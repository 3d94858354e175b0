package org.peacepath.rules;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The rule sets being served, by name. Swapped whole, so a reader always sees one consistent set. */
public final class RuleSets {
  private final Path root;
  private volatile Map<String, RuleSet> current;

  private RuleSets(Path root, Map<String, RuleSet> ruleSets) {
    this.root = root;
    this.current = Map.copyOf(ruleSets);
  }

  /** Compiles every rule set under {@code root}; any problem in any of them fails the whole load. */
  public static RuleSets load(Path root) throws RuleSetException {
    List<String> names;
    try {
      names = RuleSetCompiler.names(root);
    } catch (IOException e) {
      throw new RuleSetException(new Problem("no_rules", root.toString(), 0, e.getMessage()));
    }
    if (names.isEmpty()) {
      throw new RuleSetException(new Problem("no_rules", root.toString(), 0,
          "no rule sets here: each rule set is a folder holding a " + RuleSetCompiler.MANIFEST));
    }
    Map<String, RuleSet> loaded = new LinkedHashMap<>();
    List<Problem> problems = new ArrayList<>();
    for (String name : names) {
      try {
        loaded.put(name, RuleSetCompiler.compile(root, name));
      } catch (RuleSetException e) {
        e.problems().stream().filter(p -> !problems.contains(p)).forEach(problems::add);
      }
    }
    if (!problems.isEmpty()) {
      throw new RuleSetException(problems);
    }
    return new RuleSets(root, loaded);
  }

  /** The rules folder they were read from. */
  public Path root() {
    return root;
  }

  /** The rule set of this name, if one is served. */
  public Optional<RuleSet> get(String name) {
    return Optional.ofNullable(current.get(name));
  }

  /** Every rule set served, the default first. */
  public List<RuleSet> all() {
    return List.copyOf(current.values());
  }

  /** The names of the rule sets served, the default first. */
  public List<String> names() {
    return List.copyOf(current.keySet());
  }
}
