package org.peacepath.rules;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;
import org.kie.api.runtime.rule.FactHandle;
import org.peacepath.catalog.Catalog;
import org.peacepath.catalog.Step;
import org.peacepath.facts.Advisory;
import org.peacepath.facts.Blocked;
import org.peacepath.facts.Caution;
import org.peacepath.facts.Done;
import org.peacepath.facts.Open;
import org.peacepath.facts.Recorded;
import org.peacepath.facts.Tally;

/**
 * One long-lived Drools session over a rule set, walked from record to record one counted record at a
 * time, so that Drools works out only what that change changes. This is what makes {@code diff} exhaustive
 * over a million records in seconds: a fresh session per record costs tens of microseconds, a step of the
 * walk a few.
 *
 * <p>The records it holds are those of the space {@code diff} walks: every record in force, taken by the
 * step's default parties, naming no facility, so that every record counts. Its facts are those
 * {@link RuleSet#fire} is given for such a record ({@link Recorded} and {@link Done} per record, a
 * {@link Tally} per kind, {@link Open} per step still to decide), kept up to date as records are added and
 * taken away.
 *
 * <p>In a session that lives on, a finding must go when the match that made it goes. So the session runs a
 * copy of the rules compiled from the very DRL that the revision was compiled from, with each consequence's
 * {@code insert( FINDING )} made {@code insertLogical( new LogicalFinding( RULE, FINDING ) )}: Drools' truth
 * maintenance then takes a finding back once no match of its rule justifies it, and the session follows
 * what is inserted and deleted. The engine's own rule set is not touched.
 *
 * <p>A session may hold two revisions of one rule set at once ({@link #pair}): the rules the two have
 * word for word in common are compiled once, the others once for each revision under names of their own, so
 * that the facts of a record are changed and matched once for both. Each revision's findings are read
 * through its {@link Side}.
 */
public final class IncrementalSession implements AutoCloseable {
  private static final String KIE_ROOT = "src/main/resources/peacepath/";
  private static final AtomicLong BUILDS = new AtomicLong();
  private static final Map<RuleSet, Rules> COMPILED = Collections.synchronizedMap(new WeakHashMap<>());
  /** What the rules only the revision before an edit has are called in a paired session, before their name. */
  private static final String BEFORE = "\u2039before\u203a ";
  /** The same for the rules only the revision after it has. */
  private static final String AFTER = "\u2039after\u203a ";

  /** Rules compiled for incremental sessions: one revision's, or two revisions' of one rule set together. */
  public static final class Rules {
    private final RuleSet[] ruleSets;
    private final KieBase kieBase;
    /**
     * Sessions for replays, idle: each holds the empty record, its facts brought into line with it by the next
     * firing that reads them. Setting up a session and firing its rules over the empty record costs more than a
     * replay, so a replay's session is taken back to the empty record when it is closed and kept for the next.
     */
    private final java.util.concurrent.ConcurrentLinkedDeque<IncrementalSession> idle =
        new java.util.concurrent.ConcurrentLinkedDeque<>();
    private final java.util.concurrent.atomic.AtomicInteger idleCount = new java.util.concurrent.atomic.AtomicInteger();

    /** The facts the rules can match: a session leaves out the facts no rule reads. */
    private final FactKeys reads;
    /**
     * For the firm rules' copy: the agenda groups of the rules that can block each step ({@link BlockTarget});
     * {@code null} when the rules are not so grouped, and all of them fire at every firing.
     */
    private final Map<String, String[]> groupsByStep;
    /** Whether some firm rule's blocked steps could not be told, so that it fires at every firing. */
    private final boolean ungrouped;
    /**
     * For the firm rules' copy: the facts the rules fired for each step can match (those of its groups and those
     * fired at every firing); {@code null} when the rules are not so grouped.
     */
    private Map<String, Reads> readsForStep;

    private Rules(KieBase kieBase, FactKeys reads, Map<String, String[]> groupsByStep, boolean ungrouped,
        RuleSet... ruleSets) {
      this.ruleSets = ruleSets;
      this.kieBase = kieBase;
      this.reads = reads;
      this.groupsByStep = groupsByStep == null ? null : Map.copyOf(groupsByStep);
      this.ungrouped = ungrouped;
    }

    /** Whether some rule fires at every firing of a replay, its blocked steps not told ({@link BlockTarget}). */
    boolean ungrouped() {
      return ungrouped;
    }

    /**
     * Whether some rule may block the step, so that {@link #fireAsDecisionFor} fires rules for it: always,
     * unless these are the firm rules' copy and none of them can block it.
     */
    public boolean mayBlock(String step) {
      return groupsByStep == null || ungrouped || groupsByStep.getOrDefault(step, NO_GROUPS).length > 0;
    }

    /** The revisions these rules are a copy of: one, or the one before an edit and the one after. */
    public List<RuleSet> ruleSets() {
      return List.of(ruleSets);
    }

    /** A new session holding the empty record, fired with {@link #fire}. */
    public IncrementalSession open(FindingIds ids) {
      return new IncrementalSession(this, ids, true);
    }

    /**
     * A new session holding the empty record, for a record's replay in date order: fired with {@link
     * #fireAsDecision}, its findings numbered for it alone. Like every session, for one thread at a time.
     */
    public IncrementalSession openForReplay() {
      IncrementalSession session = idle.pollFirst();
      if (session != null) {
        idleCount.decrementAndGet();
        return session;
      }
      return new IncrementalSession(this, new FindingIds(), false);
    }

    /** Keeps a replay's session, taken back to the empty record, for the next replay; false when enough are kept. */
    private boolean keep(IncrementalSession session) {
      if (idleCount.incrementAndGet() > MAX_IDLE) {
        idleCount.decrementAndGet();
        return false;
      }
      idle.addFirst(session);
      return true;
    }
  }

