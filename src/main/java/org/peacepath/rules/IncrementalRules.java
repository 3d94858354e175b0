package org.peacepath.rules;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;

/**
 * Rules compiled for {@link IncrementalSession}s: one revision's, or two revisions' of one rule set together
 * ({@link #pair}), or a revision's firm rules alone ({@link FirmRules}, for a replay by date). Each is a copy
 * compiled from the very DRL its revision was compiled from, with every finding inserted logically
 * ({@link DrlRewrite#logical}), so that a finding goes when the match that made it goes.
 */
public final class IncrementalRules {
  private static final String KIE_ROOT = "src/main/resources/peacepath/";
  private static final AtomicLong BUILDS = new AtomicLong();
  /** What the rules only the revision before an edit has are called in a paired session, before their name. */
  static final String BEFORE = "\u2039before\u203a ";
  /** The same for the rules only the revision after it has. */
  static final String AFTER = "\u2039after\u203a ";
  /** The most idle sessions kept for each copy ({@link #openPooled}): as many as threads decide at once, about. */
  static final int MAX_IDLE = 16;
  static final String[] NO_GROUPS = {};

  final RuleSet[] ruleSets;
  final KieBase kieBase;
  /**
   * Sessions idle ({@link #openPooled}): each holds the empty record, its facts brought into line with it by
   * the next firing that reads them. Setting up a session and firing its rules over the empty record costs
   * more than a replay or a decision, so a session is taken back to the empty record when it is closed and
   * kept for the next.
   */
  private final java.util.concurrent.ConcurrentLinkedDeque<IncrementalSession> idle =
      new java.util.concurrent.ConcurrentLinkedDeque<>();
  private final java.util.concurrent.atomic.AtomicInteger idleCount = new java.util.concurrent.atomic.AtomicInteger();

  /** The facts the rules can match: a session leaves out the facts no rule reads. */
  final FactKeys reads;
  /**
   * For the firm rules' copy: the agenda groups of the rules that can block each step ({@link BlockTarget});
   * {@code null} when the rules are not so grouped, and all of them fire at every firing.
   */
  final Map<String, String[]> groupsByStep;
  /** Whether some firm rule's blocked steps could not be told, so that it fires at every firing. */
  private final boolean ungrouped;
  /**
   * For the firm rules' copy: the facts the rules fired for each step can match (those of its groups and those
   * fired at every firing); {@code null} when the rules are not so grouped.
   */
  final Map<String, StepReads> readsForStep;
  /** For the firm rules' copy: what replays in date order found lately, by the records before each record. */
  private final ReplayAnswers replayAnswers = new ReplayAnswers();

  IncrementalRules(KieBase kieBase, FactKeys reads, Map<String, String[]> groupsByStep, boolean ungrouped,
      Map<String, StepReads> readsForStep, RuleSet... ruleSets) {
    this.ruleSets = ruleSets;
    this.kieBase = kieBase;
    this.reads = reads;
    this.groupsByStep = groupsByStep == null ? null : Map.copyOf(groupsByStep);
    this.ungrouped = ungrouped;
    this.readsForStep = readsForStep == null ? null : Map.copyOf(readsForStep);
  }

  /** Whether some rule fires at every firing of a replay, its blocked steps not told ({@link BlockTarget}). */
  boolean ungrouped() {
    return ungrouped;
  }

  /**
   * Whether some rule may block the step, so that {@link IncrementalSession#fireAsDecisionFor} fires rules for it: always,
   * unless these are the firm rules' copy and none of them can block it.
   */
  public boolean mayBlock(String step) {
    return groupsByStep == null || ungrouped || groupsByStep.getOrDefault(step, NO_GROUPS).length > 0;
  }

  /** The revisions these rules are a copy of: one, or the one before an edit and the one after. */
  public List<RuleSet> ruleSets() {
    return List.of(ruleSets);
  }

  /** A new session holding the empty record, fired with {@link IncrementalSession#fire}. */
  public IncrementalSession open(FindingIds ids) {
    return new IncrementalSession(this, ids, true);
  }

  /**
   * A session holding the empty record, from the idle ones where one is kept, for a record's replay in date
   * order, a decision or a package's trials: fired with {@link IncrementalSession#fireAsDecision}, its
   * findings numbered for it alone. A kept session's facts are brought into line with the record only by its
   * next firing, so Drools works only on what differs between the record it last held and the next. Like
   * every session, for one thread at a time.
   */
  public IncrementalSession openPooled() {
    IncrementalSession session = idle.pollFirst();
    if (session != null) {
      idleCount.decrementAndGet();
      return session;
    }
    return new IncrementalSession(this, new FindingIds(), false);
  }

