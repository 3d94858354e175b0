package org.peacepath.rules;

/**
 * Rewrites DRL as text, for the copies of a revision's rules that {@link IncrementalSession}s run: findings
 * inserted logically, and a rule renamed for the revision it belongs to in a paired session.
 */
final class DrlRewrite {
  private DrlRewrite() {}

  /** The rule's text with {@code prefix} put before its name. */
  static String renamed(String rule, String prefix) {
    int name = 4;
    while (Character.isWhitespace(rule.charAt(name))) {
      name++;
    }
    return rule.substring(0, name + 1) + prefix + rule.substring(name + 1);
  }

  private static final String WRAP = "insertLogical( new " + LogicalFinding.class.getName()
      + "( drools.getRule().getName(), ";

  /**
   * The DRL with every {@code insert( X )} of a consequence made {@code insertLogical( new LogicalFinding(
   * RULE, X ) )}, on the same line, leaving strings and comments as they are. The rule language allows
   * {@code insert} nowhere else.
   */
  static String logical(String drl) {
    StringBuilder out = new StringBuilder(drl.length() + 512);
    int n = drl.length();
    int i = 0;
    while (i < n) {
      char c = drl.charAt(i);
      int skip = RuleSourceText.skipped(drl, i);
      if (skip > i) {
        out.append(drl, i, skip);
        i = skip;
      } else if (Character.isJavaIdentifierStart(c)) {
        int j = i + 1;
        while (j < n && Character.isJavaIdentifierPart(drl.charAt(j))) {
          j++;
        }
        int open = j;
        while (open < n && Character.isWhitespace(drl.charAt(open))) {
          open++;
        }
        int close = drl.startsWith("insert", i) && j - i == 6 && open < n && drl.charAt(open) == '('
            ? RuleSourceText.closing(drl, open) : -1;
        if (close > 0) {
          out.append(WRAP).append(drl, open + 1, close).append(" ) )");
          i = close + 1;
        } else {
          out.append(drl, i, j);
          i = j;
        }
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}
