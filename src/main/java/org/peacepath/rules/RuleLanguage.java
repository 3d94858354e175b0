package org.peacepath.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BindingDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.ConstraintConnectiveDescr;
import org.drools.drl.ast.descr.EntryPointDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ForallDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RelationalExprDescr;
import org.drools.drl.ast.descr.AtomicExprDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlExprParser;
import org.drools.drl.parser.DrlExprParserFactory;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.ParserError;
import org.kie.internal.builder.conf.LanguageLevelOption;

/**
 * The rule language policy staff write in: a safe subset of DRL, checked on the parsed rule before
 * anything compiles or runs, so that a rule file can read the negotiation record and produce findings,
 * and nothing else. It may import only the project's facts and findings; declare no function, global,
 * type or query; match only facts, with constraints that compare fields with literals, bound variables
 * and arithmetic; and, after {@code then}, only insert findings built from those and
 * {@code String.format}. Every refusal names the file, the line and what is not allowed.
 *
 * <p>What it accepts is what Drools compiles: as it walks the parsed file it prints it anew through a
 * {@link DrlPrinter} (package and imports, each rule's name, metadata as plain strings, conditions and
 * constraints from the parsed expressions, the consequence from the statements it read), and the author's
 * text is never handed to Drools. Before anything parses the file, its characters are held to
 * {@link RuleText}: no unicode escapes, NUL, byte order mark or control characters.
 */
public final class RuleLanguage {
  /** The metadata a rule may carry, each once, each as one plain string literal. */
  private static final Set<String> METADATA = Set.of(RuleMetadata.ID, RuleMetadata.BASIS, RuleMetadata.SOURCE,
      RuleMetadata.BRIEF);
  /** The comparisons a constraint may make. */
  private static final Set<String> OPERATORS = Set.of("==", "!=", "<", "<=", ">", ">=");
  /** The package every printed file is in. */
  static final String PACKAGE = "peacepath";

  /**
   * A rule file as the rule language read it: its problems, or else its parsed descriptors and the DRL
   * printed from them, which is all that Drools is handed.
   *
   * @param file the author's file
   * @param problems what it does that the rule language does not allow; empty when it may be compiled
   * @param parsed Drools' parse of it, when it has no problems
   * @param printed the DRL printed from what was checked, when it has no problems
   */
  record Checked(SourceFile file, List<Problem> problems, PackageDescr parsed, DrlPrinter.Printed printed) {}

  private final SourceFile file;
  private final List<Problem> problems = new ArrayList<>();
  private final DrlPrinter printer = new DrlPrinter();
  /** Where each line of the file starts, for the places the parser does not give. */
  private final int[] lineStarts;

  private RuleLanguage(SourceFile file) {
    this.file = file;
    this.lineStarts = lineStarts(file.text());
  }

  /** What the file does that the rule language does not allow; empty when it is safe to compile. */
  public static List<Problem> check(SourceFile file) {
    return read(file).problems();
  }

