package org.peacepath.decide;

import java.util.ArrayList;
import java.util.List;

/**
 * A request that cannot be decided as sent; each problem names its field and what to change. At most
 * {@link #MAX_PROBLEMS} are listed, then how many more there are, so a body of a thousand mistakes costs
 * no more to answer than one of twenty.
 */
public final class InvalidInputException extends RuntimeException {
  /** The most problems one answer lists; past them it says how many more there are. */
  public static final int MAX_PROBLEMS = 20;

  /** A problem past the first {@link #MAX_PROBLEMS}, counted but not described. */
  public static final InputProblem ANOTHER = new InputProblem("(body)", "more_problems", "another problem");

  private final List<InputProblem> problems;
  private final List<InputProblem> all;

  public InvalidInputException(List<InputProblem> problems) {
    this(capped(problems), problems);
  }

  public InvalidInputException(InputProblem problem) {
    this(List.of(problem));
  }

  private InvalidInputException(List<InputProblem> problems, List<InputProblem> all) {
    super(problems.size() == 1
        ? problems.get(0).field() + ": " + problems.get(0).message()
        : problems.size() + " problems in the request: " + String.join("; ",
            problems.stream().map(p -> p.field() + ": " + p.message()).toList()), null, false, false);
    this.problems = List.copyOf(problems);
    this.all = all;
  }

  /** Keeps the first {@link #MAX_PROBLEMS} problems and says how many more there were. */
  private static List<InputProblem> capped(List<InputProblem> problems) {
    if (problems.size() <= MAX_PROBLEMS) {
      return problems;
    }
    List<InputProblem> first = new ArrayList<>(problems.subList(0, MAX_PROBLEMS));
    long more = problems.size() - MAX_PROBLEMS;
    first.add(new InputProblem("(body)", "more_problems", "and " + more + " more problem" + (more == 1 ? "" : "s")
        + " like these; fix these first and send it again"));
    return first;
  }

  /** The problems to show: the first {@link #MAX_PROBLEMS}, then how many more. */
  public List<InputProblem> problems() {
    return problems;
  }

  /** Every problem found, for joining with the problems of another part of the same request. */
  public List<InputProblem> all() {
    return all;
  }
}
