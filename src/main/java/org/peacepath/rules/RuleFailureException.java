package org.peacepath.rules;

/**
 * A rule misbehaved while deciding, so no answer was given: it kept firing past the limits (as an edit
 * that keeps updating a fact would), or its consequence threw (as a wrong {@code String.format} would).
 * The fault is in the rules, never in the request.
 */
public final class RuleFailureException extends RuntimeException {
  /** How a rule misbehaved, with the stable code answers and reports give it. */
  public enum Kind {
    /** It kept firing past the limits. */
    RUNAWAY("runaway_rule"),
    /** Its consequence threw. */
    FAILED("rule_failed");

    private final String code;

    Kind(String code) {
      this.code = code;
    }

    /** The stable snake_case code, such as {@code runaway_rule}. */
    public String code() {
      return code;
    }
  }

  private final Kind kind;
  private final String ruleset;
  private final String rule;
  private final String where;

  private RuleFailureException(Kind kind, String ruleset, String rule, String where, String what, Throwable cause) {
    super("rule set " + ruleset + ": " + (rule == null ? "its rules" : "the rule \"" + rule + "\""
        + (where.isEmpty() ? "" : " (" + where + ")")) + " " + what, cause);
    this.kind = kind;
    this.ruleset = ruleset;
    this.rule = rule;
    this.where = where;
  }

  /** The rule kept firing past {@code limit} and was stopped. */
  public static RuleFailureException runaway(String ruleset, String rule, String where, String limit) {
    return new RuleFailureException(Kind.RUNAWAY, ruleset, rule, where, "kept firing past " + limit
        + " and was stopped; fix the rule so that it stops matching once it has acted", null);
  }

  /**
   * The rule spent the budget of one answer ({@code what}: matched too many combinations of facts, or kept
   * Drools matching too long) and was stopped; {@code rule} is {@code null} when no one rule stood out.
   */
  public static RuleFailureException spent(String ruleset, String rule, String where, String what) {
    return new RuleFailureException(Kind.RUNAWAY, ruleset, rule, where, what + (rule == null
        ? " and were stopped, no one rule standing out; look for rules that match Done, Recorded or Open by kind and "
            + "compare them with the record again"
        : " and was stopped; make it pick out its facts by key (Open( step == … ), Tally( kind == … )) or match fewer"),
        null);
  }

  /** The rule's consequence threw {@code cause}. */
  public static RuleFailureException failed(String ruleset, String rule, String where, Throwable cause) {
    return new RuleFailureException(Kind.FAILED, ruleset, rule, where, "failed when it fired: "
        + Faults.inWords(cause) + "; fix what the rule does after \"then\"", cause);
  }

  /** A condition of the rule threw {@code cause} while facts were matched against it. */
  public static RuleFailureException failedMatching(String ruleset, String rule, String where, Throwable cause) {
    return new RuleFailureException(Kind.FAILED, ruleset, rule, where, "failed while facts were matched against "
        + "its conditions: " + Faults.inWords(cause) + "; fix the rule's conditions, before \"then\"", cause);
  }

  /** How the rule misbehaved. */
  public Kind kind() {
    return kind;
  }

  /** The stable code of how it misbehaved: {@code runaway_rule} or {@code rule_failed}. */
  public String code() {
    return kind.code();
  }

  public String ruleset() {
    return ruleset;
  }

  /** The rule that misbehaved, or {@code null} when the rules spent the budget together and no one stood out. */
  public String rule() {
    return rule;
  }

  /** The rule's file and line, such as {@code sigal/reciprocity.drl:42}, or empty when unknown. */
  public String where() {
    return where;
  }
}
