package org.peacepath.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.peacepath.catalog.Spelling;

/**
 * Reads each rule of a rule set's DRL files with Drools' own parser, before anything compiles: its name,
 * line and the metadata every rule must carry, {@code @id}, {@code @basis} and {@code @source}, and the
 * {@code @brief} of a rule that is firm because the design brief says so. A rule without them, with a basis
 * outside the vocabulary, with an id or name another rule of the rule set already has, or firm on a hedged
 * basis without {@code @brief}, is a problem at its file and line.
 */
final class RuleMetadata {
  static final String ID = "id";
  static final String BASIS = "basis";
  static final String SOURCE = "source";
  static final String BRIEF = "brief";
  /** A consequence that blocks a step: the rule is firm. */
  private static final java.util.regex.Pattern FIRM = java.util.regex.Pattern.compile("\\bnew\\s+Blocked\\b");

  private RuleMetadata() {}

  /** The rules of the files in order, and the problems with their metadata. */
  record Read(List<RuleInfo> rules, List<Problem> problems) {}

  static Read read(List<SourceFile> drl) {
    List<RuleInfo> rules = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    Map<String, RuleInfo> byId = new HashMap<>();
    Map<String, RuleInfo> byName = new HashMap<>();
    for (SourceFile file : drl) {
      PackageDescr parsed = parse(file);
      if (parsed == null) {
        continue; // the compiler reports the syntax error, with its line
      }
      if (parsed.getRules().isEmpty()) {
        problems.add(new Problem("empty_rule_file", file.path(), 1, "the file holds no rules; if an editor left it"
            + " half-saved, save it again; if the rules are meant to go, delete the file"));
      }
      for (RuleDescr rule : parsed.getRules()) {
        int line = Math.max(rule.getLine(), 0);
        String id = value(rule, ID);
        String basis = value(rule, BASIS);
        String source = value(rule, SOURCE);
        String brief = value(rule, BRIEF);
        String named = "the rule \"" + rule.getName() + "\"";
        List<String> missing = new ArrayList<>();
        if (id == null || id.isBlank()) {
          missing.add("@id(\"a-short-stable-id\")");
        }
        if (basis == null || basis.isBlank()) {
          missing.add("@basis(\"stated\", \"hedged\" or \"inferred\")");
        }
        if (source == null || source.isBlank()) {
          missing.add("@source(\"the sentence it encodes, word for word\")");
        }
        if (!missing.isEmpty()) {
          problems.add(new Problem("missing_metadata", file.path(), line, named + " needs "
              + String.join(", ", missing) + " between its name and \"when\""));
        }
        if (basis != null && !basis.isBlank() && !RuleInfo.BASES.contains(basis)) {
          problems.add(new Problem("unknown_basis", file.path(), line, named + " has @basis(\"" + basis
              + "\"); say \"stated\" (the text says it), \"hedged\" (it proposes it with could, might, perhaps) or"
              + " \"inferred\" (a reading of the text)" + Spelling.suggest(basis, RuleInfo.BASES)
                  .map(near -> "; did you mean \"" + near + "\"?").orElse("")));
        }
        if ("hedged".equals(basis) && (brief == null || brief.isBlank()) && isFirm(rule)) {
          problems.add(new Problem("hedged_firm_rule", file.path(), line, named + " blocks a step on a hedged"
              + " basis: where the source proposes a step with could, might or perhaps, write advice (insert a"
              + " Caution, not a Blocked); a firm rule may rest on a hedged sentence only when the design brief"
              + " makes it firm, and then it says so with @brief(\"the design brief's words\")"));
        }
        if (brief != null && brief.isBlank()) {
          problems.add(new Problem("missing_metadata", file.path(), line, named + " has an empty @brief; give the"
              + " design brief's words, or remove @brief"));
        }
        if (id != null && !id.isBlank() && !org.peacepath.rules.CatalogReader.STEP_ID.matcher(id).matches()) {
          problems.add(new Problem("invalid_rule_id", file.path(), line, named + " has @id(\"" + id
              + "\"); an id is lowercase words joined by hyphens, such as mechanism-after-declaration"));
        }
        RuleInfo info = new RuleInfo(rule.getName(), id == null ? "" : id, basis == null ? "" : basis,
            source == null ? "" : source, brief == null ? "" : brief, file.path(), line, rules.size());
        if (id != null && !id.isBlank()) {
          RuleInfo other = byId.putIfAbsent(id, info);
          if (other != null) {
            problems.add(new Problem("duplicate_rule_id", file.path(), line, named + " has @id(\"" + id
                + "\"), which the rule \"" + other.name() + "\" at " + other.where() + " has already; give each"
                + " rule of a rule set its own id"));
          }
        }
        RuleInfo sameName = byName.putIfAbsent(rule.getName(), info);
        if (sameName != null) {
          problems.add(new Problem("duplicate_rule_name", file.path(), line, named + " is also written at "
              + sameName.where() + "; give each rule of a rule set its own sentence"));
        }
        rules.add(info);
      }
    }
    return new Read(rules, problems);
  }

  /** Whether the rule's consequence blocks a step, which makes it a firm rule. */
  static boolean isFirm(RuleDescr rule) {
    Object consequence = rule.getConsequence();
    return consequence != null && FIRM.matcher(consequence.toString()).find();
  }

  private static PackageDescr parse(SourceFile file) {
    DrlParser parser = new DrlParser();
    try {
      PackageDescr parsed = parser.parse(null, file.text());
      return parser.hasErrors() ? null : parsed;
    } catch (DroolsParserException | RuntimeException e) {
      return null;
    }
  }

  /** The metadata value as written, without its quotes and escapes; {@code null} when the rule has none. */
  static String value(RuleDescr rule, String key) {
    AnnotationDescr annotation = rule.getAnnotation(key);
    if (annotation == null) {
      return null;
    }
    Object value = annotation.getSingleValue();
    String text = value == null ? annotation.getSingleValueAsString() : value.toString();
    return text == null ? null : unquote(text.trim());
  }

  /** {@code "the US \"hostile policy\""} as {@code the US "hostile policy"}. */
  static String unquote(String text) {
    if (text.length() < 2 || !(text.startsWith("\"") && text.endsWith("\""))) {
      return text;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 1; i < text.length() - 1; i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length() - 1) {
        char next = text.charAt(++i);
        out.append(switch (next) {
          case 'n' -> '\n';
          case 't' -> '\t';
          default -> next;
        });
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