  /**
   * What replays in date order found lately in these rules' sessions: a record replayed before, or whose
   * first records were, is replayed only from the first record that differs ({@link ReplayAnswers}).
   */
  public ReplayAnswers replayAnswers() {
    return replayAnswers;
  }

  /** How many sessions are kept idle for {@link #openPooled}. */
  public int idle() {
    return idleCount.get();
  }

  /** Keeps a session, taken back to the empty record, for the next {@link #openPooled}; false when enough are kept. */
  boolean keep(IncrementalSession session) {
    if (idleCount.incrementAndGet() > MAX_IDLE) {
      idleCount.decrementAndGet();
      return false;
    }
    idle.addFirst(session);
    return true;
  }

  /**
   * The revision's rules compiled for incremental sessions, once per revision: from the DRL the revision
   * was compiled from, with findings inserted logically.
   */
  public static IncrementalRules compile(RuleSet ruleSet) throws RuleSetException {
    IncrementalRules rules = ruleSet.incremental.get();
    if (rules != null) {
      return rules;
    }
    List<SourceFile> logical = ruleSet.compiled().stream()
        .map(file -> new SourceFile(file.path(), DrlRewrite.logical(file.text())))
        .toList();
    rules = new IncrementalRules(build(ruleSet.name(), logical), ruleSet.factKeys(), null, true, null, ruleSet);
    // two threads may compile them at once: both then use the one kept first, and its sessions
    return ruleSet.incremental.compareAndSet(null, rules) ? rules : ruleSet.incremental.get();
  }

  /**
   * Two revisions of one rule set compiled into one set of rules, for one session that holds both: the rules
   * whose text is the same in both once, the others once for each. {@code null} when the two cannot share a
   * session: their catalogs differ, or their DRL is not plainly a list of rules.
   */
  public static IncrementalRules pair(RuleSet before, RuleSet after) {
    if (!before.catalog().steps().equals(after.catalog().steps())) {
      return null;
    }
    Map<String, String> was = RuleSourceText.rulesByName(before);
    Map<String, String> is = RuleSourceText.rulesByName(after);
    if (was == null || is == null) {
      return null;
    }
    StringBuilder drl = new StringBuilder("package peacepath;\nimport " + FactTypes.PACKAGE + ".*;\n\n");
    is.forEach((name, text) -> {
      if (text.equals(was.get(name))) {
        drl.append(text).append("\n\n");
      }
    });
    for (Map.Entry<String, String> rule : was.entrySet()) {
      if (!rule.getValue().equals(is.get(rule.getKey()))) {
        drl.append(DrlRewrite.renamed(rule.getValue(), BEFORE)).append("\n\n");
      }
    }
    for (Map.Entry<String, String> rule : is.entrySet()) {
      if (!rule.getValue().equals(was.get(rule.getKey()))) {
        drl.append(DrlRewrite.renamed(rule.getValue(), AFTER)).append("\n\n");
      }
    }
    try {
      return new IncrementalRules(build(after.name(), List.of(new SourceFile(after.name() + "/paired.drl",
          DrlRewrite.logical(drl.toString())))), FactKeys.of(drl.toString()), null, true, null, before, after);
    } catch (RuleSetException | RuntimeException e) {
      return null; // each revision in a session of its own, then
    }
  }

  /** {@link #compile} if it has been compiled already, else {@code null}. */
  static IncrementalRules compiledAlready(RuleSet ruleSet) {
    return ruleSet.incremental.get();
  }

  /** The DRL files compiled into a rule base of their own, as DRL whatever their names. */
  static KieBase build(String name, List<SourceFile> drl) throws RuleSetException {
    KieServices kie = KieServices.Factory.get();
    ReleaseId release = kie.newReleaseId("org.peacepath.incremental", name, "build-" + BUILDS.incrementAndGet());
    KieFileSystem kfs = kie.newKieFileSystem();
    kfs.generateAndWritePomXML(release);
    for (SourceFile file : drl) {
      // Always as DRL, whatever the file was written as (a table's .rules.csv would be taken for a decision table).
      String flat = file.path().replace('/', '~') + (file.path().endsWith(".drl") ? "" : ".drl");
      kfs.write(KIE_ROOT + flat, file.text().getBytes(StandardCharsets.UTF_8));
    }
    KieBuilder builder = kie.newKieBuilder(kfs).buildAll();
    List<Problem> problems = new ArrayList<>();
    for (Message message : builder.getResults().getMessages(Message.Level.ERROR)) {
      problems.add(new Problem("drl_error", name, Math.max(message.getLine(), 0),
          "the rules could not be compiled for comparing: " + RuleSetCompiler.plain(message.getText())));
    }
    try {
      if (!problems.isEmpty()) {
        throw new RuleSetException(problems);
      }
      return kie.newKieContainer(release).getKieBase();
    } finally {
      kie.getRepository().removeKieModule(release);
    }
  }
}