  /** The line where brackets nest the deepest, where a file nested past reading is to be mended. */
  static int deepestLine(String text) {
    int depth = 0;
    int deepest = 0;
    int line = 1;
    int at = 1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
      } else if (c == '(' || c == '[' || c == '{') {
        if (++depth > deepest) {
          deepest = depth;
          at = line;
        }
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      }
    }
    return at;
  }

  /** Checks the file and, when it keeps to the rule language, prints the DRL Drools is to compile. */
  static Checked read(SourceFile file) {
    RuleLanguage check = new RuleLanguage(file);
    PackageDescr parsed;
    try {
      parsed = check.run();
    } catch (RuntimeException | StackOverflowError e) {
      // A shape of file the walk did not foresee, or brackets nested past reading: refused, never compiled.
      int line = e instanceof StackOverflowError ? deepestLine(file.text()) : 0;
      return new Checked(file, List.of(new Problem("unsafe_rule", file.path(), line, "the file cannot be checked as rules"
          + " (" + (e instanceof StackOverflowError ? "its brackets nest too deeply" : "its form is not one a rule file"
          + " takes") + "); write it more plainly")), null, null);
    }
    if (!check.problems.isEmpty() || parsed == null) {
      check.problems.sort(Comparator.comparingInt(Problem::line));
      return new Checked(file, List.copyOf(check.problems), null, null);
    }
    DrlPrinter.Printed printed = check.printer.printed();
    String unsafe = unprintable(printed.text());
    if (unsafe != null) {
      // Never expected: what is printed is built from checked pieces. Refused rather than compiled.
      return new Checked(file, List.of(new Problem("unsafe_rule", file.path(), 0,
          "the file cannot be printed safely for the compiler (" + unsafe + "); write it more plainly")), null, null);
    }
    return new Checked(file, List.of(), parsed, printed);
  }

  private PackageDescr run() {
    problems.addAll(RuleText.check(file));
    if (!problems.isEmpty()) {
      return null; // nothing parses a file whose characters the compiler would read otherwise
    }
    DrlParser parser = new DrlParser();
    PackageDescr parsed;
    try {
      parsed = parser.parse(null, file.text());
    } catch (Exception | StackOverflowError e) {
      Optional<Problem> slip = Slips.find(file);
      if (slip.isPresent()) {
        problems.add(slip.get());
      } else {
        refuse(0, "the file cannot be read as rules; check its brackets and quotes");
      }
      return null;
    }
    if (parser.hasErrors() || parsed == null) {
      // A curly quotation mark, a parenthesis left open, a file cut off: said where it is, in plain words,
      // rather than where the parser gave up.
      Optional<Problem> slip = Slips.find(file);
      if (slip.isPresent()) {
        problems.add(slip.get());
        return null;
      }
      for (DroolsError error : parser.getErrors()) {
        int line = error instanceof ParserError at ? at.getRow()
            : error.getLines() != null && error.getLines().length > 0 ? error.getLines()[0] : 0;
        problems.add(new Problem("drl_error", file.path(), Math.max(line, 0), RuleSetCompiler.plain(error.getMessage())));
      }
      if (problems.isEmpty()) {
        refuse(0, "the file cannot be read as rules; check its brackets and quotes");
      }
      return null;
    }
    // The header is implied: every file may use every fact and finding, whatever it imports (or if it imports
    // nothing and names no package at all); what it does import is still held to the facts.
    printer.at(parsed.getLine()).print("package " + PACKAGE + "; import " + FactTypes.PACKAGE + ".*;");
    for (ImportDescr imported : parsed.getImports()) {
      if (!FactTypes.importable(imported.getTarget())) {
        refuse(imported.getLine(), "imports " + imported.getTarget() + "; a rule file may import only "
            + FactTypes.importables() + " from " + FactTypes.PACKAGE);
      }
    }
    parsed.getFunctionImports().forEach(f -> refuse(f.getLine(), "imports a function (" + f.getTarget()
        + "); a rule file may call no Java"));
    parsed.getAccumulateImports().forEach(a -> refuse(a.getLine(), "imports an accumulate function; count with Tally instead"));
    parsed.getGlobals().forEach(g -> refuse(g.getLine(), "declares a global (" + g.getIdentifier()
        + "); a rule reads only the facts of the record"));
    parsed.getFunctions().forEach(f -> refuse(f.getLine(), "declares a function (" + f.getName()
        + "); a rule file holds rules only"));
    parsed.getTypeDeclarations().forEach(t -> refuse(t.getLine(), "declares a type (" + t.getTypeName()
        + "); a rule uses only Open, Done, Tally and Recorded"));
    parsed.getEnumDeclarations().forEach(t -> refuse(t.getLine(), "declares an enum (" + t.getTypeName()
        + "); a rule uses only Open, Done, Tally and Recorded"));
    parsed.getEntryPointDeclarations().forEach(e -> refuse(e.getLine(), "declares an entry point; a rule reads only the record"));
    parsed.getWindowDeclarations().forEach(w -> refuse(w.getLine(), "declares a window; a rule reads only the record"));
    parsed.getAttributes().forEach(a -> refuse(a.getLine(), "sets \"" + a.getName()
        + "\" for the whole file; a rule file sets nothing but its rules"));
    for (RuleDescr rule : parsed.getRules()) {
      rule(rule);
    }
    if (problems.isEmpty()) {
      problems.addAll(JoinCheck.check(file, parsed)); // how many combinations of facts each rule may make Drools try
    }
    return parsed;
  }

  /** Why {@code text}, printed for the compiler, is not safe to hand it, or {@code null} when it is. */
  static String unprintable(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == 'u') {
        return "a unicode escape";
      }
      if ((c < ' ' && c != '\n' && c != '\t') || c == 0x7f || c == 0xFEFF) {
        return "a control character";
      }
    }
    return null;
  }

  private void rule(RuleDescr rule) {
    int line = Math.max(rule.getLine(), 0);
    String named = "the rule \"" + rule.getName() + "\"";
    if (rule.isQuery()) {
      refuse(line, "declares a query (" + rule.getName() + "); a rule file holds rules only");
      return;
    }
    if (rule.getParentName() != null) {
      refuse(line, named + " extends another rule; write each rule's whole condition");
    }
    if (rule.getUnit() != null) {
      refuse(line, named + " names a rule unit; a rule file holds plain rules");
    }
    if (!printableName(rule.getName())) {
      refuse(line, named + " has a name that is not one line of text; name it with a plain sentence");
    }
    printer.at(line).print("rule " + Expressions.quote(rule.getName()));
    Header header = header(rule);
    List<Header.Piece> pieces = new ArrayList<>();
    for (Map.Entry<String, AttributeDescr> attribute : rule.getAttributes().entrySet()) {
      boolean salience = attribute.getKey().equals("salience") && attribute.getValue().getValue().matches("-?\\d{1,4}");
      int at = Math.max(attribute.getValue().getLine(), line);
      if (!salience) {
        refuse(at, named + " sets \"" + attribute.getKey() + "\"; a rule may set only salience, as a whole number");
      } else {
        pieces.add(new Header.Piece(at, "salience " + Integer.parseInt(attribute.getValue().getValue())));
      }
    }
    metadata(rule, header, named, line, pieces);
    pieces.sort(Comparator.comparingInt(Header.Piece::line));
    pieces.forEach(piece -> printer.at(piece.line()).print(piece.text()));
    if (!rule.getNamedConsequences().isEmpty()) {
      refuse(line, named + " has named consequences; a rule has one \"then\"");
    }
    printer.at(header.when()).print("when");
    Map<String, Expressions.Binding> scope = new HashMap<>();
    for (BaseDescr element : rule.getLhs().getDescrs()) {
      condition(element, scope, named, line, true);
    }
    int then = Math.max(rule.getConsequenceLine(), line);
    printer.at(then).print("then");
    Object consequence = rule.getConsequence();
    String text = consequence == null ? "" : consequence.toString();
    try {
      List<Expressions.Statement> statements = Expressions.consequence(text, scope);
      int start = offsetOf(text, then);
      for (Expressions.Statement statement : statements) {
        printer.at(start < 0 ? then : lineAt(start + statement.offset())).print(statement.text());
      }
    } catch (Expressions.Refused e) {
      refuse(then, named + ": " + e.getMessage());
    }
    printer.endLine().print("end").endLine();
  }

  /**
   * Holds the rule's metadata to the rule language — {@code @id}, {@code @basis}, {@code @source} and
   * {@code @brief}, each at most once, each one plain string literal — and adds each, as that literal
   * printed anew, to the pieces of the rule's header. Drools would evaluate anything else as an expression
   * when it compiles the rule, so nothing else reaches it.
   */
  private void metadata(RuleDescr rule, Header header, String named, int line, List<Header.Piece> pieces) {
    Set<String> seen = new HashSet<>();
    Set<String> refused = new HashSet<>();
    for (Header.Mark mark : header.annotations()) {
      if (!METADATA.contains(mark.name())) {
        refuse(mark.line(), named + " carries @" + mark.name() + "; a rule carries only @id, @basis, @source and @brief");
        refused.add(mark.name());
      } else if (!seen.add(mark.name())) {
        refuse(mark.line(), named + " carries @" + mark.name() + " twice; give it once");
        refused.add(mark.name());
      }
    }
    for (AnnotationDescr annotation : rule.getAnnotations()) {
      String name = annotation.getName();
      int at = header.lineOf(name, line);
      if (!METADATA.contains(name) || annotation.isDuplicated()) {
        if (refused.add(name)) {
          refuse(at, named + " carries @" + name + (METADATA.contains(name) ? " twice; give it once"
              : "; a rule carries only @id, @basis, @source and @brief"));
        }
        continue;
      }
      String value = RuleMetadata.literal(annotation);
      if (value == null) {
        refuse(at, named + ": @" + name + " takes one plain text in double quotes, as in @" + name + "(\"…\"), and "
            + "nothing else; it has " + RuleMetadata.described(annotation));
      } else {
        pieces.add(new Header.Piece(at, "@" + name + "(" + Expressions.quote(value) + ")"));
      }
    }
  }

  /** Whether a rule's name can be printed as one plain string: one line, no control characters. */
  private static boolean printableName(String name) {
    return name != null && !name.isBlank() && name.chars().noneMatch(c -> c < ' ' || c == 0x7f);
  }

  /**
   * Walks the condition and prints it; {@code binds} is false under not/exists/forall, whose variables the
   * consequence cannot see. {@code and} and {@code or} are printed in brackets, {@code not}, {@code exists}
   * and {@code forall} with theirs.
   */
  private void condition(BaseDescr element, Map<String, Expressions.Binding> scope, String named, int ruleLine,
      boolean binds) {
    int line = element.getLine() > 0 ? element.getLine() : ruleLine;
    if (element instanceof PatternDescr pattern) {
      pattern(pattern, scope, named, line, binds);
    } else if (element instanceof AndDescr || element instanceof OrDescr) {
      printer.at(line).print("(");
      String joint = element instanceof AndDescr ? "and" : "or";
      boolean first = true;
      for (BaseDescr inner : ((ConditionalElementDescr) element).getDescrs()) {
        if (!first) {
          printer.print(joint);
        }
        condition(inner, scope, named, ruleLine, binds);
        first = false;
      }
      printer.print(")");
    } else if (element instanceof NotDescr || element instanceof ExistsDescr || element instanceof ForallDescr) {
      printer.at(line).print((element instanceof NotDescr ? "not" : element instanceof ExistsDescr ? "exists" : "forall")
          + "(");
      Map<String, Expressions.Binding> inner = new HashMap<>(scope);
      for (BaseDescr descr : ((ConditionalElementDescr) element).getDescrs()) {
        condition(descr, inner, named, ruleLine, false);
      }
      printer.print(")");
    } else {
      String what = element.getClass().getSimpleName().replace("Descr", "").toLowerCase(java.util.Locale.ROOT);
      refuse(line, named + " uses \"" + what + "\"; a condition may match facts (Open, Done, Tally, Recorded) with "
          + "not, exists, forall, and, or — no eval, from, accumulate, collect or if");
    }
  }

  private void pattern(PatternDescr pattern, Map<String, Expressions.Binding> scope, String named, int line,
      boolean binds) {
    String type = pattern.getObjectType();
    if (pattern.isQuery() || !FactTypes.FACTS.containsKey(type)) {
      refuse(line, named + " matches \"" + type + "\"; a rule matches only Open, Done, Tally and Recorded");
      return;
    }
    if (pattern.getSource() != null && !(pattern.getSource() instanceof EntryPointDescr entry
        && "DEFAULT".equals(entry.getEntryId()))) {
      refuse(line, named + " reads " + type + " from somewhere else (" + pattern.getSource().getText().trim()
          + "); a rule reads the facts of the record only: no from, accumulate, collect or entry point");
      return;
    }
    if (!pattern.getBehaviors().isEmpty()) {
      refuse(line, named + " puts a window on " + type + "; a rule reads the record as it is");
    }
    if (!pattern.getAnnotations().isEmpty()) {
      refuse(line, named + " puts @" + pattern.getAnnotations().iterator().next().getName() + " on " + type
          + "; a pattern carries no annotations");
    }
    String identifier = pattern.getIdentifier();
    if (identifier != null && !Tokens.isWord(identifier)) {
      refuse(line, named + " binds \"" + identifier + "\"; name a variable with letters and digits, as in $open");
      identifier = null;
    }
    printer.at(line).print((identifier == null ? "" : identifier + (pattern.isUnification() ? " := " : " : "))
        + type + "(");
    boolean first = true;
    for (BaseDescr constraint : pattern.getConstraint().getDescrs()) {
      if (!(constraint instanceof ExprConstraintDescr expression)
          || expression.getType() != ExprConstraintDescr.Type.NAMED) {
        refuse(line, named + ": a constraint on " + type + " is not a plain comparison");
        continue;
      }
      int at = constraint.getLine() > 0 ? constraint.getLine() : line;
      for (String part : constraint(expression.getExpression(), type, scope, named, at)) {
        if (!first) {
          printer.append(",");
        }
        printer.at(at).print(part);
        first = false;
      }
    }
    printer.print(")");
    if (identifier != null) {
      scope.put(identifier, new Expressions.Binding(type));
    }
  }

  /** Checks a constraint and returns it printed, as the parts a comma would separate; empty when refused. */
  private List<String> constraint(String text, String type, Map<String, Expressions.Binding> scope, String named,
      int line) {
    DrlExprParser parser = DrlExprParserFactory.getDrlExprParser(LanguageLevelOption.DRL6);
    ConstraintConnectiveDescr parsed;
    try {
      parsed = parser.parse(text);
    } catch (RuntimeException | StackOverflowError e) {
      parsed = null;
    }
    if (parsed == null || parser.hasErrors()) {
      refuse(line, named + ": cannot read the constraint \"" + text + "\"");
      return List.of();
    }
    try {
      if (parsed.isNegated()) {
        throw new Expressions.Refused("\"" + text + "\" negates a comparison with !( … ); write the opposite comparison");
      }
      if (parsed.getConnective() == org.drools.drl.ast.descr.ConnectiveType.AND) {
        List<String> parts = new ArrayList<>();
        for (BaseDescr inner : parsed.getDescrs()) {
          parts.add(connective(inner, text, type, scope));
        }
        return parts;
      }
      return List.of(connective(parsed, text, type, scope));
    } catch (Expressions.Refused e) {
      refuse(line, named + ": " + e.getMessage());
      return List.of();
    }
  }

  /** Checks one part of a constraint and returns it printed: a comparison, a binding, a value, or several joined. */
  private String connective(BaseDescr descr, String text, String type, Map<String, Expressions.Binding> scope)
      throws Expressions.Refused {
    if (descr == null) {
      throw new Expressions.Refused("\"" + text + "\" is not a comparison of fields, values and variables");
    }
    if (descr.isNegated()) {
      throw new Expressions.Refused("\"" + text + "\" negates a comparison with !( … ); write the opposite comparison");
    }
    if (descr instanceof ConstraintConnectiveDescr connective) {
      String joint = switch (connective.getConnective()) {
        case AND -> " && ";
        case OR -> " || ";
        default -> throw new Expressions.Refused("\"" + text + "\" joins comparisons with \""
            + connective.getConnective().getConnective() + "\"; join them with && or ||");
      };
      List<String> parts = new ArrayList<>();
      for (BaseDescr inner : connective.getDescrs()) {
        parts.add(connective(inner, text, type, scope));
      }
      if (parts.isEmpty()) {
        throw new Expressions.Refused("\"" + text + "\" is not a comparison of fields, values and variables");
      }
      return parts.size() == 1 ? parts.get(0) : "(" + String.join(joint, parts) + ")";
    } else if (descr instanceof BindingDescr binding) {
      String field = binding.getExpression().trim();
      if (!FactTypes.FACTS.get(type).contains(field)) {
        throw new Expressions.Refused("binds " + binding.getVariable() + " to \"" + field + "\", which is not a field of "
            + type + " (" + String.join(", ", FactTypes.FACTS.get(type)) + ")");
      }
      if (!Tokens.isWord(binding.getVariable())) {
        throw new Expressions.Refused("binds \"" + binding.getVariable() + "\"; name a variable with letters and digits, "
            + "as in $signed");
      }
      scope.put(binding.getVariable(), new Expressions.Binding(null));
      return binding.getVariable() + (binding.isUnification() ? " := " : " : ") + field;
    } else if (descr instanceof RelationalExprDescr relation) {
      if (!OPERATORS.contains(relation.getOperator()) || relation.isNegated() || relation.getParameters() != null) {
        throw new Expressions.Refused("compares with \"" + relation.getOperator() + "\"; a constraint compares with "
            + "==, !=, <, <=, >, >=, in and not in");
      }
      String left = connective(relation.getLeft(), text, type, scope);
      String right = connective(relation.getRight(), text, type, scope);
      return left + " " + relation.getOperator() + " " + right;
    } else if (descr instanceof AtomicExprDescr atom) {
      return Expressions.value(atom.getExpression(), scope, type);
    }
    throw new Expressions.Refused("\"" + text + "\" is not a comparison of fields, values and variables");
  }

  /** The rule's header as written: where each annotation stands, and the line of {@code when}. */
  private record Header(List<Mark> annotations, int when) {
    record Mark(String name, int line) {}

    record Piece(int line, String text) {}

    /** The line of the annotation of this name (the second, if it is given twice), or {@code otherwise}. */
    int lineOf(String name, int otherwise) {
      int line = otherwise;
      int count = 0;
      for (Mark mark : annotations) {
        if (mark.name().equals(name) && count++ < 2) {
          line = mark.line();
        }
      }
      return line;
    }
  }

  /**
   * Reads the rule's header in the file, from its {@code rule} keyword to {@code when}, for the lines Drools'
   * parser does not keep: where each annotation stands. Strings, comments and brackets are stepped over.
   */
  private Header header(RuleDescr rule) {
    String text = file.text();
    int line = Math.max(rule.getLine(), 1);
    int i = line - 1 < lineStarts.length ? lineStarts[line - 1] + Math.max(rule.getColumn(), 0) : text.length();
    if (!text.startsWith("rule", i)) {
      i = line - 1 < lineStarts.length ? lineStarts[line - 1] : text.length();
    }
    List<Header.Mark> marks = new ArrayList<>();
    boolean named = false;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (text.startsWith("//", i)) {
        int end = text.indexOf('\n', i);
        i = end < 0 ? text.length() : end;
      } else if (text.startsWith("/*", i)) {
        int end = text.indexOf("*/", i + 2);
        i = end < 0 ? text.length() : end + 2;
      } else if (c == '"' || c == '\'') {
        i = skipString(text, i);
        named = true;
      } else if (c == '@') {
        int j = i + 1;
        while (j < text.length() && (Character.isJavaIdentifierPart(text.charAt(j)) || text.charAt(j) == '.')) {
          j++;
        }
        marks.add(new Header.Mark(text.substring(i + 1, j), lineAt(i)));
        i = j;
      } else if (c == '(') {
        int depth = 0;
        while (i < text.length()) {
          char d = text.charAt(i);
          if (d == '"' || d == '\'') {
            i = skipString(text, i);
            continue;
          }
          depth += d == '(' ? 1 : d == ')' ? -1 : 0;
          i++;
          if (depth == 0) {
            break;
          }
        }
      } else if (Character.isJavaIdentifierStart(c)) {
        int j = i + 1;
        while (j < text.length() && Character.isJavaIdentifierPart(text.charAt(j))) {
          j++;
        }
        String word = text.substring(i, j);
        if (named && (word.equals("when") || word.equals("then"))) {
          return new Header(marks, word.equals("when") ? lineAt(i) : 0);
        }
        named |= !word.equals("rule");
        i = j;
      } else {
        i++;
      }
    }
    return new Header(marks, 0);
  }

  private static int skipString(String text, int i) {
    char quote = text.charAt(i);
    int j = i + 1;
    while (j < text.length() && text.charAt(j) != quote && text.charAt(j) != '\n') {
      j += text.charAt(j) == '\\' ? 2 : 1;
    }
    return Math.min(j + 1, text.length());
  }

  /** Where {@code consequence}, the text of a rule after its {@code then} on line {@code then}, starts in the file; -1 if not found. */
  private int offsetOf(String consequence, int then) {
    if (consequence.isBlank() || then < 1 || then > lineStarts.length) {
      return -1;
    }
    return file.text().indexOf(consequence, lineStarts[then - 1]);
  }

  /** The line, from 1, of the character at {@code offset}. */
  private int lineAt(int offset) {
    int found = java.util.Arrays.binarySearch(lineStarts, offset);
    return found >= 0 ? found + 1 : -found - 1;
  }

  private static int[] lineStarts(String text) {
    int count = 1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        count++;
      }
    }
    int[] starts = new int[count];
    int line = 1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        starts[line++] = i + 1;
      }
    }
    return starts;
  }

  private void refuse(int line, String message) {
    problems.add(new Problem("unsafe_rule", file.path(), Math.max(line, 0), message));
  }
}
