package org.peacepath.rules;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule sets being served, by name: loaded at start, swapped by the {@link Reloader}, read by
 * every request. A caller that takes a {@link RuleSet} keeps it for the whole request, so a swap never
 * changes the rules under a request in flight. See {@link Reloader} for what a reload refuses.
 */
public final class RuleSets {
  private static final Logger LOG = LoggerFactory.getLogger(RuleSets.class);

  /** How long compiling a candidate revision and running its scenarios may take before it is refused. */
  public static final Duration DEADLINE = Duration.ofSeconds(60);

  /** A rule set as served: its live revision and the last reload's outcome. */
  public record Served(RuleSet ruleSet, ReloadOutcome lastReload) {}

  private final Path root;
  private final Reloader reloader;
  private final List<Consumer<Map<String, ReloadOutcome>>> listeners = new CopyOnWriteArrayList<>();
  private volatile Map<String, Served> served;
  private volatile List<Problem> strayFiles = List.of();

  private RuleSets(Path root, ServingGate check, Duration deadline, Map<String, Served> served) {
    this.root = root;
    this.reloader = new Reloader(this, root, check, deadline);
    this.served = Map.copyOf(served);
    remember(this.served);
    noteStrayFiles();
  }

  /** How many revisions of each rule set are kept, with their files, after they stop being served. */
  public static final int KEPT_REVISIONS = 10;

  /** The files of the revisions served lately, by rule set and revision, the oldest first. */
  private final Map<String, LinkedHashMap<String, Map<String, byte[]>>> history = new java.util.HashMap<>();

  private synchronized void remember(Map<String, Served> next) {
    next.values().forEach(s -> {
      LinkedHashMap<String, Map<String, byte[]>> kept = history.computeIfAbsent(s.ruleSet().name(),
          key -> new LinkedHashMap<>());
      if (!kept.containsKey(s.ruleSet().revision())) {
        kept.put(s.ruleSet().revision(), s.ruleSet().sourceFiles());
      }
      while (kept.size() > KEPT_REVISIONS) {
        kept.remove(kept.keySet().iterator().next());
      }
    });
  }

  /** A revision this server has served, with its files. */
  public record ServedRevision(String name, String revision, Map<String, byte[]> files) {}

  /**
   * The revision of {@code name} this server has served (one of the last {@link #KEPT_REVISIONS}) whose id is
   * {@code revision} or begins with it; empty when none or more than one does.
   */
  public synchronized Optional<ServedRevision> served(String name, String revision) {
    Map<String, Map<String, byte[]>> kept = history.getOrDefault(name, new LinkedHashMap<>());
    List<String> matching = kept.keySet().stream().filter(r -> !revision.isEmpty() && r.startsWith(revision)).toList();
    return matching.size() == 1
        ? Optional.of(new ServedRevision(name, matching.get(0), kept.get(matching.get(0))))
        : Optional.empty();
  }

  /** The revisions of {@code name} this server has served and still keeps, the newest first. */
  public synchronized List<String> servedRevisions(String name) {
    List<String> revisions = new java.util.ArrayList<>(history.getOrDefault(name, new LinkedHashMap<>()).keySet());
    java.util.Collections.reverse(revisions);
    return revisions;
  }

  /** Compiles every rule set under {@code root}; any problem in any of them fails the whole load. */
  public static RuleSets load(Path root) throws RuleSetException {
    return load(root, ServingGate.NONE);
  }

  /** As {@link #load(Path)}, running {@code check} on each rule set now and on every reload; a failure refuses it. */
  public static RuleSets load(Path root, ServingGate check) throws RuleSetException {
    return load(root, check, DEADLINE);
  }

  /** As {@link #load(Path, ServingGate)}, with the deadline given for each load and reload. */
  public static RuleSets load(Path root, ServingGate check, Duration deadline) throws RuleSetException {
    return load(root, Reloader.names(root), check, deadline);
  }

