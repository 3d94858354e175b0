package org.peacepath.rules;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.rule.ConsequenceException;
import org.peacepath.catalog.Catalog;

/**
 * A compiled rule set: one doctrine's rules over the shared catalog, ready to decide. Immutable but for
 * the copies of it compiled for incremental sessions once asked for, and safe to share between threads; a
 * reload makes a new one. {@link #fire(Collection)} puts facts in a fresh session, fires the rules within
 * their limits, and gives back what they found; {@link IncrementalSession}s do the same over sessions that
 * live on. Both are in this package, so nothing outside it knows Drools is there.
 */
public final class RuleSet {
  /** More firings than any sound rule set needs for one record: past it a rule is running away. */
  public static final int MAX_FIRINGS = 10_000;
  /**
   * More matches than any sound rule set makes for one record: each match is a combination of facts that
   * a rule accepted, kept in memory until it fires. The rule language bounds what one rule can make
   * ({@link JoinCheck}); this bounds them all together.
   */
  public static final int MAX_MATCHES = 50_000;
  /** The longest one evaluation may take before it is stopped. */
  public static final long MAX_NANOS = 2_000_000_000L;

  private final String name;
  private final Manifest manifest;
  private final String revision;
  private final Instant loadedAt;
  private final Catalog catalog;
  private final KieBase kieBase;
  private final KieSessionsPool sessions;
  private final Map<String, RuleInfo> rules;
  private final List<SourceFile> files;
  private final List<SourceFile> scenarios;
  /** The DRL exactly as Drools was given it, file by file: what {@link IncrementalSession} compiles again. */
  private final List<SourceFile> compiled;
  /** The precondition tables it was compiled from, as read (a workbook is not text). */
  private final List<RuleSetFiles.TableFile> tables;
  /** The facts some rule can match, read from {@link #compiled}. */
  private final FactKeys reads;
  /** The same for the catalog's steps (their Recorded, Done, Open) and kinds (their Tally), by kind of fact. */
  private final Map<String, Set<String>> readOf;
  /**
   * This revision's rules compiled for incremental sessions ({@link IncrementalRules#compile}) and its firm rules
   * so compiled ({@link FirmRules#of}), once asked for. They are kept here, and so go with the revision once a
   * reload has replaced it: a map from revision to copy would hold the revision through the copy.
   */
  final java.util.concurrent.atomic.AtomicReference<IncrementalRules> incremental =
      new java.util.concurrent.atomic.AtomicReference<>();
  final java.util.concurrent.atomic.AtomicReference<IncrementalRules> firm =
      new java.util.concurrent.atomic.AtomicReference<>();
  /** Whether a server has asked for {@link #incremental} to be compiled in the background ({@link BackgroundCompile}). */
  final java.util.concurrent.atomic.AtomicBoolean incrementalAsked = new java.util.concurrent.atomic.AtomicBoolean();

  /**
   * @param name the rule set's name, its folder under {@code rules/}, such as {@code sigal}
   * @param manifest what its {@code ruleset.yaml} says: title, description, whether steps may be taken
   *     together, and the sentence of the source that says so
   * @param revision a hash of the contents of the files that make the rule set
   * @param loadedAt when it was compiled
   * @param catalog the steps it decides about
   * @param kieBase the compiled rules
   * @param rules where each rule is written, by name
   * @param files the catalog, manifest and DRL files it was compiled from
   * @param scenarios the scenario files that run under it
   * @param compiled the DRL as Drools was given it, file by file
   * @param tables the precondition tables it was compiled from, as read
   */
  RuleSet(String name, Manifest manifest, String revision, Instant loadedAt,
      Catalog catalog, KieBase kieBase, Map<String, RuleInfo> rules, List<SourceFile> files, List<SourceFile> scenarios,
      List<SourceFile> compiled, List<RuleSetFiles.TableFile> tables) {
    this(name, manifest, revision, loadedAt, catalog, kieBase, kieBase.newKieSessionsPool(4),
        rules, files, scenarios, compiled, tables);
  }

  private RuleSet(String name, Manifest manifest, String revision,
      Instant loadedAt, Catalog catalog, KieBase kieBase, KieSessionsPool sessions, Map<String, RuleInfo> rules,
      List<SourceFile> files, List<SourceFile> scenarios, List<SourceFile> compiled, List<RuleSetFiles.TableFile> tables) {
    this.tables = List.copyOf(tables);
    this.reads = FactKeys.of(String.join("\n", compiled.stream().map(SourceFile::text).toList()));
    Map<String, Set<String>> readOf = new java.util.HashMap<>();
    FactTypes.FACTS.keySet().forEach(type -> readOf.put(type, Set.copyOf(reads.read(type, catalog))));
    this.readOf = Map.copyOf(readOf);
    this.name = name;
    this.manifest = manifest;
    this.revision = revision;
    this.loadedAt = loadedAt;
    this.catalog = catalog;
    this.kieBase = kieBase;
    this.sessions = sessions;
    this.rules = Map.copyOf(rules);
    this.files = List.copyOf(files);
    this.scenarios = List.copyOf(scenarios);
    this.compiled = List.copyOf(compiled);
  }

