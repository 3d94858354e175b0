package org.peacepath.rules;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule sets being served, by name, and hot reload from the rules folder. A reload swaps in a new
 * revision only when it compiles; otherwise the last good one keeps serving and the errors are kept
 * for {@code GET /v1/rulesets}. A caller that takes a {@link RuleSet} keeps it for the whole request,
 * so a swap never changes the rules under a request in flight.
 */
public final class RuleSets {
  private static final Logger LOG = LoggerFactory.getLogger(RuleSets.class);

  /** A rule set as served: its live revision and the last reload's outcome. */
  public record Served(RuleSet ruleSet, ReloadOutcome lastReload) {}

  private final Path root;
  private final RuleSetCheck check;
  private final List<java.util.function.Consumer<Map<String, ReloadOutcome>>> listeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile Map<String, Served> served;

  private RuleSets(Path root, RuleSetCheck check, Map<String, Served> served) {
    this.root = root;
    this.check = check;
    this.served = Map.copyOf(served);
  }

  /** Compiles every rule set under {@code root}; any problem in any of them fails the whole load. */
  public static RuleSets load(Path root) throws RuleSetException {
    return load(root, RuleSetCheck.NONE);
  }

  /** As {@link #load(Path)}, running {@code check} on each rule set now and on every reload. */
  public static RuleSets load(Path root, RuleSetCheck check) throws RuleSetException {
    List<String> names = names(root);
    Map<String, Served> loaded = new LinkedHashMap<>();
    List<Problem> problems = new ArrayList<>();
    for (String name : names) {
      try {
        RuleSet ruleSet = RuleSetCompiler.compile(root, name);
        List<Problem> found = check.check(ruleSet);
        refuseRunaways(found);
        loaded.put(name, new Served(ruleSet, new ReloadOutcome(ruleSet.loadedAt(), ReloadOutcome.LOADED,
            ruleSet.revision(), List.of(), found)));
      } catch (RuleSetException e) {
        e.problems().stream().filter(p -> !problems.contains(p)).forEach(problems::add);
      }
    }
    if (!problems.isEmpty()) {
      throw new RuleSetException(problems);
    }
    return new RuleSets(root, check, loaded);
  }

  private static List<String> names(Path root) throws RuleSetException {
    try {
      List<String> names = RuleSetCompiler.names(root);
      if (names.isEmpty()) {
        throw new RuleSetException(new Problem("no_rules", root.toString(), 0,
            "no rule sets here: each rule set is a folder holding a " + RuleSetCompiler.MANIFEST));
      }
      return names;
    } catch (IOException e) {
      throw new RuleSetException(new Problem("no_rules", root.toString(), 0, e.getMessage()));
    }
  }

  /**
   * Reads the rules folder again. Each rule set whose files changed is compiled and, if it compiles,
   * swapped in; if not, the last good revision keeps serving. New rule sets are added. Returns the
   * outcome for each rule set.
   */
  public synchronized Map<String, ReloadOutcome> reload() {
    Map<String, Served> next = new LinkedHashMap<>(served);
    List<String> names;
    try {
      names = names(root);
    } catch (RuleSetException e) {
      Instant now = Instant.now();
      next.replaceAll((name, s) -> new Served(s.ruleSet(), new ReloadOutcome(now, ReloadOutcome.REFUSED, null,
          e.problems(), s.lastReload().scenarioFailures())));
      LOG.warn("reload refused: {}; still serving the last good rules", e.getMessage());
      return publish(next);
    }
    for (String name : names) {
      Served current = served.get(name);
      try {
        if (current != null && current.ruleSet().revision().equals(RuleSetCompiler.revisionOnDisk(root, name))) {
          // The rules are as served; only a scenario file can have changed, so run the scenarios again.
          RuleSet live = current.ruleSet().withScenarios(RuleSetCompiler.scenariosOnDisk(root, name));
          next.put(name, new Served(live, new ReloadOutcome(Instant.now(), ReloadOutcome.UNCHANGED,
              live.revision(), List.of(), check.check(live))));
          continue;
        }
        RuleSet candidate = RuleSetCompiler.compile(root, name);
        List<Problem> failures = check.check(candidate);
        refuseRunaways(failures);
        boolean changed = current == null || !current.ruleSet().revision().equals(candidate.revision());
        if (changed) {
          next.put(name, new Served(candidate, new ReloadOutcome(candidate.loadedAt(), ReloadOutcome.LOADED,
              candidate.revision(), List.of(), failures)));
          LOG.info("rule set {} now serving revision {}{}", name, candidate.revision(),
              failures.isEmpty() ? "" : "; " + failures.size() + " scenario(s) fail:\n  "
                  + String.join("\n  ", failures.stream().map(Problem::toString).toList()));
        } else {
          next.put(name, new Served(current.ruleSet(), new ReloadOutcome(Instant.now(), ReloadOutcome.UNCHANGED,
              candidate.revision(), List.of(), failures)));
        }
      } catch (RuleSetException e) {
        if (current == null) {
          LOG.warn("new rule set {} refused:\n  {}", name, String.join("\n  ",
              e.problems().stream().map(Problem::toString).toList()));
          continue;
        }
        next.put(name, new Served(current.ruleSet(), new ReloadOutcome(Instant.now(), ReloadOutcome.REFUSED,
            null, e.problems(), current.lastReload().scenarioFailures())));
        LOG.warn("reload of rule set {} refused; still serving revision {}:\n  {}", name,
            current.ruleSet().revision(), String.join("\n  ", e.problems().stream().map(Problem::toString).toList()));
      }
    }
    return publish(next);
  }

  /** A rule that fires without end, or fails when it fires, is as broken as one that does not compile: it is never served. */
  private static void refuseRunaways(List<Problem> found) throws RuleSetException {
    List<Problem> runaways = found.stream()
        .filter(p -> p.code().equals(RuleSetCheck.RUNAWAY) || p.code().equals(RuleSetCheck.FAILED)).toList();
    if (!runaways.isEmpty()) {
      throw new RuleSetException(runaways);
    }
  }

  private Map<String, ReloadOutcome> publish(Map<String, Served> next) {
    served = Map.copyOf(next);
    Map<String, ReloadOutcome> outcomes = new LinkedHashMap<>();
    ordered(next).forEach(s -> outcomes.put(s.ruleSet().name(), s.lastReload()));
    listeners.forEach(listener -> listener.accept(outcomes));
    return outcomes;
  }

  /** Has {@code listener} told the outcome of every reload from now on, as the metrics count them. */
  public void onReload(java.util.function.Consumer<Map<String, ReloadOutcome>> listener) {
    listeners.add(listener);
  }

  /** The rules folder they are read from. */
  public Path root() {
    return root;
  }

  /** The live revision of the rule set of this name, if one is served. */
  public Optional<RuleSet> get(String name) {
    return Optional.ofNullable(served.get(name)).map(Served::ruleSet);
  }

  /** Every rule set served, the default first. */
  public List<RuleSet> all() {
    return ordered(served).stream().map(Served::ruleSet).toList();
  }

  /** Every rule set served with its last reload, the default first. */
  public List<Served> status() {
    return ordered(served);
  }

  /** The names of the rule sets served, the default first. */
  public List<String> names() {
    return all().stream().map(RuleSet::name).toList();
  }

  private static List<Served> ordered(Map<String, Served> served) {
    return served.values().stream()
        .sorted((a, b) -> RuleSetCompiler.byDefaultFirst(a.ruleSet().name(), b.ruleSet().name()))
        .toList();
  }
}
