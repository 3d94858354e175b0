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

    private Rules(KieBase kieBase, RuleSet... ruleSets) {
      this.ruleSets = ruleSets;
      this.kieBase = kieBase;
    }

    /** The revisions these rules are a copy of: one, or the one before an edit and the one after. */
    public List<RuleSet> ruleSets() {
      return List.of(ruleSets);
    }

    /** A new session holding the empty record. */
    public IncrementalSession open(FindingIds ids) {
      return new IncrementalSession(this, ids);
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
    rules = new Rules(build(ruleSet.name(), logical), ruleSet);
    COMPILED.put(ruleSet, rules);
    return rules;
  }

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
          before, after);
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
  private static int closing(String text, int open) {
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
  private RuleSet failedIn;

  private IncrementalSession(Rules rules, FindingIds ids) {
    this.ruleSets = rules.ruleSets;
    this.paired = ruleSets.length == 2;
    this.catalog = ruleSets[ruleSets.length - 1].catalog();
    this.ids = ids;
    this.sides = new Side[ruleSets.length];
    for (int i = 0; i < sides.length; i++) {
      sides[i] = new Side(ruleSets[i]);
    }
    this.session = rules.kieBase.newKieSession();
    session.addEventListener((RuleRuntimeEventListener) listener);
    session.addEventListener((org.kie.api.event.rule.AgendaEventListener) listener);
    for (String kind : catalog.kinds()) {
      tallies.put(kind, session.insert(new Tally(kind, 0)));
      tallyCounts.put(kind, 0);
    }
    for (Step step : catalog.steps()) {
      open.put(step.id(), session.insert(new Open(step.id(), step.kind())));
      records.put(step.id(), new ArrayDeque<>());
    }
  }

  /** The findings of the revision {@code i} (0, or 0 and 1 in a paired session: before and after the edit). */
  public Side side(int i) {
    return sides[i];
  }

  /** How many counted records of the step the session holds. */
  public int count(String step) {
    return counts.getOrDefault(step, 0);
  }

  /** Adds a counted record of the step (in force, by its default parties); a step the catalog lacks is ignored. */
  public void add(String step) {
    if (!catalog.contains(step)) {
      return;
    }
    Step s = catalog.get(step);
    FactHandle recorded = session.insert(new Recorded(s.id(), s.kind(), org.peacepath.catalog.RecordStatus.IN_FORCE.wire(), true));
    FactHandle done = session.insert(new Done(s.id(), s.kind()));
    records.get(step).push(new FactHandle[] {recorded, done});
    int count = counts.merge(step, 1, Integer::sum);
    tally(s.kind(), +1);
    if (!s.repeatable() && count == 1) {
      session.delete(open.remove(step));
    }
  }

  /** Takes away the last counted record of the step added; a step the catalog lacks, or with none, is ignored. */
  public void remove(String step) {
    if (!catalog.contains(step) || count(step) == 0) {
      return;
    }
    Step s = catalog.get(step);
    FactHandle[] handles = records.get(step).pop();
    session.delete(handles[1]);
    session.delete(handles[0]);
    int count = counts.merge(step, -1, Integer::sum);
    tally(s.kind(), -1);
    if (!s.repeatable() && count == 0) {
      open.put(step, session.insert(new Open(s.id(), s.kind())));
    }
  }

  private void tally(String kind, int by) {
    int count = tallyCounts.merge(kind, by, Integer::sum);
    session.update(tallies.get(kind), new Tally(kind, count));
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

  @Override
  public void close() {
    session.dispose();
  }

  /** The findings one revision holds in the session, kept as a set of numbers. */
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
      for (int word = 0; word < bits.length; word++) {
        for (long w = bits[word]; w != 0; w &= w - 1) {
          LogicalFinding found = ids.finding(word * 64 + Long.numberOfTrailingZeros(w));
          if (steps != null && !steps.contains(stepOf(found.fact()))) {
            continue;
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
      return new Fired(blocks, cautions, advisories);
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
