package org.peacepath.wire;

import java.util.List;
import java.util.Optional;
import org.peacepath.decide.InvalidInputException;
import org.peacepath.decide.UnknownRuleSetException;
import org.peacepath.plan.PlanAbandonedException;
import org.peacepath.plan.PlanBudgetException;
import org.peacepath.rules.RuleFailureException;

/**
 * The one mapping from what can go wrong with a request to what is said about it: an HTTP status and
 * an {@link ErrorBody}. The API sends it; the command line prints it and turns the status into its exit
 * code.
 */
public final class Errors {
  private Errors() {}

  /** An exception that carries the error answer to give for it, as it is to be read. */
  public interface Said {
    /** The answer's body; its code chooses the status ({@link ErrorCode}). */
    ErrorBody body();
  }

  /** A failure as it is answered: the status is always its code's. */
  public record Failure(int status, ErrorBody body) {
    /** The failure whose body is this, with its code's status. */
    public static Failure of(ErrorBody body) {
      return new Failure(ErrorCode.statusOf(body), body);
    }
  }

  /** What to answer for {@code e}, when it is one of the failures a request can meet. */
  public static Optional<Failure> of(Throwable e) {
    return Optional.ofNullable(body(e)).map(Failure::of);
  }

  private static ErrorBody body(Throwable e) {
    if (e instanceof Said said) {
      return said.body();
    }
    if (e instanceof InvalidInputException invalid) {
      return ErrorCode.INVALID_REQUEST.body(invalid.getMessage(), invalid.problems());
    }
    if (e instanceof UnknownRuleSetException unknown) {
      // the name asked for is "ruleset" wherever it was given (a body, a query, a path), with the one meant
      return ErrorCode.UNKNOWN_RULESET.body(unknown.getMessage(), List.of(
          new org.peacepath.decide.InputProblem("ruleset", "unknown_ruleset", unknown.getMessage(),
              unknown.suggestion().orElse(null))));
    }
    if (e instanceof PlanBudgetException budget) {
      return ErrorCode.PLAN_BUDGET_EXCEEDED.body(budget.getMessage(), List.of());
    }
    if (e instanceof org.peacepath.plan.GraphBudgetException budget) {
      return ErrorCode.GRAPH_BUDGET_EXCEEDED.body(budget.getMessage(), List.of());
    }
    if (e instanceof PlanAbandonedException abandoned) {
      return ErrorCode.PLAN_ABANDONED.body(abandoned.getMessage(), List.of());
    }
    if (e instanceof org.peacepath.rules.DecisionAbandonedException abandoned) {
      return ErrorCode.DECISION_ABANDONED.body(abandoned.getMessage(), List.of());
    }
    if (e instanceof RuleFailureException failed) {
      return new ErrorBody(failed.getMessage(), failed.code(), List.of());
    }
    return null;
  }
}