  /**
   * Compiles only the rule set {@code name} under {@code root}, as a command that decides under that one
   * needs; every rule set, as {@link #load(Path)} does, when the folder has none of that name (so that the
   * error names those it has).
   */
  public static RuleSets loadOne(Path root, String name) throws RuleSetException {
    List<String> names = Reloader.names(root);
    return load(root, names.contains(name) ? List.of(name) : names, ServingGate.NONE, DEADLINE);
  }

  private static RuleSets load(Path root, List<String> names, ServingGate check, Duration deadline)
      throws RuleSetException {
    Map<String, Served> loaded = new LinkedHashMap<>();
    List<Problem> problems = new ArrayList<>();
    for (String name : names) {
      try {
        RuleSet ruleSet = Reloader.withDeadline(deadline, name,
            () -> Reloader.candidate(RuleSetFiles.read(root, name), name, check));
        loaded.put(name, new Served(ruleSet, new ReloadOutcome(ruleSet.loadedAt(), ReloadOutcome.Result.LOADED,
            ruleSet.revision(), List.of(), List.of())));
      } catch (RuleSetException e) {
        e.problems().stream().filter(p -> !problems.contains(p)).forEach(problems::add);
      }
    }
    if (!problems.isEmpty()) {
      throw new RuleSetException(problems);
    }
    return new RuleSets(root, check, deadline, loaded);
  }

  /**
   * Reads the rules folder again and swaps in each rule set whose files changed, compiled and passed
   * through its serving gate; the last good revision keeps serving any that fail. Returns the outcome for each.
   */
  public Map<String, ReloadOutcome> reload() {
    Map<String, ReloadOutcome> outcomes = reloader.reload();
    noteStrayFiles();
    return outcomes;
  }

  /**
   * The files of the rules folder that look like rules but that no rule set reads, as of the last load or
   * reload; each is said in the log once, when it appears.
   */
  public List<Problem> strayFiles() {
    return strayFiles;
  }

  private void noteStrayFiles() {
    List<Problem> now = StrayFiles.find(root);
    List<Problem> before = strayFiles;
    now.stream().filter(p -> !before.contains(p))
        .forEach(p -> LOG.warn("{}: not read by any rule set: {}", p.file(), p.message()));
    strayFiles = List.copyOf(now);
  }

  /**
   * Gets reloading ready: starts the JVM in which candidates are compiled and checked, warmed on the
   * served rules, so that the first edit goes live as fast as the next. The watcher calls it as it starts.
   */
  public void prepareReloads() {
    reloader.warm();
  }

  /** Stops the JVM in which candidates are compiled and checked; a later reload starts another. */
  public void stopReloads() {
    reloader.stop();
  }

  /** The process id of the JVM in which candidates are compiled and checked, while it runs. */
  public java.util.OptionalLong reloadWorkerPid() {
    return reloader.workerPid();
  }

  /** What is served now, for the reloader. */
  Map<String, Served> served() {
    return served;
  }

  /** Serves {@code next} from now on, without telling the listeners yet: a reload swaps in each rule set as it is ready. */
  void serve(Map<String, Served> next) {
    served = Map.copyOf(next);
    remember(served);
  }

  /** Serves {@code next} from now on and tells the listeners. */
  Map<String, ReloadOutcome> publish(Map<String, Served> next, Map<String, ReloadOutcome> withdrawn) {
    served = Map.copyOf(next);
    remember(served);
    Map<String, ReloadOutcome> outcomes = new LinkedHashMap<>();
    ordered(next).forEach(s -> outcomes.put(s.ruleSet().name(), s.lastReload()));
    outcomes.putAll(withdrawn);
    listeners.forEach(listener -> listener.accept(outcomes));
    return outcomes;
  }

  /** Has {@code listener} told the outcome of every reload from now on, as the metrics count them. */
  public void onReload(Consumer<Map<String, ReloadOutcome>> listener) {
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
