package org.peacepath.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieContainer;
import org.peacepath.catalog.Catalog;

/**
 * Compiles one rule set from the rules folder: the shared catalog, the rule set's manifest, and the
 * DRL files of its own folder and of the folders it includes. Every mistake is reported with its file
 * and line; nothing half-compiled is ever returned.
 */
public final class RuleSetCompiler {
  /** The rule set a request gets when it names none. */
  public static final String DEFAULT = "sigal";
  public static final String CATALOG = "catalog.yaml";
  public static final String MANIFEST = "ruleset.yaml";
  public static final String SCENARIO_SUFFIX = ".scenarios.yaml";

  private static final String KIE_ROOT = "src/main/resources/peacepath/";
  private static final AtomicLong BUILDS = new AtomicLong();

  private RuleSetCompiler() {}

  /** The names of the rule sets under {@code root}: its folders that hold a {@code ruleset.yaml}, the default first. */
  public static List<String> names(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new IOException("no rules folder at " + root.toAbsolutePath());
    }
    try (Stream<Path> children = Files.list(root)) {
      return children
          .filter(OwnedFiles::owned)
          .filter(dir -> Files.isRegularFile(dir.resolve(MANIFEST)))
          .map(dir -> dir.getFileName().toString())
          .sorted(RuleSetCompiler::byDefaultFirst)
          .toList();
    }
  }

  /** Orders rule set names with the default first, the rest by name. */
  public static int byDefaultFirst(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    return a.equals(DEFAULT) ? -1 : b.equals(DEFAULT) ? 1 : a.compareTo(b);
  }

  /** Compiles the named rule set, or reports every problem found on the way. */
  public static RuleSet compile(Path root, String name) throws RuleSetException {
    return compile(RuleSetFiles.read(root, name), name);
  }

  /** Compiles a rule set from its files, read once by the caller. */
  static RuleSet compile(RuleSetFiles sources, String name) throws RuleSetException {
    SourceFile catalogFile = sources.catalog();
    Catalog catalog = CatalogReader.read(catalogFile.path(), catalogFile.text());
    Manifest manifest = sources.manifest();

    List<Problem> problems = new ArrayList<>();
    // A precondition table becomes DRL through the rule template, and that DRL then goes the way of every
    // rule file: checked, printed anew, compiled. What is found in it is said of the table's row.
    List<PreconditionTable.Compiled> tables = new ArrayList<>();
    for (RuleSetFiles.TableFile table : sources.tables()) {
      PreconditionTable.Compiled compiled = PreconditionTable.compile(table.path(), table.bytes(), catalog);
      tables.add(compiled);
      problems.addAll(compiled.problems());
    }
    if (!problems.isEmpty()) {
      throw new RuleSetException(problems);
    }
    List<SourceFile> drl = new ArrayList<>(sources.drl());
    tables.forEach(t -> drl.add(t.drl()));
    drl.sort(java.util.Comparator.comparingInt(f -> sources.ruleFiles().indexOf(f.path())));

    // Nothing is compiled, let alone run, until every file keeps to the rule language; and what is
    // compiled is the DRL printed from what the check read, never the file as written.
    List<RuleLanguage.Checked> checked = new ArrayList<>();
    for (SourceFile file : drl) {
      RuleLanguage.Checked read = RuleLanguage.read(file);
      checked.add(read);
      problems.addAll(read.problems());
    }
    if (!problems.isEmpty()) {
      throw new RuleSetException(atRows(problems, tables));
    }
    for (SourceFile file : sources.drl()) {
      problems.addAll(DrlScanner.unknownSteps(file, catalog)); // a table's steps were checked at its cells
    }
    RuleMetadata.Read metadata = RuleMetadata.read(checked);
    problems.addAll(metadata.problems());
    org.kie.api.KieBase kieBase = build(name, checked, problems);
    if (!problems.isEmpty()) {
      throw new RuleSetException(atRows(problems, tables));
    }

    Map<String, RuleInfo> rules = new LinkedHashMap<>();
    metadata.rules().forEach(rule -> rules.put(rule.name(), atRow(rule, tables)));
    List<SourceFile> files = sources.files();
    // What Drools was given, file by file, for IncrementalSession to compile again with its findings made logical.
    List<SourceFile> printed = checked.stream().map(c -> new SourceFile(c.file().path(), c.printed().text())).toList();
    return new RuleSet(name, manifest, sources.revision(), Instant.now(), catalog, kieBase, rules, files, sources.scenarios(),
        printed, sources.tables());
  }

  /** The problems, those found in the DRL a table became said of the table's row. */
  private static List<Problem> atRows(List<Problem> problems, List<PreconditionTable.Compiled> tables) {
    return problems.stream().map(problem -> tables.stream().filter(t -> t.drl().path().equals(problem.file()))
        .findFirst().map(t -> t.atRow(problem)).orElse(problem)).toList();
  }

  /** A rule written by a table, placed at the line of its row, where an editor finds it. */
  private static RuleInfo atRow(RuleInfo rule, List<PreconditionTable.Compiled> tables) {
    for (PreconditionTable.Compiled table : tables) {
      if (table.drl().path().equals(rule.file())) {
        return table.originOf(rule.line()).map(o -> new RuleInfo(rule.name(), rule.id(), rule.basis(), rule.source(),
            rule.brief(), rule.file(), o.line(), rule.order())).orElse(rule);
      }
    }
    return rule;
  }

  /** A compiler message in an editor's words: one line, without Drools' prefixes, class or package names. */
  static String plain(String text) {
    return text.replaceAll("\\s+", " ")
        .replaceFirst("^\\[ERR \\d+\\] Line \\d+:\\d+ ", "")
        .replaceAll("\\[Rule name='([^']*)'\\]", "in the rule \"$1\"")
        .replace(KIE_ROOT, "")
        .replaceAll("(?:[a-z_][a-z0-9_]*\\.){2,}([A-Z][\\w$]*)", "$1")
        .trim();
  }

  /** "Unable to Analyse Expression kind == $zz:", whose line Drools gives as -1: the expression, to find it by. */
  private static final java.util.regex.Pattern EXPRESSION =
      java.util.regex.Pattern.compile("Unable to Analyse Expression (.+?):\\s*\\[");

  private static org.kie.api.KieBase build(String name, List<RuleLanguage.Checked> drl, List<Problem> problems) {
    KieServices kie = KieServices.Factory.get();
    ReleaseId release = kie.newReleaseId("org.peacepath.rules", name, "build-" + BUILDS.incrementAndGet());
    KieFileSystem kfs = kie.newKieFileSystem();
    kfs.generateAndWritePomXML(release);
    // Every file goes straight under one folder, named after its path, since Drools expects a
    // file's folder to match its package; messages are mapped back to the path an editor knows,
    // and from the printed line to the author's.
    Map<String, RuleLanguage.Checked> files = new java.util.HashMap<>();
    for (RuleLanguage.Checked file : drl) {
      // Always as DRL: what reaches Drools is printed DRL, whatever it was written as (a table's .rules.csv
      // would otherwise be taken for a decision table, or passed over).
      String flat = file.file().path().replace('/', '~') + (file.file().path().endsWith(".drl") ? "" : ".drl");
      files.put(flat, file);
      kfs.write(KIE_ROOT + flat, file.printed().text().getBytes(StandardCharsets.UTF_8));
    }
    KieBuilder builder = kie.newKieBuilder(kfs).buildAll();
    for (Message message : builder.getResults().getMessages(Message.Level.ERROR)) {
      if (message.getText().contains("Parser returned a null Package")) {
        continue; // follows every syntax error, and says nothing the syntax error did not
      }
      String path = message.getPath() == null ? "" : message.getPath();
      RuleLanguage.Checked file = files.get(path.substring(path.lastIndexOf('/') + 1));
      String where = file == null ? path : file.file().path();
      int line = file == null ? Math.max(message.getLine(), 0) : file.printed().source(message.getLine());
      java.util.regex.Matcher expression = EXPRESSION.matcher(message.getText().replaceAll("\\s+", " "));
      if (file != null && message.getLine() < 1 && expression.find()) {
        line = file.printed().sourceOf(expression.group(1).trim());
      }
      problems.add(new Problem("drl_error", where, line, plain(message.getText())));
    }
    if (!problems.isEmpty()) {
      kie.getRepository().removeKieModule(release);
      return null;
    }
    KieContainer container = kie.newKieContainer(release);
    org.kie.api.KieBase kieBase = container.getKieBase();
    kie.getRepository().removeKieModule(release);
    return kieBase;
  }
}
