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

  /** A failure as it is answered. */
  public record Failure(int status, ErrorBody body) {}

  /** What to answer for {@code e}, when it is one of the failures a request can meet. */
  public static Optional<Failure> of(Throwable e) {
    if (e instanceof InvalidInputException invalid) {
      return Optional.of(new Failure(400, new ErrorBody(invalid.getMessage(), "invalid_request", invalid.problems())));
    }
    if (e instanceof UnknownRuleSetException unknown) {
      // the name asked for is "ruleset" wherever it was given (a body, a query, a path), with the one meant
      return Optional.of(new Failure(404, new ErrorBody(unknown.getMessage(), "unknown_ruleset", List.of(
          new org.peacepath.decide.InputProblem("ruleset", "unknown_ruleset", unknown.getMessage(),
              unknown.suggestion().orElse(null))))));
    }
    if (e instanceof PlanBudgetException budget) {
      return Optional.of(new Failure(422, new ErrorBody(budget.getMessage(), PlanBudgetException.CODE, List.of())));
    }
    if (e instanceof org.peacepath.plan.GraphBudgetException budget) {
      return Optional.of(new Failure(422, new ErrorBody(budget.getMessage(), org.peacepath.plan.GraphBudgetException.CODE,
          List.of())));
    }
    if (e instanceof PlanAbandonedException abandoned) {
      // 499, as proxies record a request whose client closed the connection first: nobody receives it.
      return Optional.of(new Failure(499, new ErrorBody(abandoned.getMessage(), PlanAbandonedException.CODE, List.of())));
    }
    if (e instanceof org.peacepath.rules.DecisionAbandonedException abandoned) {
      return Optional.of(new Failure(499, new ErrorBody(abandoned.getMessage(), org.peacepath.rules.DecisionAbandonedException.CODE, List.of())));
    }
    if (e instanceof RuleFailureException failed) {
      return Optional.of(new Failure(500, new ErrorBody(failed.getMessage(), failed.code(), List.of())));
    }
    return Optional.empty();
  }
}
