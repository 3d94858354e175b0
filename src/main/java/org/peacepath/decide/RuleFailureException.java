package org.peacepath.decide;

/**
 * A rule misbehaved while deciding, so no answer was given: it kept firing past the limits (as an edit
 * that keeps updating a fact would), or its consequence threw (as a wrong {@code String.format} would).
 * The fault is in the rules, never in the request.
 */
public final class RuleFailureException extends RuntimeException {
  /** The code of a rule that kept firing. */
  public static final String RUNAWAY = "runaway_rule";
  /** The code of a rule whose consequence failed. */
  public static final String FAILED = "rule_failed";

  private final String code;
  private final String ruleset;
  private final String rule;
  private final String where;

  private RuleFailureException(String code, String ruleset, String rule, String where, String what, Throwable cause) {
    super("rule set " + ruleset + ": the rule \"" + rule + "\"" + (where.isEmpty() ? "" : " (" + where + ")") + " "
        + what, cause);
    this.code = code;
    this.ruleset = ruleset;
    this.rule = rule;
    this.where = where;
  }

  /** The rule kept firing past {@code limit} and was stopped. */
  public static RuleFailureException runaway(String ruleset, String rule, String where, String limit) {
    return new RuleFailureException(RUNAWAY, ruleset, rule, where, "kept firing past " + limit
        + " and was stopped; fix the rule so that it stops matching once it has acted", null);
  }

  /** The rule's consequence threw {@code cause}. */
  public static RuleFailureException failed(String ruleset, String rule, String where, Throwable cause) {
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? "" : ": " + root.getMessage();
    return new RuleFailureException(FAILED, ruleset, rule, where, "failed when it fired, with "
        + root.getClass().getSimpleName() + message + "; fix what the rule does after \"then\"", cause);
  }

  /** {@link #RUNAWAY} or {@link #FAILED}. */
  public String code() {
    return code;
  }

  public String ruleset() {
    return ruleset;
  }

  public String rule() {
    return rule;
  }

  /** The rule's file and line, such as {@code common/treaty.drl:42}, or empty when unknown. */
  public String where() {
    return where;
  }
}