  /**
   * Numbers the findings that sessions hold, so that two revisions can be compared in a few machine words:
   * equal numbers, equal findings. Shared by every session of one comparison; thread-safe.
   */
  public static final class FindingIds {
    private final Map<LogicalFinding, Integer> ids = new ConcurrentHashMap<>();
    private volatile LogicalFinding[] findings = new LogicalFinding[256];
    private int size;

    int id(LogicalFinding finding) {
      Integer id = ids.get(finding);
      return id != null ? id : add(finding);
    }

    private synchronized int add(LogicalFinding finding) {
      Integer id = ids.get(finding);
      if (id != null) {
        return id;
      }
      LogicalFinding[] all = findings;
      if (size == all.length) {
        all = Arrays.copyOf(all, size * 2);
      }
      all[size] = finding;
      findings = all;
      ids.put(finding, size);
      return size++;
    }

    LogicalFinding finding(int id) {
      return findings[id];
    }

    /** The finding numbered {@code id}: a {@link Blocked}, {@link Caution} or {@link Advisory}. */
    public Object fact(int id) {
      return findings[id].fact();
    }
  }

  /**
   * The revision's rules compiled for incremental sessions, once per revision: from the DRL the revision
   * was compiled from, with findings inserted logically.
   */
  public static Rules compile(RuleSet ruleSet) throws RuleSetException {
    Rules rules = COMPILED.get(ruleSet);
    if (rules != null) {
      return rules;
    }
    List<SourceFile> logical = ruleSet.compiled().stream()
        .map(file -> new SourceFile(file.path(), logical(file.text())))
        .toList();
    rules = new Rules(build(ruleSet.name(), logical), ruleSet.factKeys(), null, true, ruleSet);
    COMPILED.put(ruleSet, rules);
    return rules;
  }

  private static final Map<RuleSet, Rules> FIRM = Collections.synchronizedMap(new WeakHashMap<>());
  private static final java.util.regex.Pattern INSERTS_BLOCKED =
      java.util.regex.Pattern.compile("\\bnew\\s+(" + java.util.regex.Pattern.quote(FactTypes.PACKAGE) + "\\.)?Blocked\\s*\\(");

  /**
   * The revision's firm rules (those whose consequence inserts a {@link Blocked}) compiled for incremental
   * sessions, once per revision: all a replay by date reads. A rule matches only facts, never another
   * rule's findings (the rule language sees to it), so leaving out the rules that only advise changes no
   * firm rule's findings. When the DRL is not plainly a list of rules, every rule is compiled.
   */
  public static Rules firmRules(RuleSet ruleSet) throws RuleSetException {
    Rules rules = FIRM.get(ruleSet);
    if (rules != null) {
      return rules;
    }
    Map<String, String> all = rules(ruleSet);
    if (all == null) {
      rules = compile(ruleSet);
    } else {
      StringBuilder drl = new StringBuilder();
      // Each rule whose blocked steps can be told goes in an agenda group of its own, evaluated only when a
      // replay asks about one of its steps; the others stay in the main group, evaluated at every firing.
      Map<String, String[]> groupsByStep = new HashMap<>();
      List<Map.Entry<String, BlockTarget>> targets = new ArrayList<>();
      boolean ungrouped = false;
      for (String text : all.values()) {
        if (!INSERTS_BLOCKED.matcher(text).find()) {
          continue;
        }
        BlockTarget target = BlockTarget.of(text, ruleSet.catalog());
        if (target == null) {
          ungrouped = true;
          drl.append(text).append("\n\n");
        } else {
          String group = "peacepath-blocks-" + targets.size();
          targets.add(Map.entry(group, target));
          drl.append(BlockTarget.inGroup(text, group)).append("\n\n");
        }
      }
      for (Step step : ruleSet.catalog().steps()) {
        groupsByStep.put(step.id(), BlockTarget.groupsBlocking(step.id(), targets));
      }
      // A fact that no firm rule can match (of a kind no firm rule names, or on a step or of a kind none of
      // its patterns names) changes no firm rule's matches: sessions need not hold it.
      FactKeys reads = FactKeys.of(drl.toString());
      // And a replay asking about one step fires only its rules, so only the facts they can match need be as
      // the record stands at that moment; the others may wait until a firing reads them.
      Map<String, Reads> readsForStep = new HashMap<>();
      StringBuilder everyFiring = new StringBuilder();
      for (String text : all.values()) {
        if (INSERTS_BLOCKED.matcher(text).find() && BlockTarget.of(text, ruleSet.catalog()) == null) {
          everyFiring.append(text).append("\n\n");
        }
      }
      for (Step step : ruleSet.catalog().steps()) {
        StringBuilder fired = new StringBuilder(everyFiring);
        for (String text : all.values()) {
          BlockTarget target = INSERTS_BLOCKED.matcher(text).find() ? BlockTarget.of(text, ruleSet.catalog()) : null;
          if (target != null && target.steps().contains(step.id())) {
            fired.append(text).append("\n\n");
          }
        }
        readsForStep.put(step.id(), Reads.of(FactKeys.of(fired.toString()), ruleSet.catalog()));
      }
      String text = "package peacepath;\nimport " + FactTypes.PACKAGE + ".*;\n\n" + drl;
      rules = new Rules(build(ruleSet.name(), List.of(new SourceFile(ruleSet.name() + "/firm.drl", logical(text)))),
          reads, groupsByStep, ungrouped, ruleSet);
      rules.readsForStep = Map.copyOf(readsForStep);
    }
    FIRM.put(ruleSet, rules);
    return rules;
  }

  /** {@link #firmRules} if they have been compiled already, else {@code null}. */
  public static Rules firmRulesIfCompiled(RuleSet ruleSet) {
    return FIRM.get(ruleSet);
  }

