package org.peacepath.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.peacepath.catalog.Catalog;
import org.peacepath.catalog.Spelling;

/**
 * Reads a DRL file as text, for what the Drools compiler does not check: the step ids its rules name.
 */
final class DrlScanner {
  private static final Pattern RULE = Pattern.compile("^\\s*rule\\s+(\"([^\"]*)\"|'([^']*)')");
  private static final Pattern LITERAL = Pattern.compile("\"([^\"\\\\]*(\\\\.[^\"\\\\]*)*)\"");
  private static final Pattern METADATA = Pattern.compile("^\\s*@\\w+\\s*\\(");

  private DrlScanner() {}

  /** The words a rule may quote besides step ids: the catalog's kinds of step and the statuses of a record. */
  private static List<String> vocabulary(Catalog catalog) {
    List<String> words = new ArrayList<>(catalog.kinds());
    words.addAll(org.peacepath.catalog.RecordStatus.words());
    return List.copyOf(words);
  }

  /** Each quoted string in the file's code that is spelt like a step id but is not one in the catalog. */
  static List<Problem> unknownSteps(SourceFile file, Catalog catalog) {
    List<Problem> problems = new ArrayList<>();
    List<String> vocabulary = vocabulary(catalog);
    String[] lines = file.text().split("\n", -1);
    boolean inBlockComment = false;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (inBlockComment) {
        int end = line.indexOf("*/");
        if (end < 0) {
          continue;
        }
        line = line.substring(end + 2);
        inBlockComment = false;
      }
      int start = line.indexOf("/*");
      if (start >= 0 && line.indexOf("*/", start) < 0) {
        line = line.substring(0, start);
        inBlockComment = true;
      }
      String code = stripLineComment(line);
      if (RULE.matcher(code).find() || METADATA.matcher(code).find()) {
        continue;
      }
      Matcher literal = LITERAL.matcher(code);
      while (literal.find()) {
        String word = literal.group(1);
        if (looksLikeAStepId(word, catalog) && !catalog.contains(word) && !vocabulary.contains(word)) {
          List<String> known = new ArrayList<>(catalog.steps().stream().map(org.peacepath.catalog.Step::id).toList());
          known.addAll(vocabulary);
          String near = Spelling.suggest(word, known).orElse(null);
          String what = near != null && catalog.kinds().contains(near) ? "kind"
              : near != null && vocabulary.contains(near) ? "status" : "step id";
          problems.add(new Problem("unknown_step", file.path(), i + 1, "unknown " + what + " \"" + word
              + "\"" + Spelling.didYouMean(near)));
        }
      }
    }
    return problems;
  }

  /**
   * Whether a quoted word in DRL code is meant as a step id: spelt like one, and either of several
   * words joined by hyphens (as most ids are) or a slip of a few letters from a known id. A plain
   * word such as "one", given to {@code String.format}, is not taken for a step.
   */
  private static boolean looksLikeAStepId(String word, Catalog catalog) {
    if (!CatalogReader.STEP_ID.matcher(word).matches()) {
      return false;
    }
    return word.contains("-") || catalog.suggest(word).isPresent();
  }

  /** The line without a trailing {@code //} comment, leaving "//" inside strings alone. */
  private static String stripLineComment(String line) {
    boolean inString = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && inString) {
        i++;
      } else if (c == '"') {
        inString = !inString;
      } else if (!inString && c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '/') {
        return line.substring(0, i);
      }
    }
    return line;
  }
}
