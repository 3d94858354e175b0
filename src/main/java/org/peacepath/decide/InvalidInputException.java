package org.peacepath.decide;

import java.util.List;

/** A request that cannot be decided as sent; each problem names its field and what to change. */
public final class InvalidInputException extends RuntimeException {
  private final List<InputProblem> problems;

  public InvalidInputException(List<InputProblem> problems) {
    super(problems.size() == 1
        ? problems.get(0).field() + ": " + problems.get(0).message()
        : problems.size() + " problems in the request: " + String.join("; ",
            problems.stream().map(p -> p.field() + ": " + p.message()).toList()));
    this.problems = List.copyOf(problems);
  }

  public InvalidInputException(InputProblem problem) {
    this(List.of(problem));
  }

  public List<InputProblem> problems() {
    return problems;
  }
}