  private static final java.util.concurrent.ExecutorService PREPARING =
      java.util.concurrent.Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "peacepath-incremental-compile");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        return thread;
      });

  /**
   * Compiles the revision's {@link #firmRules} on a thread of their own, so that {@link #firmRulesIfCompiled}
   * has them soon without anyone waiting; rules that do not compile so are left to whoever needs them.
   */
  public static void prepareFirmRules(RuleSet ruleSet) {
    if (FIRM.containsKey(ruleSet)) {
      return;
    }
    PREPARING.execute(() -> {
      try {
        firmRules(ruleSet);
      } catch (RuleSetException | RuntimeException | LinkageError e) {
        // nothing to prepare: the callers do without incremental sessions for this revision
      }
    });
  }

  /**
   * {@link #compile} if it has been compiled already; else {@code null}, and, in a server ({@link
   * #prepareWhenAsked}), it is compiled on the same background thread, once, for whoever asks next. Only a
   * revision whose packages are asked for pays for it.
   */
  public static Rules compiledOrPrepared(RuleSet ruleSet) {
    Rules rules = COMPILED.get(ruleSet);
    if (rules == null && preparing && PREPARING_ALL.add(ruleSet)) {
      PREPARING.execute(() -> {
        try {
          compile(ruleSet);
        } catch (RuleSetException | RuntimeException | LinkageError e) {
          // nothing to prepare: the callers do without incremental sessions for this revision
        }
      });
    }
    return rules;
  }

  /**
   * Waits until every copy asked for so far ({@link #prepareFirmRules}, {@link #compiledOrPrepared}) is
   * compiled, or could not be, or {@code patience} has passed; whether the thread that compiles them is then
   * idle. A server waits for it before its warm-up, so that the warm-up replays a dated record the way every
   * later request will.
   */
  public static boolean awaitPrepared(java.time.Duration patience) throws InterruptedException {
    try {
      PREPARING.submit(() -> {}).get(patience.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      return true; // an empty task does not fail
    }
  }

  /**
   * Whether {@link #compiledOrPrepared} compiles in the background: in a server, which lives long enough to
   * use it, and not in a command or a reload's judge, which would spend more compiling than it saves.
   */
  private static volatile boolean preparing;

  /** Lets {@link #compiledOrPrepared} compile in the background from now on: a server calls it as it starts. */
  public static void prepareWhenAsked() {
    preparing = true;
  }

  private static final Set<RuleSet> PREPARING_ALL = Collections.newSetFromMap(Collections.synchronizedMap(new WeakHashMap<>()));

  /**
   * Two revisions of one rule set compiled into one set of rules, for one session that holds both: the rules
   * whose text is the same in both once, the others once for each. {@code null} when the two cannot share a
   * session: their catalogs differ, or their DRL is not plainly a list of rules.
   */
  public static Rules pair(RuleSet before, RuleSet after) {
    if (!before.catalog().steps().equals(after.catalog().steps())) {
      return null;
    }
    Map<String, String> was = rules(before);
    Map<String, String> is = rules(after);
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
        drl.append(renamed(rule.getValue(), BEFORE)).append("\n\n");
      }
    }
    for (Map.Entry<String, String> rule : is.entrySet()) {
      if (!rule.getValue().equals(was.get(rule.getKey()))) {
        drl.append(renamed(rule.getValue(), AFTER)).append("\n\n");
      }
    }
    try {
      return new Rules(build(after.name(), List.of(new SourceFile(after.name() + "/paired.drl", logical(drl.toString())))),
          FactKeys.of(drl.toString()), null, true, before, after);
    } catch (RuleSetException | RuntimeException e) {
      return null; // each revision in a session of its own, then
    }
  }

  /** The rules of the revision's DRL, by name, each its text from {@code rule} to {@code end}; {@code null} if unclear. */
  private static Map<String, String> rules(RuleSet ruleSet) {
    Map<String, String> rules = new LinkedHashMap<>();
    for (SourceFile file : ruleSet.compiled()) {
      String text = file.text();
      int i = 0;
      while (i < text.length()) {
        int skip = skipped(text, i);
        if (skip > i) {
          i = skip;
          continue;
        }
        if (!Character.isJavaIdentifierStart(text.charAt(i))) {
          i++;
          continue;
        }
        int j = word(text, i);
        String word = text.substring(i, j);
        if (word.equals("package") || word.equals("import")) {
          int end = text.indexOf(';', j);
          int line = text.indexOf('\n', j);
          i = end < 0 ? text.length() : line >= 0 && line < end ? line : end + 1;
        } else if (word.equals("rule")) {
          int name = j;
          while (name < text.length() && Character.isWhitespace(text.charAt(name))) {
            name++;
          }
          int nameEnd = name < text.length() ? skipped(text, name) : name;
          if (nameEnd == name || (text.charAt(name) != '"' && text.charAt(name) != '\'')) {
            return null;
          }
          int end = endOfRule(text, nameEnd);
          if (end < 0) {
            return null;
          }
          String key = unquoted(text.substring(name, nameEnd));
          if (ruleSet.rule(key).isEmpty() || rules.put(key, text.substring(i, end)) != null) {
            return null;
          }
          i = end;
        } else {
          return null; // nothing but package, imports and rules is expected
        }
      }
    }
    return rules.size() == ruleSet.rules().size() ? rules : null;
  }

  /** Just past the {@code end} that closes the rule whose name ends at {@code from}, or -1. */
  private static int endOfRule(String text, int from) {
    boolean then = false;
    int i = from;
    while (i < text.length()) {
      int skip = skipped(text, i);
      if (skip > i) {
        i = skip;
        continue;
      }
      if (Character.isJavaIdentifierStart(text.charAt(i)) && (i == 0 || !Character.isJavaIdentifierPart(text.charAt(i - 1)))) {
        int j = word(text, i);
        String word = text.substring(i, j);
        if (word.equals("then")) {
          then = true;
        } else if (then && word.equals("end")) {
          return j;
        } else if (word.equals("rule")) {
          return -1;
        }
        i = j;
      } else {
        i++;
      }
    }
    return -1;
  }

  private static int word(String text, int i) {
    int j = i + 1;
    while (j < text.length() && Character.isJavaIdentifierPart(text.charAt(j))) {
      j++;
    }
    return j;
  }

  /** A DRL string's value, as the parser reads it. */
  private static String unquoted(String literal) {
    StringBuilder value = new StringBuilder();
    for (int i = 1; i < literal.length() - 1; i++) {
      char c = literal.charAt(i);
      if (c == '\\' && i + 1 < literal.length() - 1) {
        c = literal.charAt(++i);
        switch (c) {
          case 'n' -> value.append('\n');
          case 't' -> value.append('\t');
          case 'r' -> value.append('\r');
          default -> value.append(c);
        }
      } else {
        value.append(c);
      }
    }
    return value.toString();
  }

  /** The rule's text with {@code prefix} put before its name. */
  private static String renamed(String rule, String prefix) {
    int name = 4;
    while (Character.isWhitespace(rule.charAt(name))) {
      name++;
    }
    return rule.substring(0, name + 1) + prefix + rule.substring(name + 1);
  }

  /**
   * The largest whole number that a condition of the revision's rules names ({@code count >= 3}, {@code
   * $signed + 1}); 0 when none does. A count compared with {@code n} answers the same past {@code n + 1}.
   */
  public static int largestNumberInConditions(RuleSet ruleSet) {
    int largest = 0;
    for (SourceFile file : ruleSet.compiled()) {
      String text = file.text();
      boolean conditions = false;
      int i = 0;
      while (i < text.length()) {
        int skip = skipped(text, i);
        if (skip > i) {
          i = skip;
          continue;
        }
        char c = text.charAt(i);
        if (Character.isJavaIdentifierStart(c)) {
          int j = i + 1;
          while (j < text.length() && Character.isJavaIdentifierPart(text.charAt(j))) {
            j++;
          }
          String word = text.substring(i, j);
          if (word.equals("when")) {
            conditions = true;
          } else if (word.equals("then") || word.equals("end") || word.equals("rule")) {
            conditions = false;
          }
          i = j;
        } else if (Character.isDigit(c)) {
          int j = i;
          while (j < text.length() && Character.isDigit(text.charAt(j))) {
            j++;
          }
          if (conditions) {
            largest = Math.max(largest, j - i > 6 ? Integer.MAX_VALUE : Integer.parseInt(text.substring(i, j)));
          }
          while (j < text.length() && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '.')) {
            j++;
          }
          i = j;
        } else {
          i++;
        }
      }
    }
    return largest;
  }

  private static final String WRAP = "insertLogical( new " + LogicalFinding.class.getName()
      + "( drools.getRule().getName(), ";

  /**
   * The DRL with every {@code insert( X )} of a consequence made {@code insertLogical( new LogicalFinding(
   * RULE, X ) )}, on the same line, leaving strings and comments as they are. The rule language allows
   * {@code insert} nowhere else.
   */
  static String logical(String drl) {
    StringBuilder out = new StringBuilder(drl.length() + 512);
    int n = drl.length();
    int i = 0;
    while (i < n) {
      char c = drl.charAt(i);
      int skip = skipped(drl, i);
      if (skip > i) {
        out.append(drl, i, skip);
        i = skip;
      } else if (Character.isJavaIdentifierStart(c)) {
        int j = i + 1;
        while (j < n && Character.isJavaIdentifierPart(drl.charAt(j))) {
          j++;
        }
        int open = j;
        while (open < n && Character.isWhitespace(drl.charAt(open))) {
          open++;
        }
        int close = drl.startsWith("insert", i) && j - i == 6 && open < n && drl.charAt(open) == '('
            ? closing(drl, open) : -1;
        if (close > 0) {
          out.append(WRAP).append(drl, open + 1, close).append(" ) )");
          i = close + 1;
        } else {
          out.append(drl, i, j);
          i = j;
        }
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** Where a string or comment starting at {@code i} ends (just past it), or {@code i} when none starts there. */
  private static int skipped(String text, int i) {
    char c = text.charAt(i);
    if (c == '/' && text.startsWith("//", i)) {
      int end = text.indexOf('\n', i);
      return end < 0 ? text.length() : end;
    }
    if (c == '/' && text.startsWith("/*", i)) {
      int end = text.indexOf("*/", i + 2);
      return end < 0 ? text.length() : end + 2;
    }
    if (c == '"' || c == '\'') {
      int j = i + 1;
      while (j < text.length() && text.charAt(j) != c) {
        j += text.charAt(j) == '\\' ? 2 : 1;
      }
      return Math.min(j + 1, text.length());
    }
    return i;
  }

  /** The index of the bracket that closes the one at {@code open}, or -1. */
  static int closing(String text, int open) {
    int depth = 0;
    int i = open;
    while (i < text.length()) {
      int skip = skipped(text, i);
      if (skip > i) {
        i = skip;
        continue;
      }
      char c = text.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
      i++;
    }
    return -1;
  }

  private static KieBase build(String name, List<SourceFile> drl) throws RuleSetException {
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

  /** The most idle replay sessions kept for each revision's firm rules: as many as threads decide at once, about. */
  static final int MAX_IDLE = 16;

  private final Rules rules;
  private final boolean forReplay;
  /** Records added that do not count, which only a replay adds: taken away when its session is taken back. */
  private final List<FactHandle> uncounted = new ArrayList<>();
  /** Whether a firing reached a limit, failed or was abandoned: the session is then not used again. */
  private boolean spent;
  /** The steps whose {@link Recorded}, {@link Done} and {@link Open} some rule can match, and the kinds whose {@link Tally}. */
  private final Set<String> readsRecorded;
  private final Set<String> readsDone;
  private final Set<String> readsOpen;
  private final Set<String> readsTally;
  /** The same, together. */
  private final Reads reads;
  private final RuleSet[] ruleSets;
  private final boolean paired;
  private final Catalog catalog;
  private final FindingIds ids;
  private final KieSession session;
  private final Map<String, Deque<FactHandle[]>> records = new HashMap<>();
  private final Map<String, FactHandle> open = new HashMap<>();
  private final Map<String, FactHandle> tallies = new HashMap<>();
  private final Map<String, Integer> tallyCounts = new HashMap<>();
  private final Map<String, Integer> counts = new HashMap<>();
  private final Side[] sides;
  private final Listener listener = new Listener();
  /*
   * A replay's session changes its facts lazily: adding or taking away a record changes the counts above and
   * marks the step and its kind stale; the facts are made to agree with the counts just before a firing, and
   * only those the rules about to fire can match (readsForStep). A record that no rule asked about later reads
   * is so never inserted nor deleted at all.
   */
  /** What the session holds of each step, by its id. */
  private final Map<String, Held> held = new HashMap<>();
  /** The count each kind's {@link Tally} in the session says. */
  private final Map<String, Integer> heldTally = new HashMap<>();
  /** The steps, and the kinds, whose facts may not agree with the counts. */
  private final List<Held> staleSteps = new ArrayList<>();
  private final Set<String> staleKinds = new java.util.LinkedHashSet<>();

  /** What a replay's session holds of one step: its counted records, and its facts as last made to agree. */
  private static final class Held {
    final Step step;
    final int index;
    final Deque<FactHandle> done = new ArrayDeque<>();
    final Deque<FactHandle> recorded = new ArrayDeque<>();
    FactHandle open;
    int count;
    boolean stale;

    Held(Step step, int index, FactHandle open) {
      this.step = step;
      this.index = index;
      this.open = open;
    }
  }
  /** What keeps each {@link #fireAsDecision} within a decision's limits: made at the first, started afresh at each. */
  private Findings limits;
  private RuleSet failedIn;

  private IncrementalSession(Rules rules, FindingIds ids, boolean ownLimits) {
    this.ruleSets = rules.ruleSets;
    this.paired = ruleSets.length == 2;
    this.catalog = ruleSets[ruleSets.length - 1].catalog();
    this.ids = ids;
    this.sides = new Side[ruleSets.length];
    for (int i = 0; i < sides.length; i++) {
      sides[i] = new Side(ruleSets[i]);
    }
    this.rules = rules;
    this.forReplay = !ownLimits;
    this.session = rules.kieBase.newKieSession();
    if (ownLimits) {
      // A replay's session reads its findings from the session when asked ({@link Side#fired}), rather than
      // hear of every fact it adds, changes or takes away: most of what changes there is the record.
      session.addEventListener((RuleRuntimeEventListener) listener);
      session.addEventListener((org.kie.api.event.rule.AgendaEventListener) listener);
    }
    this.reads = Reads.of(rules.reads, catalog);
    this.readsRecorded = rules.reads.read("Recorded", catalog);
    this.readsDone = rules.reads.read("Done", catalog);
    this.readsOpen = rules.reads.read("Open", catalog);
    this.readsTally = reads.tally();
    for (String kind : catalog.kinds()) {
      tallies.put(kind, readsTally.contains(kind) ? session.insert(new Tally(kind, 0)) : null);
      tallyCounts.put(kind, 0);
      heldTally.put(kind, 0);
    }
    for (Step step : catalog.steps()) {
      open.put(step.id(), readsOpen.contains(step.id()) ? session.insert(new Open(step.id(), step.kind())) : null);
      records.put(step.id(), new ArrayDeque<>());
      held.put(step.id(), new Held(step, held.size(), open.get(step.id())));
    }
  }

  /** The findings of the revision {@code i} (0, or 0 and 1 in a paired session: before and after the edit). */
  public Side side(int i) {
    return sides[i];
  }

  /** How many counted records of the step the session holds. */
  public int count(String step) {
    if (forReplay) {
      Held of = held.get(step);
      return of == null ? 0 : of.count;
    }
    return counts.getOrDefault(step, 0);
  }

  /** Adds a counted record of the step (in force, by its default parties); a step the catalog lacks is ignored. */
  public void add(String step) {
    add(step, true);
  }

  /**
   * Adds a record of the step in force, as {@link RuleSet#fire} is given it: counted, or seen by the rules but
   * not counted (a party left out, a facility dismantled before); a step the catalog lacks is ignored. A record
   * that does not count is never taken away by {@link #remove}.
   */
  public void add(String step, boolean counted) {
    add(step, counted, org.peacepath.catalog.RecordStatus.IN_FORCE.wire());
  }

  /**
   * Adds a record of the step with its status (as the record's {@code status} is written), counted or not,
   * as {@link RuleSet#fire} is given it; a record counts only in force.
   */
  public void add(String step, boolean counted, String status) {
    if (!catalog.contains(step)) {
      return;
    }
    Step s = catalog.get(step);
    if (!counted) {
      if (readsRecorded.contains(step)) {
        uncounted.add(session.insert(new Recorded(s.id(), s.kind(), status, false)));
      }
      return;
    }
    if (forReplay) {
      Held of = held.get(step);
      of.count++;
      tallyCounts.merge(s.kind(), 1, Integer::sum);
      stale(of);
      return;
    }
    FactHandle recorded = readsRecorded.contains(step) ? session.insert(new Recorded(s.id(), s.kind(), org.peacepath.catalog.RecordStatus.IN_FORCE.wire(), true)) : null;
    FactHandle done = readsDone.contains(step) ? session.insert(new Done(s.id(), s.kind())) : null;
    records.get(step).push(new FactHandle[] {recorded, done});
    int count = counts.merge(step, 1, Integer::sum);
    tally(s.kind(), +1);
    if (!s.repeatable() && count == 1) {
      delete(open.remove(step));
    }
  }

  /** Takes away the last counted record of the step added; a step the catalog lacks, or with none, is ignored. */
  public void remove(String step) {
    if (!catalog.contains(step) || count(step) == 0) {
      return;
    }
    Step s = catalog.get(step);
    if (forReplay) {
      Held of = held.get(step);
      of.count--;
      tallyCounts.merge(s.kind(), -1, Integer::sum);
      stale(of);
      return;
    }
    FactHandle[] handles = records.get(step).pop();
    delete(handles[1]);
    delete(handles[0]);
    int count = counts.merge(step, -1, Integer::sum);
    tally(s.kind(), -1);
    if (!s.repeatable() && count == 0) {
      open.put(step, readsOpen.contains(step) ? session.insert(new Open(s.id(), s.kind())) : null);
    }
  }

  /**
   * Takes away the record of the step added last, counted or not: a replay, having added a record's records
   * in date order, takes them away again from the last, and so ends holding the empty record.
   */
  public void removeLast(String step, boolean counted) {
    if (counted) {
      remove(step);
    } else if (readsRecorded.contains(step) && !uncounted.isEmpty()) {
      session.delete(uncounted.remove(uncounted.size() - 1));
    }
  }

  private void delete(FactHandle handle) {
    if (handle != null) {
      session.delete(handle);
    }
  }

  /**
   * Makes the facts of the stale steps and kinds agree with the counts, those that {@code reads} can match
   * ({@code null}: all of them); the others stay stale.
   */
  private void agree(Reads now) {
    Reads reads = now == null ? this.reads : now;
    for (int i = 0; i < staleSteps.size(); ) {
      Held of = staleSteps.get(i);
      Step step = of.step;
      int at = of.index;
      boolean all = true;
      if (this.reads.done()[at]) {
        if (reads.done()[at]) {
          agree(of.done, of.count, () -> new Done(step.id(), step.kind()));
        } else {
          all = false;
        }
      }
      if (this.reads.recorded()[at]) {
        if (reads.recorded()[at]) {
          agree(of.recorded, of.count, () -> new Recorded(step.id(), step.kind(),
              org.peacepath.catalog.RecordStatus.IN_FORCE.wire(), true));
        } else {
          all = false;
        }
      }
      if (this.reads.open()[at]) {
        if (reads.open()[at]) {
          boolean isOpen = step.repeatable() || of.count == 0;
          if (isOpen && of.open == null) {
            of.open = session.insert(new Open(step.id(), step.kind()));
          } else if (!isOpen && of.open != null) {
            session.delete(of.open);
            of.open = null;
          }
        } else {
          all = false;
        }
      }
      if (all) {
        of.stale = false;
        staleSteps.set(i, staleSteps.get(staleSteps.size() - 1));
        staleSteps.remove(staleSteps.size() - 1);
      } else {
        i++;
      }
    }
    for (java.util.Iterator<String> stale = staleKinds.iterator(); stale.hasNext(); ) {
      String kind = stale.next();
      if (!readsTally.contains(kind)) {
        stale.remove();
      } else if (reads.tally().contains(kind)) {
        int count = tallyCounts.get(kind);
        if (heldTally.get(kind) != count) {
          session.update(tallies.get(kind), new Tally(kind, count));
          heldTally.put(kind, count);
        }
        stale.remove();
      }
    }
  }

  /** Marks the step's facts, and its kind's tally, as perhaps not agreeing with the counts. */
  private void stale(Held of) {
    if (!of.stale) {
      of.stale = true;
      staleSteps.add(of);
    }
    staleKinds.add(of.step.kind());
  }

  /** Inserts or deletes facts until the session holds {@code count} of them. */
  private void agree(Deque<FactHandle> held, int count, java.util.function.Supplier<Object> fact) {
    while (held.size() < count) {
      held.push(session.insert(fact.get()));
    }
    while (held.size() > count) {
      session.delete(held.pop());
    }
  }

  private void tally(String kind, int by) {
    int count = tallyCounts.merge(kind, by, Integer::sum);
    if (readsTally.contains(kind)) {
      session.update(tallies.get(kind), new Tally(kind, count));
    }
  }

  /**
   * Fires the rules over what changed since the last firing; throws {@link RuleFailureException} when a rule
   * will not stop firing or fails, as {@link RuleSet#fire} would, naming the revision whose rule it is. The
   * session is of no further use then.
   */
  public void fire() {
    listener.start();
    try {
      session.fireAllRules(RuleSet.MAX_FIRINGS);
    } catch (ConsequenceException e) {
      String rule = e.getMatch() == null ? "?" : e.getMatch().getRule().getName();
      failedIn = ruleSetOf(rule);
      throw RuleFailureException.failed(failedIn.name(), unprefixed(rule), where(rule), e);
    } catch (RuntimeException | StackOverflowError e) {
      String rule = listener.firing;
      if (rule == null) {
        throw e;
      }
      failedIn = ruleSetOf(rule);
      throw RuleFailureException.failed(failedIn.name(), unprefixed(rule), where(rule), e);
    }
    if (listener.runaway != null) {
      String rule = listener.runaway;
      failedIn = ruleSetOf(rule);
      throw RuleFailureException.runaway(failedIn.name(), unprefixed(rule), where(rule),
          RuleSet.MAX_FIRINGS + " firings or " + RuleSet.MAX_NANOS / 1_000_000_000L + " s");
    }
  }

  /**
   * Fires the rules over what changed since the last firing within the limits {@link RuleSet#fire} keeps to a
   * decision ({@link RuleSet#MAX_FIRINGS} firings, {@link RuleSet#MAX_MATCHES} matches, {@link RuleSet#MAX_NANOS}
   * and what is left of the answer's {@link DecisionBudget}), watched as it watches one. False when a limit
   * was reached or a rule failed, and the session is then of no further use: the caller decides afresh, where
   * the failure is reported as a decision reports it. Throws {@link DecisionAbandonedException} once the
   * client has gone.
   */
  public boolean fireAsDecision() {
    if (forReplay) {
      agree(null);
    }
    return fireWithinLimits();
  }

  private boolean fireWithinLimits() {
    DecisionBudget budget = DecisionBudget.current();
    long now = System.nanoTime();
    long deadline = now + RuleSet.MAX_NANOS;
    if (budget != null) {
      if (budget.abandoned()) {
        throw new DecisionAbandonedException(ruleSets[0].name());
      }
      if (budget.deadline() - now <= 0) {
        spent = true;
        return false;
      }
      deadline = budget.deadline() - deadline < 0 ? budget.deadline() : deadline;
    }
    if (limits == null) {
      limits = new Findings(session, RuleSet.MAX_FIRINGS, RuleSet.MAX_MATCHES, deadline, budget);
      session.addEventListener((org.kie.api.event.rule.AgendaEventListener) limits);
    } else {
      limits.restart(deadline, budget);
    }
    Watchdog.Slot slot = Watchdog.watch(session, deadline, budget);
    Watchdog.Seen seen = Watchdog.Seen.NOTHING;
    spent = true; // until the firing ends well
    try {
      session.fireAllRules(RuleSet.MAX_FIRINGS);
    } catch (RuntimeException | StackOverflowError e) {
      return false;
    } finally {
      seen = Watchdog.release(slot);
    }
    if (limits.reached() == Findings.Limit.ABANDONED || seen.abandoned()) {
      throw new DecisionAbandonedException(ruleSets[0].name());
    }
    spent = limits.reached() != null || seen.timedOut();
    return !spent;
  }

  private static final String[] NO_GROUPS = {};

  /**
   * {@link #fireAsDecision}, for what blocks one step alone: only the rules that can block it are evaluated
   * (and those whose blocked steps cannot be told), so the findings on that step are as a full firing would
   * leave them, and those on other steps may lag until a firing for them. True, without firing, when no
   * rule can block the step.
   */
  public boolean fireAsDecisionFor(String step) {
    Map<String, String[]> groups = rules.groupsByStep;
    if (groups == null) {
      return fireAsDecision();
    }
    if (!rules.mayBlock(step)) {
      return true;
    }
    if (forReplay) {
      agree(rules.readsForStep == null ? null : rules.readsForStep.get(step));
    }
    String[] blocking = groups.getOrDefault(step, NO_GROUPS);
    for (String group : blocking) {
      session.getAgenda().getAgendaGroup(group).setFocus();
    }
    return fireWithinLimits();
  }

  /** How many times rules fired in the last {@link #fire}. */
  public int firings() {
    return listener.firings;
  }

  /** The revision whose rule failed in the last {@link #fire}, or {@code null}. */
  public RuleSet failedIn() {
    return failedIn;
  }

  /** The revision whose rule {@code rule} (as the session names it) is: before the edit only for its own rules. */
  private RuleSet ruleSetOf(String rule) {
    return paired && rule.startsWith(BEFORE) ? ruleSets[0] : ruleSets[ruleSets.length - 1];
  }

  /** The rule's own name, as its revision names it. */
  private static String unprefixed(String rule) {
    return rule.startsWith(BEFORE) ? rule.substring(BEFORE.length())
        : rule.startsWith(AFTER) ? rule.substring(AFTER.length()) : rule;
  }

  private String where(String rule) {
    return ruleSetOf(rule).rule(unprefixed(rule)).map(RuleInfo::where).orElse("");
  }

  /** The step a finding is on; {@code ""} for an advisory, which is on none. */
  public static String stepOf(Object finding) {
    if (finding instanceof Blocked blocked) {
      return blocked.step();
    }
    return finding instanceof Caution caution ? caution.step() : "";
  }

  /**
   * Ends the session. A replay's session whose firings all ended well is taken back to the empty record
   * (its facts brought into line, and its rules fired again, by the next replay, on that replay's budget) and
   * kept for the next replay.
   */
  @Override
  public void close() {
    if (forReplay && !spent) {
      for (Step step : catalog.steps()) {
        for (int n = count(step.id()); n > 0; n--) {
          remove(step.id());
        }
      }
      uncounted.forEach(session::delete);
      uncounted.clear();
      if (rules.keep(this)) {
        return;
      }
    }
    session.dispose();
  }

  /**
   * The steps whose {@link Done}, counted {@link Recorded} and {@link Open} some rule can match, and the kinds
   * whose {@link Tally}: {@link FactKeys} worked out over the catalog once, for a session to ask record after
   * record.
   */
  record Reads(boolean[] done, boolean[] recorded, boolean[] open, Set<String> tally) {
    static Reads of(FactKeys keys, Catalog catalog) {
      List<Step> steps = catalog.steps();
      boolean[] done = new boolean[steps.size()];
      boolean[] recorded = new boolean[steps.size()];
      boolean[] open = new boolean[steps.size()];
      for (int i = 0; i < steps.size(); i++) {
        Step step = steps.get(i);
        done[i] = keys.reads("Done", step.id(), step.kind());
        recorded[i] = keys.reads("Recorded", step.id(), step.kind());
        open[i] = keys.reads("Open", step.id(), step.kind());
      }
      return new Reads(done, recorded, open, keys.read("Tally", catalog));
    }
  }

  /** Only the findings, from what a session holds: Drools keeps each class's facts apart, so it walks those alone. */
  private static final org.kie.api.runtime.ClassObjectFilter FINDINGS =
      new org.kie.api.runtime.ClassObjectFilter(LogicalFinding.class);

  /**
   * The findings one revision holds in the session, kept as a set of numbers as the session hears of them; a
   * replay's session, which hears of nothing, reads them from the session ({@link #fired} only).
   */
  public final class Side {
    private final RuleSet ruleSet;
    private int[] held = new int[64];
    private long[] bits = new long[1];

    private Side(RuleSet ruleSet) {
      this.ruleSet = ruleSet;
    }

    /** The revision. */
    public RuleSet ruleSet() {
      return ruleSet;
    }

    private void held(int id, int by) {
      if (id >= held.length) {
        held = Arrays.copyOf(held, Math.max(held.length * 2, id + 1));
      }
      if (id / 64 >= bits.length) {
        bits = Arrays.copyOf(bits, Math.max(bits.length * 2, id / 64 + 1));
      }
      held[id] += by;
      if (held[id] > 0) {
        bits[id / 64] |= 1L << (id % 64);
      } else {
        bits[id / 64] &= ~(1L << (id % 64));
      }
    }

    /** Whether this side holds exactly the findings {@code other} holds (both numbered by the same ids). */
    public boolean sameFindings(Side other) {
      long[] a = bits;
      long[] b = other.bits;
      for (int i = 0; i < Math.max(a.length, b.length); i++) {
        if ((i < a.length ? a[i] : 0) != (i < b.length ? b[i] : 0)) {
          return false;
        }
      }
      return true;
    }

    /**
     * The steps on which the two sides' findings differ, or on which one holds a finding of a rule in
     * {@code reread}; {@code ""} among them stands for the advisories, which are on no step. Where every
     * finding on a step is held by both sides (and made by rules that read the same in both), the two
     * answers agree on that step.
     */
    public Set<String> stepsDiffering(Side other, Set<String> reread) {
      Set<String> steps = new HashSet<>();
      long[] a = bits;
      long[] b = other.bits;
      for (int word = 0; word < Math.max(a.length, b.length); word++) {
        long x = word < a.length ? a[word] : 0;
        long y = word < b.length ? b[word] : 0;
        long differing = x ^ y;
        if (!reread.isEmpty()) {
          for (long w = (x | y) & ~differing; w != 0; w &= w - 1) {
            if (reread.contains(ids.finding(word * 64 + Long.numberOfTrailingZeros(w)).rule())) {
              differing |= Long.lowestOneBit(w);
            }
          }
        }
        for (long w = differing; w != 0; w &= w - 1) {
          steps.add(stepOf(ids.finding(word * 64 + Long.numberOfTrailingZeros(w)).fact()));
        }
      }
      return steps;
    }

    /** The numbers of the findings held on the steps given ({@code ""} for the advisories), ascending. */
    public int[] heldOn(Set<String> steps) {
      int[] on = new int[8];
      int n = 0;
      for (int word = 0; word < bits.length; word++) {
        for (long w = bits[word]; w != 0; w &= w - 1) {
          int id = word * 64 + Long.numberOfTrailingZeros(w);
          if (steps.contains(stepOf(ids.finding(id).fact()))) {
            if (n == on.length) {
              on = Arrays.copyOf(on, n * 2);
            }
            on[n++] = id;
          }
        }
      }
      return Arrays.copyOf(on, n);
    }

    /** What the rules have found in the record the session holds now, each finding once. */
    public Fired fired() {
      return fired(null);
    }

    /**
     * What the rules have found on the steps given ({@code ""} for the advisories), each finding once; all of
     * it when {@code steps} is {@code null}.
     */
    public Fired fired(Set<String> steps) {
      List<Fired.Found<Blocked>> blocks = new ArrayList<>();
      List<Fired.Found<Caution>> cautions = new ArrayList<>();
      List<Fired.Found<Advisory>> advisories = new ArrayList<>();
      if (forReplay) {
        for (Object held : session.getObjects(FINDINGS)) {
          sort((LogicalFinding) held, steps, blocks, cautions, advisories);
        }
      } else {
        for (int word = 0; word < bits.length; word++) {
          for (long w = bits[word]; w != 0; w &= w - 1) {
            sort(ids.finding(word * 64 + Long.numberOfTrailingZeros(w)), steps, blocks, cautions, advisories);
          }
        }
      }
      return new Fired(blocks, cautions, advisories);
    }

    private static void sort(LogicalFinding found, Set<String> steps, List<Fired.Found<Blocked>> blocks,
        List<Fired.Found<Caution>> cautions, List<Fired.Found<Advisory>> advisories) {
      if (steps != null && !steps.contains(stepOf(found.fact()))) {
        return;
      }
      if (found.fact() instanceof Blocked blocked) {
        blocks.add(new Fired.Found<>(found.rule(), blocked));
      } else if (found.fact() instanceof Caution caution) {
        cautions.add(new Fired.Found<>(found.rule(), caution));
      } else if (found.fact() instanceof Advisory advisory) {
        advisories.add(new Fired.Found<>(found.rule(), advisory));
      }
    }
  }

  /** Follows the findings inserted and taken back, and stops a rule that keeps firing. */
  private final class Listener extends DefaultAgendaEventListener implements RuleRuntimeEventListener {
    private int firings;
    private long deadline;
    private String firing;
    private String runaway;
    private final Map<String, Integer> byRule = new HashMap<>();

    void start() {
      firings = 0;
      deadline = System.nanoTime() + RuleSet.MAX_NANOS;
      firing = null;
      runaway = null;
      byRule.clear();
    }

    private void found(LogicalFinding finding, int by) {
      if (!paired) {
        sides[0].held(ids.id(finding), by);
      } else if (finding.rule().startsWith(BEFORE)) {
        sides[0].held(ids.id(new LogicalFinding(finding.rule().substring(BEFORE.length()), finding.fact())), by);
      } else if (finding.rule().startsWith(AFTER)) {
        sides[1].held(ids.id(new LogicalFinding(finding.rule().substring(AFTER.length()), finding.fact())), by);
      } else {
        int id = ids.id(finding);
        sides[0].held(id, by);
        sides[1].held(id, by);
      }
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
      if (event.getObject() instanceof LogicalFinding finding) {
        found(finding, +1);
      }
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {}

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
      if (event.getOldObject() instanceof LogicalFinding finding) {
        found(finding, -1);
      }
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
      firing = event.getMatch().getRule().getName();
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
      firing = null;
      firings++;
      byRule.merge(event.getMatch().getRule().getName(), 1, Integer::sum);
      if (runaway == null && (firings >= RuleSet.MAX_FIRINGS || (firings % 64 == 0 && System.nanoTime() > deadline))) {
        // As the engine does: the rule that fired most is the one running away.
        runaway = byRule.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        session.halt();
      }
    }
  }
}
