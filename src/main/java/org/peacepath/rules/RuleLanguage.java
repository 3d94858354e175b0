package org.peacepath.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.kie.internal.builder.conf.LanguageLevelOption;

/**
 * The rule language policy staff write in: a safe subset of DRL, checked on the parsed rule before
 * anything compiles or runs, so that a rule file can read the negotiation record and produce findings,
 * and nothing else. It may import only the project's facts and findings; declare no function, global,
 * type or query; match only facts, with constraints that compare fields with literals, bound variables
 * and arithmetic; and, after {@code then}, only insert findings built from those and
 * {@code String.format}. Every refusal names the file, the line and what is not allowed.
 */
public final class RuleLanguage {
  /** The metadata a rule may carry. */
  private static final Set<String> METADATA = Set.of(RuleMetadata.ID, RuleMetadata.BASIS, RuleMetadata.SOURCE);
  /** The comparisons a constraint may make. */
  private static final Set<String> OPERATORS = Set.of("==", "!=", "<", "<=", ">", ">=");

  private final SourceFile file;
  private final List<Problem> problems = new ArrayList<>();

  private RuleLanguage(SourceFile file) {
    this.file = file;
  }

  /** What the file does that the rule language does not allow; empty when it is safe to compile. */
  public static List<Problem> check(SourceFile file) {
    RuleLanguage check = new RuleLanguage(file);
    check.run();
    return check.problems;
  }

  private void run() {
    DrlParser parser = new DrlParser();
    PackageDescr parsed;
    try {
      parsed = parser.parse(null, file.text());
    } catch (Exception | StackOverflowError e) {
      refuse(0, "the file cannot be read as rules; check its brackets and quotes");
      return;
    }
    if (parser.hasErrors() || parsed == null) {
      return; // the compiler reports the syntax error at its line; nothing is compiled until it is fixed
    }
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
    for (Map.Entry<String, AttributeDescr> attribute : rule.getAttributes().entrySet()) {
      boolean salience = attribute.getKey().equals("salience") && attribute.getValue().getValue().matches("-?\\d{1,4}");
      if (!salience) {
        refuse(Math.max(attribute.getValue().getLine(), line), named + " sets \"" + attribute.getKey()
            + "\"; a rule may set only salience, as a whole number");
      }
    }
    for (AnnotationDescr annotation : rule.getAnnotations()) {
      if (!METADATA.contains(annotation.getName())) {
        refuse(line, named + " carries @" + annotation.getName() + "; a rule carries only @id, @basis and @source");
      }
    }
    if (!rule.getNamedConsequences().isEmpty()) {
      refuse(line, named + " has named consequences; a rule has one \"then\"");
    }
    Map<String, Expressions.Binding> scope = new HashMap<>();
    condition(rule.getLhs(), scope, named, line, true);
    Object consequence = rule.getConsequence();
    try {
      Expressions.consequence(consequence == null ? "" : consequence.toString(), scope);
    } catch (Expressions.Refused e) {
      refuse(Math.max(rule.getConsequenceLine(), line), named + ": " + e.getMessage());
    }
  }

  /** Walks the condition; {@code binds} is false under not/exists/forall, whose variables the consequence cannot see. */
  private void condition(BaseDescr element, Map<String, Expressions.Binding> scope, String named, int ruleLine,
      boolean binds) {
    int line = element.getLine() > 0 ? element.getLine() : ruleLine;
    if (element instanceof PatternDescr pattern) {
      pattern(pattern, scope, named, line, binds);
    } else if (element instanceof AndDescr || element instanceof OrDescr) {
      for (BaseDescr inner : ((ConditionalElementDescr) element).getDescrs()) {
        condition(inner, scope, named, ruleLine, binds);
      }
    } else if (element instanceof NotDescr || element instanceof ExistsDescr || element instanceof ForallDescr) {
      Map<String, Expressions.Binding> inner = new HashMap<>(scope);
      for (BaseDescr descr : ((ConditionalElementDescr) element).getDescrs()) {
        condition(descr, inner, named, ruleLine, false);
      }
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
    for (BaseDescr constraint : pattern.getConstraint().getDescrs()) {
      if (!(constraint instanceof ExprConstraintDescr expression)) {
        refuse(line, named + ": a constraint on " + type + " is not a plain comparison");
        continue;
      }
      constraint(expression.getExpression(), type, scope, named, line);
    }
    if (pattern.getIdentifier() != null) {
      scope.put(pattern.getIdentifier(), new Expressions.Binding(type));
    }
  }

  private void constraint(String text, String type, Map<String, Expressions.Binding> scope, String named, int line) {
    DrlExprParser parser = DrlExprParserFactory.getDrlExprParser(LanguageLevelOption.DRL6);
    ConstraintConnectiveDescr parsed;
    try {
      parsed = parser.parse(text);
    } catch (RuntimeException | StackOverflowError e) {
      parsed = null;
    }
    if (parsed == null || parser.hasErrors()) {
      refuse(line, named + ": cannot read the constraint \"" + text + "\"");
      return;
    }
    connective(parsed, text, type, scope, named, line);
  }

  private void connective(BaseDescr descr, String text, String type, Map<String, Expressions.Binding> scope,
      String named, int line) {
    try {
      if (descr instanceof ConstraintConnectiveDescr connective) {
        for (BaseDescr inner : connective.getDescrs()) {
          connective(inner, text, type, scope, named, line);
        }
      } else if (descr instanceof BindingDescr binding) {
        String field = binding.getExpression().trim();
        if (!FactTypes.FACTS.get(type).contains(field)) {
          throw new Expressions.Refused("binds " + binding.getVariable() + " to \"" + field + "\", which is not a field of "
              + type + " (" + String.join(", ", FactTypes.FACTS.get(type)) + ")");
        }
        scope.put(binding.getVariable(), new Expressions.Binding(null));
      } else if (descr instanceof RelationalExprDescr relation) {
        if (!OPERATORS.contains(relation.getOperator()) || relation.isNegated() || relation.getParameters() != null) {
          throw new Expressions.Refused("compares with \"" + relation.getOperator() + "\"; a constraint compares with "
              + "==, !=, <, <=, >, >=, in and not in");
        }
        connective(relation.getLeft(), text, type, scope, named, line);
        connective(relation.getRight(), text, type, scope, named, line);
      } else if (descr instanceof AtomicExprDescr atom) {
        Expressions.value(atom.getExpression(), scope, type);
      } else {
        throw new Expressions.Refused("\"" + text + "\" is not a comparison of fields, values and variables");
      }
    } catch (Expressions.Refused e) {
      refuse(line, named + ": " + e.getMessage());
    }
  }

  private void refuse(int line, String message) {
    problems.add(new Problem("unsafe_rule", file.path(), Math.max(line, 0), message));
  }
}
