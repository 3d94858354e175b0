package org.peacepath.decide;

import java.util.List;

/**
 * A negotiation record as a request wrote it, read for its shape (wire/) and not yet checked against a
 * catalog ({@link RecordCheck}): the problems of its shape, each at its field, and each record as far as it
 * could be read.
 *
 * @param problems what is wrong with the request's shape, in the order found
 * @param records each record of {@code completed} that was read, in the request's order
 */
public record WrittenRecords(List<InputProblem> problems, List<Written> records) {
  public WrittenRecords {
    problems = List.copyOf(problems);
    records = List.copyOf(records);
  }

  /**
   * One record as written.
   *
   * @param index its place in {@code completed}, from 0
   * @param field where it is, such as {@code completed[2]}
   * @param step the step it names, when that is text; {@code null} otherwise
   * @param facility the facility it names, when that is text; {@code null} otherwise
   * @param read the whole record, when every field of it could be read; {@code null} otherwise
   * @param problemsSoFar how many of {@link #problems()} were found up to the end of this record, so that
   *     what the catalog finds wrong with it is said right after what its shape has
   */
  public record Written(int index, String field, String step, String facility, RecordedStep read, int problemsSoFar) {}
}
