package org.peacepath.decide;

/** A rule kept firing past the limits, as an edit that keeps updating a fact would; no answer was given. */
public final class RunawayRuleException extends RuntimeException {
  private final String ruleset;
  private final String rule;
  private final String where;

  public RunawayRuleException(String ruleset, String rule, String where, String limit) {
    super("rule set " + ruleset + ": the rule \"" + rule + "\"" + (where.isEmpty() ? "" : " (" + where + ")")
        + " kept firing past " + limit + " and was stopped; fix the rule so that it stops matching once it has acted");
    this.ruleset = ruleset;
    this.rule = rule;
    this.where = where;
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
