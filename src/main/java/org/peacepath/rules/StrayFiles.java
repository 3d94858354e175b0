package org.peacepath.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.peacepath.catalog.Spelling;

/**
 * The files of the rules folder that look like rules but that no rule set reads: a rule file left in the
 * rules folder itself, in a folder that is not a rule set and that no rule set includes ({@code treaty-frist/}),
 * or with an ending no rule set reads ({@code extra.DRL}, {@code extra.csv}, {@code roads.scenario.yaml}).
 * Each would otherwise be ignored without a word; each is said, with where it could go, by {@code check}, in
 * the server's log and on the workbench.
 */
public final class StrayFiles {
  /** Endings of files that look like rules, scenarios or tables, compared case aside. */
  private static final List<String> RULE_LIKE = List.of(".drl", ".dsl", ".dslr", ".rdrl", ".csv", ".xlsx", ".xls",
      ".yaml", ".yml");
  private static final int DEPTH = 4;

  private StrayFiles() {}

  /** The stray files under {@code root}, each a problem at its path; none when the folder cannot be read. */
  public static List<Problem> find(Path root) {
    List<String> ruleSets;
    try {
      ruleSets = RuleSetCompiler.names(root);
    } catch (IOException e) {
      return List.of();
    }
    Set<String> read = new LinkedHashSet<>();
    Set<String> folders = new LinkedHashSet<>();
    for (String name : ruleSets) {
      read.add(name + "/" + RuleSetCompiler.MANIFEST);
      folders.add(name);
      try {
        RuleSetFiles files = RuleSetFiles.read(root, name);
        files.files().forEach(f -> read.add(f.path()));
        files.scenarios().forEach(f -> read.add(f.path()));
        files.tables().forEach(f -> read.add(f.path()));
        files.files().stream().map(SourceFile::path).filter(p -> p.contains("/"))
            .forEach(p -> folders.add(p.substring(0, p.lastIndexOf('/'))));
        files.manifest().includes().forEach(folders::add);
      } catch (RuleSetException e) {
        // a rule set that cannot be read says so itself; its own folder still counts as read
      }
    }
    List<Problem> strays = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root, DEPTH)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        String path = root.relativize(file).toString().replace('\\', '/');
        if (!owned(root, file) || read.contains(path) || path.equals(RuleSetCompiler.CATALOG) || !ruleLike(path)) {
          continue;
        }
        strays.add(new Problem("stray_file", path, 0, why(path, folders, ruleSets)));
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      return strays;
    }
    return strays;
  }

  private static String why(String path, Set<String> folders, List<String> ruleSets) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    String folder = path.contains("/") ? path.substring(0, path.indexOf('/')) : "";
    if (folder.isEmpty()) {
      return "this file is in the rules folder itself, where no rule set reads it; move it into the folder of a"
          + " rule set (" + String.join(", ", ruleSets) + ") or of a folder they include ("
          + String.join(", ", folders.stream().filter(f -> !ruleSets.contains(f)).toList()) + ")";
    }
    if (!folders.contains(folder)) {
      return "no rule set reads the folder " + folder + "/ (it has no " + RuleSetCompiler.MANIFEST + " and no rule"
          + " set includes it), so this file is ignored"
          + Spelling.suggest(folder, folders).map(near -> Spelling.didYouMean(near + "/"))
              .orElse("; add the folder to the includes of a rule set's " + RuleSetCompiler.MANIFEST
                  + ", or move the file into a folder that is read");
    }
    if (path.indexOf('/') != path.lastIndexOf('/')) {
      return "a rule set reads the files of its folders, not of folders inside them, so this file is ignored;"
          + " move it up into " + folder + "/";
    }
    String lower = name.toLowerCase(Locale.ROOT);
    String meant = lower.endsWith(".drl") ? name.substring(0, name.length() - 4) + ".drl"
        : lower.endsWith(".scenario.yaml") || lower.endsWith(".scenarios.yml") || lower.endsWith(".scenario.yml")
            ? name.substring(0, name.indexOf('.')) + RuleSetCompiler.SCENARIO_SUFFIX
        : lower.endsWith(".yaml") || lower.endsWith(".yml") ? name.substring(0, name.indexOf('.'))
            + RuleSetCompiler.SCENARIO_SUFFIX
        : lower.endsWith(".csv") ? name.substring(0, name.indexOf('.')) + ".rules.csv"
        : lower.endsWith(".xlsx") || lower.endsWith(".xls") ? name.substring(0, name.indexOf('.')) + ".rules.xlsx"
        : null;
    return "a rule set reads .drl, .rules.csv, .rules.xlsx and .scenarios.yaml files, so this one is ignored"
        + (meant == null || meant.equals(name) ? "" : "; to have it read, name it " + meant);
  }

  private static boolean ruleLike(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    return RULE_LIKE.stream().anyMatch(lower::endsWith);
  }

  private static boolean owned(Path root, Path file) {
    for (Path part : root.relativize(file)) {
      if (!OwnedFiles.owned(part)) {
        return false;
      }
    }
    return true;
  }
}
