package org.peacepath.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The files a rule set is made of, read from disk but not yet compiled: the shared catalog, its
 * manifest, and the DRL and scenario files of its own folder and of the folders it includes.
 *
 * @param catalog the catalog file
 * @param manifestFile the rule set's {@code ruleset.yaml}
 * @param manifest what the manifest says
 * @param drl the DRL files, those of included folders first
 * @param scenarios the scenario files that run under the rule set
 * @param tables the precondition tables ({@code .rules.csv}, {@code .rules.xlsx}), those of included folders first
 * @param ruleFiles the paths of the DRL files and tables together, in the order the folders list them: the
 *     order of the rules, which orders the reasons of an answer
 * @param revision the revision these files compile to: a hash of the catalog, manifest and rules, made once
 */
record RuleSetFiles(SourceFile catalog, SourceFile manifestFile, Manifest manifest, List<SourceFile> drl,
    List<SourceFile> scenarios, List<TableFile> tables, List<String> ruleFiles, String revision) {

  /** A precondition table as read: its path under the rules folder and its bytes (a workbook is not text). */
  record TableFile(String path, byte[] bytes) {
    /** The table as the revision hashes it. */
    SourceFile asHashed() {
      return new SourceFile(path, new String(bytes, StandardCharsets.ISO_8859_1));
    }
  }
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  /** The longest a file of the rules folder may be, as long as a request's body. */
  static final long MAX_FILE_BYTES = 1_000_000L;

  /** The files that make the rule set's revision: catalog, manifest and rules (scenarios do not change decisions). */
  List<SourceFile> files() {
    List<SourceFile> files = new ArrayList<>();
    files.add(catalog);
    files.add(manifestFile);
    files.addAll(drl);
    return List.copyOf(files);
  }

  /** Reads the catalog, the manifest, and the DRL and scenario files of the rule set and of what it includes. */
  static RuleSetFiles read(Path root, String name) throws RuleSetException {
    SourceFile catalogFile = file(root, RuleSetCompiler.CATALOG);
    SourceFile manifestFile = file(root, name + "/" + RuleSetCompiler.MANIFEST);
    Manifest manifest = manifest(manifestFile);
    if (!Manifest.SIMULTANEOUS.contains(String.valueOf(manifest.simultaneous()))) {
      throw new RuleSetException(new Problem("manifest_field", manifestFile.path(), lineOf(manifestFile, "simultaneous"),
          manifest.simultaneous() == null
              ? "say whether the doctrine allows steps taken together: add \"simultaneous: allowed\" or \"simultaneous: refused\""
              : "simultaneous is \"" + manifest.simultaneous() + "\"; write allowed or refused"));
    }
    if (manifest.simultaneousSource().isEmpty()) {
      throw new RuleSetException(new Problem("manifest_field", manifestFile.path(), lineOf(manifestFile, "simultaneous"),
          "say on what sentence of the source the doctrine " + (manifest.allowsSimultaneous() ? "allows" : "refuses")
              + " steps taken together: add \"simultaneousSource: \" followed by that sentence, word for word"));
    }
    List<String> folders = folders(root, name, manifest, manifestFile);
    List<SourceFile> drl = new ArrayList<>();
    List<SourceFile> scenarios = new ArrayList<>();
    List<TableFile> tables = new ArrayList<>();
    List<String> ruleFiles = new ArrayList<>();
    for (String folder : folders) {
      boolean shared = folder.equals(name) || !Files.isRegularFile(root.resolve(folder).resolve(RuleSetCompiler.MANIFEST));
      for (String file : listFiles(root, folder)) {
        if (file.endsWith(".drl")) {
          drl.add(file(root, file));
          ruleFiles.add(file);
        } else if (PreconditionTable.isTable(file)) {
          tables.add(table(root, file));
          ruleFiles.add(file);
        } else if (file.endsWith(RuleSetCompiler.SCENARIO_SUFFIX) && shared) {
          scenarios.add(file(root, file));
        }
      }
    }
    if (drl.isEmpty() && tables.isEmpty()) {
      throw new RuleSetException(new Problem("no_rules", manifestFile.path(), 0,
          "rule set " + name + " has no .drl files or rules tables in " + String.join(", ", folders)));
    }
    List<SourceFile> made = new ArrayList<>();
    made.add(catalogFile);
    made.add(manifestFile);
    made.addAll(drl);
    tables.forEach(t -> made.add(t.asHashed()));
    return new RuleSetFiles(catalogFile, manifestFile, manifest, drl, scenarios, tables, ruleFiles, revision(made));
  }

  /** The files as given (a reload worker's job), their revision worked out as {@link #read} does. */
  static RuleSetFiles of(SourceFile catalog, SourceFile manifestFile, List<SourceFile> drl, List<SourceFile> scenarios,
      List<TableFile> tables, List<String> ruleFiles) throws RuleSetException {
    List<SourceFile> made = new ArrayList<>();
    made.add(catalog);
    made.add(manifestFile);
    made.addAll(drl);
    tables.forEach(t -> made.add(t.asHashed()));
    return new RuleSetFiles(catalog, manifestFile, manifest(manifestFile), List.copyOf(drl), List.copyOf(scenarios),
        List.copyOf(tables), List.copyOf(ruleFiles), revision(made));
  }

  private static Manifest manifest(SourceFile file) throws RuleSetException {
    try {
      Manifest manifest = YAML.readValue(file.text(), Manifest.class);
      return manifest == null ? new Manifest("", "", List.of(), null, null) : manifest;
    } catch (IOException e) {
      String reason = e instanceof com.fasterxml.jackson.core.JsonProcessingException json
          ? CatalogReader.yamlMessage(json) : e.getMessage();
      int line = e instanceof com.fasterxml.jackson.core.JsonProcessingException json && json.getLocation() != null
          ? json.getLocation().getLineNr() : 0;
      throw new RuleSetException(new Problem("manifest_syntax", file.path(), line,
          "the rule set's manifest cannot be read (it takes title, description, includes, simultaneous and simultaneousSource): "
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
      } else if (Files.isRegularFile(root.resolve(include).resolve(RuleSetCompiler.MANIFEST))) {
        SourceFile inner = file(root, include + "/" + RuleSetCompiler.MANIFEST);
        addFolders(root, include, manifest(inner), inner, folders, visiting, problems);
      } else {
        folders.add(include);
      }
    }
    folders.add(folder);
    visiting.remove(folder);
  }

  /** The line of the manifest that sets {@code field}, or 1 when it sets none. */
  private static int lineOf(SourceFile file, String field) {
    String[] lines = file.text().split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith(field + ":")) {
        return i + 1;
      }
    }
    return 1;
  }

  private static List<String> listFiles(Path root, String folder) throws RuleSetException {
    try (Stream<Path> files = Files.list(inside(root, folder))) {
      return files.filter(Files::isRegularFile)
          .filter(OwnedFiles::owned)
          .map(file -> folder + "/" + file.getFileName())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new RuleSetException(new Problem("unreadable", folder, 0, "cannot list the folder: " + why(e)));
    }
  }

  private static TableFile table(Path root, String path) throws RuleSetException {
    try {
      Path at = inside(root, path);
      if (Files.size(at) > PreconditionTable.MAX_BYTES) {
        return new TableFile(path, new byte[PreconditionTable.MAX_BYTES + 1]);
      }
      return new TableFile(path, Files.readAllBytes(at));
    } catch (IOException e) {
      throw new RuleSetException(new Problem("unreadable", path, 0, "cannot read the file: " + why(e)));
    }
  }

  private static SourceFile file(Path root, String path) throws RuleSetException {
    try {
      Path at = inside(root, path);
      long size = Files.size(at);
      if (size > MAX_FILE_BYTES) {
        throw new RuleSetException(new Problem("file_too_large", path, 0, "the file is " + String.format("%,d", size)
            + " bytes long; a file of the rules folder may be at most " + String.format("%,d", MAX_FILE_BYTES)
            + " bytes, as a request may: split it, or keep only what the rules need"));
      }
      return new SourceFile(path, Files.readString(at, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new RuleSetException(new Problem("unreadable", path, 0, "cannot read the file: " + why(e)));
    }
  }

  /**
   * The file or folder at {@code path} under the root, refused when it, or a folder on the way to it, is
   * a symbolic link that leads out of the rules folder: what such a link leads to is never read, so a
   * rules folder cannot be made to read (and echo) a file of the machine. Links within the folder are
   * followed.
   */
  private static Path inside(Path root, String path) throws RuleSetException {
    Path at = root;
    String walked = "";
    for (String part : path.split("/")) {
      at = at.resolve(part);
      walked = walked.isEmpty() ? part : walked + "/" + part;
      if (!Files.isSymbolicLink(at)) {
        continue;
      }
      try {
        if (at.toRealPath().startsWith(root.toRealPath())) {
          continue;
        }
      } catch (IOException e) {
        continue; // leads nowhere: the read says there is no such file
      }
      throw new RuleSetException(new Problem("outside_rules", walked, 0, "this is a symbolic link that leads out of "
          + "the rules folder, and peacepath reads only what is in the rules folder, so it was not read; "
          + "put the file or folder itself here instead of the link"));
    }
    return at;
  }

  /** Why a file could not be read, in words, without the absolute path or the exception's class. */
  static String why(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "there is no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.charset.CharacterCodingException) {
      return "it is not UTF-8 text";
    }
    return "it could not be read";
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
