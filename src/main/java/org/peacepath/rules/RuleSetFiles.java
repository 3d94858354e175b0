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
 * @param revision the revision these files compile to: a hash of the catalog, manifest and rules, made once
 */
record RuleSetFiles(SourceFile catalog, SourceFile manifestFile, Manifest manifest, List<SourceFile> drl,
    List<SourceFile> scenarios, String revision) {
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
    List<String> folders = folders(root, name, manifest, manifestFile);
    List<SourceFile> drl = new ArrayList<>();
    List<SourceFile> scenarios = new ArrayList<>();
    for (String folder : folders) {
      boolean shared = folder.equals(name) || !Files.isRegularFile(root.resolve(folder).resolve(RuleSetCompiler.MANIFEST));
      for (String file : listFiles(root, folder)) {
        if (file.endsWith(".drl")) {
          drl.add(file(root, file));
        } else if (file.endsWith(RuleSetCompiler.SCENARIO_SUFFIX) && shared) {
          scenarios.add(file(root, file));
        }
      }
    }
    if (drl.isEmpty()) {
      throw new RuleSetException(new Problem("no_rules", manifestFile.path(), 0,
          "rule set " + name + " has no .drl files in " + String.join(", ", folders)));
    }
    List<SourceFile> made = new ArrayList<>();
    made.add(catalogFile);
    made.add(manifestFile);
    made.addAll(drl);
    return new RuleSetFiles(catalogFile, manifestFile, manifest, drl, scenarios, revision(made));
  }

  /** The files as given (a reload worker's job), their revision worked out as {@link #read} does. */
  static RuleSetFiles of(SourceFile catalog, SourceFile manifestFile, List<SourceFile> drl, List<SourceFile> scenarios)
      throws RuleSetException {
    List<SourceFile> made = new ArrayList<>();
    made.add(catalog);
    made.add(manifestFile);
    made.addAll(drl);
    return new RuleSetFiles(catalog, manifestFile, manifest(manifestFile), List.copyOf(drl), List.copyOf(scenarios),
        revision(made));
  }

  private static Manifest manifest(SourceFile file) throws RuleSetException {
    try {
      Manifest manifest = YAML.readValue(file.text(), Manifest.class);
      return manifest == null ? new Manifest("", "", List.of(), null) : manifest;
    } catch (IOException e) {
      String reason = e instanceof com.fasterxml.jackson.core.JsonProcessingException json
          ? CatalogReader.yamlMessage(json) : e.getMessage();
      int line = e instanceof com.fasterxml.jackson.core.JsonProcessingException json && json.getLocation() != null
          ? json.getLocation().getLineNr() : 0;
      throw new RuleSetException(new Problem("manifest_syntax", file.path(), line,
          "the rule set's manifest cannot be read (it takes title, description, includes and simultaneous): "
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
    try (Stream<Path> files = Files.list(root.resolve(folder))) {
      return files.filter(Files::isRegularFile)
          .filter(OwnedFiles::owned)
          .map(file -> folder + "/" + file.getFileName())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new RuleSetException(new Problem("unreadable", folder, 0, "cannot list the folder: " + why(e)));
    }
  }

  private static SourceFile file(Path root, String path) throws RuleSetException {
    try {
      long size = Files.size(root.resolve(path));
      if (size > MAX_FILE_BYTES) {
        throw new RuleSetException(new Problem("file_too_large", path, 0, "the file is " + String.format("%,d", size)
            + " bytes long; a file of the rules folder may be at most " + String.format("%,d", MAX_FILE_BYTES)
            + " bytes, as a request may: split it, or keep only what the rules need"));
      }
      return new SourceFile(path, Files.readString(root.resolve(path), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new RuleSetException(new Problem("unreadable", path, 0, "cannot read the file: " + why(e)));
    }
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
