package org.peacepath.rules;

import java.util.List;
import java.util.stream.Collectors;

/** A rule set could not be loaded; each problem says where and why. */
public final class RuleSetException extends Exception {
  private final List<Problem> problems;

  public RuleSetException(List<Problem> problems) {
    super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public RuleSetException(Problem problem) {
    this(List.of(problem));
  }

  public List<Problem> problems() {
    return problems;
  }
}
