package org.peacepath.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.peacepath.catalog.Spelling;

/**
 * Reads each rule of a rule set's DRL files from Drools' own parse of them, before anything compiles: its
 * name, line and the metadata every rule must carry, {@code @id}, {@code @basis} and {@code @source}, and
 * the {@code @brief} of a rule that is firm because the design brief says so. A rule without them, with a
 * basis outside the vocabulary, with an id or name another rule of the rule set already has, or firm on a
 * hedged basis without {@code @brief}, is a problem at its file and line.
 *
 * <p>Metadata is read as text, never evaluated: each value is the one plain string literal the parser
 * kept as written, decoded here ({@link #literal}); the rule language refuses anything else before this
 * runs, and nothing is read back from a compiled package.
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

  /** Reads the rules of files the rule language has passed, from the descriptors it parsed. */
  static Read read(List<RuleLanguage.Checked> drl) {
    List<RuleInfo> rules = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    Map<String, RuleInfo> byId = new HashMap<>();
    Map<String, RuleInfo> byName = new HashMap<>();
    for (RuleLanguage.Checked checked : drl) {
      SourceFile file = checked.file();
      PackageDescr parsed = checked.parsed();
      if (parsed == null) {
        continue; // the rule language has reported why
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
              + " \"inferred\" (a reading of the text)" + Spelling.didYouMean(basis, RuleInfo.BASES)));
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

  /** The metadata value as text, its one string literal decoded; {@code null} when the rule has none or it is not one literal. */
  static String value(RuleDescr rule, String key) {
    AnnotationDescr annotation = rule.getAnnotation(key);
    return annotation == null ? null : literal(annotation);
  }

  /**
   * The annotation's value when it is exactly one plain double-quoted string literal, decoded; else
   * {@code null}. The value is the parser's raw text of it, never evaluated.
   */
  static String literal(AnnotationDescr annotation) {
    Map<String, Object> values = annotation.getValueMap();
    if (values == null || values.size() != 1 || !(values.get(AnnotationDescr.VALUE) instanceof String raw)) {
      return null;
    }
    return literal(raw);
  }

  /**
   * {@code "the US \"hostile policy\""} as {@code the US "hostile policy"}: the text of one string literal in
   * double quotes, whose only escapes are {@code \"} and {@code \\}; {@code null} for anything else (an
   * expression, two literals joined, another escape, a line break).
   */
  static String literal(String raw) {
    String text = raw.strip();
    if (text.length() < 2 || text.charAt(0) != '"' || text.charAt(text.length() - 1) != '"') {
      return null;
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 1; i < text.length() - 1; i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\n' || c == '\r') {
        return null;
      }
      if (c == '\\') {
        char next = i + 1 < text.length() - 1 ? text.charAt(i + 1) : 0;
        if (next != '"' && next != '\\') {
          return null;
        }
        c = next;
        i++;
      }
      out.append(c);
    }
    return out.toString();
  }

  /** What an annotation holds, for a refusal: none, several values, a list, or the text it has. */
  static String described(AnnotationDescr annotation) {
    Map<String, Object> values = annotation.getValueMap();
    if (values == null || values.isEmpty()) {
      return "no value";
    }
    if (values.size() > 1 || !values.containsKey(AnnotationDescr.VALUE)) {
      return "named values (" + String.join(", ", values.keySet()) + ")";
    }
    Object value = values.get(AnnotationDescr.VALUE);
    if (!(value instanceof String raw)) {
      return "a list of values";
    }
    String shown = raw.strip().replaceAll("\\s+", " ");
    if (shown.length() > 80) {
      shown = shown.substring(0, 77) + "…";
    }
    boolean escaped = raw.strip().matches("\"(?:[^\"\\\\\\r\\n]|\\\\.)*\"");
    return shown + (escaped ? ", which holds an escape other than \\\" and \\\\; write the character itself"
        : ", which is not one text in quotes");
  }
}
