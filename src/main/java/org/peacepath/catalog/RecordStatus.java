package org.peacepath.catalog;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Whether a record of a step is still in force: the one list of the words requests, answers and rules use
 * for it. Only a record in force can count.
 */
public enum RecordStatus {
  IN_FORCE("in-force"), SUSPENDED("suspended"), REVOKED("revoked");

  private final String wire;

  RecordStatus(String wire) {
    this.wire = wire;
  }

  /** The word requests and answers use, such as {@code in-force}. */
  public String wire() {
    return wire;
  }

  /** The status with this word, if there is one. */
  public static Optional<RecordStatus> of(String word) {
    for (RecordStatus status : values()) {
      if (status.wire.equals(word)) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }

  /** The words, in this order: in force first. */
  public static List<String> words() {
    return Arrays.stream(values()).map(RecordStatus::wire).toList();
  }
}