  /**
   * The catalog's steps whose fact of this kind ({@code "Open"}, {@code "Done"}, {@code "Recorded"}) some rule
   * can match, or, for {@code "Tally"}, the kinds whose tally some rule can match. A fact that no rule can
   * match changes no rule's matches, so {@link #fire} need not be given it: under the bundled rules, many
   * kinds' tallies are such facts.
   */
  public Set<String> read(String type) {
    return readOf.getOrDefault(type, Set.of());
  }

  /**
   * Whether some rule can match the {@code Recorded} of a record of the step, of the step's kind, with this
   * status (as the record's {@code status} is written): under the bundled rules, only a record not in force.
   */
  public boolean readsRecorded(String step, String kind, String status) {
    return reads.readsRecorded(step, kind, status);
  }

  /** What {@link #read} answers from. */
  FactKeys factKeys() {
    return reads;
  }

  /**
   * Fires the rules over the facts and returns what they found; throws {@link RuleFailureException}
   * when the rules spend the budget ({@link #MAX_FIRINGS} firings, {@link #MAX_MATCHES} matches, {@link
   * #MAX_NANOS}, or what is left of the answer's {@link DecisionBudget}), naming the rule that spent it, or
   * when a rule fails when it fires; and {@link DecisionAbandonedException} once the client has gone.
   */
  public Fired fire(Collection<?> facts) {
    DecisionBudget budget = DecisionBudget.current();
    long now = System.nanoTime();
    long deadline = now + MAX_NANOS;
    if (budget != null) {
      if (budget.abandoned()) {
        throw new DecisionAbandonedException(name);
      }
      if (budget.deadline() - now <= 0) {
        throw spent(budget, null, DecisionBudget.MAX_ANSWER_NANOS);
      }
      deadline = budget.deadline() - deadline < 0 ? budget.deadline() : deadline;
    }
    // A session from the pool: disposing of it resets it for the next evaluation.
    KieSession session = sessions.newKieSession();
    Findings findings = new Findings(session, MAX_FIRINGS, MAX_MATCHES, deadline, budget);
    Watchdog.Seen seen = Watchdog.Seen.NOTHING;
    Watchdog.Slot slot = null;
    try {
      session.addEventListener((org.kie.api.event.rule.AgendaEventListener) findings);
      slot = Watchdog.watch(session, deadline, budget);
      try {
        facts.forEach(session::insert);
        // Only a rule's consequence inserts a finding, and none runs before the rules fire: the record's own
        // facts go in unheard, rather than each made an event that says no rule inserted it.
        session.addEventListener((org.kie.api.event.rule.RuleRuntimeEventListener) findings);
        session.fireAllRules(MAX_FIRINGS);
      } catch (ConsequenceException e) {
        String rule = e.getMatch() == null ? "?" : e.getMatch().getRule().getName();
        throw RuleFailureException.failed(name, rule, where(rule), e);
      } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
        // An error a consequence throws passes Drools by, while its rule is firing; a condition that
        // fails as facts are matched (a division by zero) names its rule only in its message.
        if (findings.firing() != null) {
          throw RuleFailureException.failed(name, findings.firing(), where(findings.firing()), e);
        }
        String rule = ruleNamedIn(e);
        if (rule == null) {
          throw e;
        }
        throw RuleFailureException.failedMatching(name, rule, where(rule), e);
      } finally {
        seen = Watchdog.release(slot);
      }
      Findings.Limit limit = findings.reached();
      if (limit == null && seen.timedOut()) {
        limit = Findings.Limit.TIME;
      }
      if (limit == null && seen.abandoned()) {
        limit = Findings.Limit.ABANDONED;
      }
      if (limit != null && budget != null) {
        budget.evidence(seen.samples(), findings.matchesByRule());
      }
      if (limit == Findings.Limit.ABANDONED) {
        throw new DecisionAbandonedException(name);
      }
      if (limit == Findings.Limit.FIRINGS) {
        String rule = findings.firedMost();
        throw RuleFailureException.runaway(name, rule, where(rule), MAX_FIRINGS + " firings or " + MAX_NANOS / 1_000_000_000L
            + " s");
      }
      if (limit == Findings.Limit.MATCHES) {
        String rule = findings.matchedMost();
        throw RuleFailureException.spent(name, rule, where(rule), "matched more than " + String.format("%,d", MAX_MATCHES)
            + " combinations of facts for one record");
      }
      if (limit == Findings.Limit.TIME) {
        String rule = budget != null ? budget.blamed() : most(seen.samples());
        if (rule == null) {
          rule = findings.matchedMost() != null ? findings.matchedMost() : findings.firedMost();
        }
        boolean answer = budget != null && deadline == budget.deadline();
        throw spent(rule, answer ? DecisionBudget.MAX_ANSWER_NANOS : MAX_NANOS);
      }
      return findings.fired();
    } finally {
      session.removeEventListener((org.kie.api.event.rule.RuleRuntimeEventListener) findings);
      session.removeEventListener((org.kie.api.event.rule.AgendaEventListener) findings);
      session.dispose();
    }
  }

  private static final java.util.regex.Pattern RULE_NAMED = java.util.regex.Pattern.compile("\\[Rule \"([^\"]*)\"");

  /** The rule of this rule set that a failure's message names, as Drools names a condition's rule, or {@code null}. */
  private String ruleNamedIn(Throwable e) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      var named = RULE_NAMED.matcher(String.valueOf(t.getMessage()));
      if (named.find() && rules.containsKey(named.group(1))) {
        return named.group(1);
      }
    }
    return null;
  }

  /** The rules kept Drools matching past {@code nanos}; {@code budget}'s evidence, or {@code rule}, names who did. */
  private RuleFailureException spent(DecisionBudget budget, String rule, long nanos) {
    return spent(budget != null && budget.blamed() != null ? budget.blamed() : rule, nanos);
  }

  private RuleFailureException spent(String rule, long nanos) {
    String limit = "kept Drools matching past " + nanos / 1_000_000_000L + " s"
        + (nanos == MAX_NANOS ? "" : " for one answer");
    return rule == null ? RuleFailureException.spent(name, null, "", limit)
        : RuleFailureException.spent(name, rule, where(rule), limit);
  }

  private static String most(java.util.Map<String, Integer> counts) {
    return counts.entrySet().stream().max(java.util.Map.Entry.comparingByValue()).map(java.util.Map.Entry::getKey)
        .orElse(null);
  }

  /** Where the named rule is written, as {@code file:line}, or empty when unknown. */
  private String where(String rule) {
    return rule == null ? "" : rule(rule).map(RuleInfo::where).orElse("");
  }

  /** The same rules with other scenario files, for when only the scenarios were edited. */
  public RuleSet withScenarios(List<SourceFile> scenarioFiles) {
    return new RuleSet(name, manifest, revision, loadedAt, catalog, kieBase, sessions, rules,
        files, scenarioFiles, compiled, tables);
  }

  /**
   * The files that make this revision, as they were read, by their path under the rules folder: the catalog,
   * the manifest, the DRL files and the precondition tables (its scenarios do not make the revision). Written
   * into a folder in the same places, they compile to the same revision.
   */
  public Map<String, byte[]> sourceFiles() {
    Map<String, byte[]> sources = new java.util.LinkedHashMap<>();
    files.forEach(file -> sources.put(file.path(), file.text().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    tables.forEach(table -> sources.put(table.path(), table.bytes().clone()));
    return sources;
  }

  /** The rule set's name, its folder under {@code rules/}. */
  public String name() {
    return name;
  }

  /** A short title for people. */
  public String title() {
    return manifest.title();
  }

  /** What the doctrine holds. */
  public String description() {
    return manifest.description();
  }

  /** Whether the doctrine allows steps to be taken together, as packages. */
  public boolean simultaneous() {
    return manifest.allowsSimultaneous();
  }

  /** What its {@code ruleset.yaml} says. */
  Manifest manifest() {
    return manifest;
  }

  /** The sentence of the source on which the doctrine allows or refuses steps taken together. */
  public String simultaneousSource() {
    return manifest.simultaneousSource();
  }

  /** A hash of the contents of the files that make the rule set. */
  public String revision() {
    return revision;
  }

  /** When it was compiled. */
  public Instant loadedAt() {
    return loadedAt;
  }

  /** The steps it decides about. */
  public Catalog catalog() {
    return catalog;
  }

  /** Every rule, by name. */
  public Map<String, RuleInfo> rules() {
    return rules;
  }

  /** The catalog, manifest and DRL files it was compiled from, the catalog first. */
  public List<SourceFile> files() {
    return files;
  }

  /** The scenario files that run under it. */
  public List<SourceFile> scenarios() {
    return scenarios;
  }

  /** The DRL exactly as Drools was given it, file by file. */
  List<SourceFile> compiled() {
    return compiled;
  }

  /** Where the named rule is written, if this rule set has it. */
  public Optional<RuleInfo> rule(String name) {
    return name == null ? Optional.empty() : Optional.ofNullable(rules.get(name));
  }

  /** The rule with this {@code @id}, if this rule set has it. */
  public Optional<RuleInfo> ruleById(String id) {
    return rules.values().stream().filter(rule -> rule.id().equals(id)).findFirst();
  }

  /** Orders rule names as the files list the rules: by file, then line. */
  public Comparator<String> ruleOrder() {
    return Comparator.comparingInt((String rule) -> rule(rule).map(RuleInfo::order).orElse(Integer.MAX_VALUE))
        .thenComparing(Comparator.naturalOrder());
  }

  @Override
  public String toString() {
    return name + "@" + revision;
  }
}
