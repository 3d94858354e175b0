package org.peacepath.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final AtomicLong BUILDS = new AtomicLong();

  private RuleSetCompiler() {}

  /** The names of the rule sets under {@code root}: its folders that hold a {@code ruleset.yaml}, the default first. */
  public static List<String> names(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new IOException("no rules folder at " + root.toAbsolutePath());
    }
    try (Stream<Path> children = Files.list(root)) {
      return children
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

  /** The files a rule set is made of, read from disk but not yet compiled. */
  private record Sources(SourceFile catalog, SourceFile manifestFile, Manifest manifest, List<SourceFile> drl,
      List<SourceFile> scenarios) {
    List<SourceFile> files() {
      List<SourceFile> files = new ArrayList<>();
      files.add(catalog);
      files.add(manifestFile);
      files.addAll(drl);
      return files;
    }
  }

  /** The revision the named rule set's files on disk would compile to, without compiling them. */
  public static String revisionOnDisk(Path root, String name) throws RuleSetException {
    return revision(sources(root, name).files());
  }

  /** The scenario files that run under the named rule set, as they are on disk now. */
  public static List<SourceFile> scenariosOnDisk(Path root, String name) throws RuleSetException {
    return sources(root, name).scenarios();
  }

  private static Sources sources(Path root, String name) throws RuleSetException {
    SourceFile catalogFile = read(root, CATALOG);
    SourceFile manifestFile = read(root, name + "/" + MANIFEST);
    Manifest manifest = manifest(manifestFile);
    List<String> folders = folders(root, name, manifest, manifestFile);
    List<SourceFile> drl = new ArrayList<>();
    List<SourceFile> scenarios = new ArrayList<>();
    for (String folder : folders) {
      boolean shared = folder.equals(name) || !Files.isRegularFile(root.resolve(folder).resolve(MANIFEST));
      for (String file : listFiles(root, folder)) {
        if (file.endsWith(".drl")) {
          drl.add(read(root, file));
        } else if (file.endsWith(SCENARIO_SUFFIX) && shared) {
          scenarios.add(read(root, file));
        }
      }
    }
    if (drl.isEmpty()) {
      throw new RuleSetException(new Problem("no_rules", manifestFile.path(), 0,
          "rule set " + name + " has no .drl files in " + String.join(", ", folders)));
    }
    return new Sources(catalogFile, manifestFile, manifest, drl, scenarios);
  }

  /** Compiles the named rule set, or reports every problem found on the way. */
  public static RuleSet compile(Path root, String name) throws RuleSetException {
    Sources sources = sources(root, name);
    SourceFile catalogFile = sources.catalog();
    Catalog catalog = CatalogReader.read(catalogFile.path(), catalogFile.text());
    Manifest manifest = sources.manifest();
    List<SourceFile> drl = sources.drl();

    List<Problem> problems = new ArrayList<>();
    for (SourceFile file : drl) {
      problems.addAll(DrlScanner.unknownSteps(file, catalog));
    }
    org.kie.api.KieBase kieBase = build(name, drl, problems);
    if (!problems.isEmpty()) {
      throw new RuleSetException(problems);
    }

    Map<String, RuleInfo> rules = new LinkedHashMap<>();
    for (SourceFile file : drl) {
      for (RuleInfo rule : DrlScanner.rules(file, rules.size())) {
        rules.put(rule.name(), rule);
      }
    }
    List<SourceFile> files = sources.files();
    return new RuleSet(name, manifest.title(), manifest.description(), revision(files), Instant.now(),
        catalog, kieBase, kieBase.newKieSessionsPool(4), rules, files, sources.scenarios());
  }

  private static org.kie.api.KieBase build(String name, List<SourceFile> drl, List<Problem> problems) {
    KieServices kie = KieServices.Factory.get();
    ReleaseId release = kie.newReleaseId("org.peacepath.rules", name, "build-" + BUILDS.incrementAndGet());
    KieFileSystem kfs = kie.newKieFileSystem();
    kfs.generateAndWritePomXML(release);
    // Every file goes straight under one folder, named after its path, since Drools expects a
    // file's folder to match its package; messages are mapped back to the path an editor knows.
    Map<String, String> paths = new java.util.HashMap<>();
    for (SourceFile file : drl) {
      String flat = file.path().replace('/', '~');
      paths.put(flat, file.path());
      kfs.write(KIE_ROOT + flat, file.text().getBytes(StandardCharsets.UTF_8));
    }
    KieBuilder builder = kie.newKieBuilder(kfs).buildAll();
    for (Message message : builder.getResults().getMessages(Message.Level.ERROR)) {
      if (message.getText().contains("Parser returned a null Package")) {
        continue; // follows every syntax error, and says nothing the syntax error did not
      }
      String path = message.getPath() == null ? "" : message.getPath();
      String flat = path.substring(path.lastIndexOf('/') + 1);
      String file = paths.getOrDefault(flat, path);
      problems.add(new Problem("drl_error", file, Math.max(message.getLine(), 0),
          message.getText().replaceAll("\\s+", " ").replaceFirst("^\\[ERR \\d+\\] Line \\d+:\\d+ ", "").trim()));
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

  private static Manifest manifest(SourceFile file) throws RuleSetException {
    try {
      Manifest manifest = YAML.readValue(file.text(), Manifest.class);
      return manifest == null ? new Manifest("", "", List.of()) : manifest;
    } catch (IOException e) {
      String reason = e instanceof com.fasterxml.jackson.core.JsonProcessingException json
          ? CatalogReader.yamlMessage(json) : e.getMessage();
      int line = e instanceof com.fasterxml.jackson.core.JsonProcessingException json && json.getLocation() != null
          ? json.getLocation().getLineNr() : 0;
      throw new RuleSetException(new Problem("manifest_syntax", file.path(), line,
          "the rule set's manifest cannot be read (it takes title, description and includes): "
              + reason.lines().findFirst().orElse(reason)));
    }
  }

  /** The folders a rule set draws on: what it includes, transitively, then its own. */
  private static List<String> folders(Path root, String name, Manifest manifest, SourceFile manifestFile)
      throws RuleSetException {
    Set<String> folders = new LinkedHashSet<>();
    List<Problem> problems = new ArrayList<>();
    addFolders(root, name, manifest, manifestFile, folders, new LinkedHashSet<>(), problems);
    if (!problems.isEmpty()) {
      throw new RuleSetException(problems);
    }
    return List.copyOf(folders);
  }

  private static void addFolders(Path root, String folder, Manifest manifest, SourceFile manifestFile,
      Set<String> folders, Set<String> visiting, List<Problem> problems) throws RuleSetException {
    visiting.add(folder);
    for (String include : manifest.includes()) {
      if (!Files.isDirectory(root.resolve(include)) || include.contains("..") || include.contains("/")) {
        problems.add(new Problem("unknown_include", manifestFile.path(), 0,
            "includes names \"" + include + "\", which is not a folder beside it under the rules folder"));
      } else if (visiting.contains(include)) {
        problems.add(new Problem("include_cycle", manifestFile.path(), 0,
            "includes \"" + include + "\", which includes this rule set again"));
      } else if (Files.isRegularFile(root.resolve(include).resolve(MANIFEST))) {
        SourceFile inner = read(root, include + "/" + MANIFEST);
        addFolders(root, include, manifest(inner), inner, folders, visiting, problems);
      } else {
        folders.add(include);
      }
    }
    folders.add(folder);
    visiting.remove(folder);
  }

  private static List<String> listFiles(Path root, String folder) throws RuleSetException {
    try (Stream<Path> files = Files.list(root.resolve(folder))) {
      return files.filter(Files::isRegularFile)
          .map(file -> folder + "/" + file.getFileName())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new RuleSetException(new Problem("unreadable", folder, 0, "cannot list the folder: " + e.getMessage()));
    }
  }

  private static SourceFile read(Path root, String path) throws RuleSetException {
    try {
      return new SourceFile(path, Files.readString(root.resolve(path), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new RuleSetException(new Problem("unreadable", path, 0, "cannot read the file: " + e));
    }
  }

  /** The first 12 hex digits of a SHA-256 over each file's path and contents. */
  static String revision(List<SourceFile> files) {
    try {
      java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
      files.stream().sorted(java.util.Comparator.comparing(SourceFile::path)).forEach(file -> {
        digest.update(file.path().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(file.text().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      });
      return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
