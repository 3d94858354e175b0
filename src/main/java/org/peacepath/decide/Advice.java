package org.peacepath.decide;

import java.util.Optional;

/** Whether a plan honours advice that recommends steps as if it were firm ({@code follow}) or heeds firm rules only ({@code ignore}). */
public enum Advice {
  FOLLOW, IGNORE;

  /** The word requests use: {@code follow} or {@code ignore}. */
  @com.fasterxml.jackson.annotation.JsonValue
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The mode with this word, if there is one. */
  public static Optional<Advice> of(String word) {
    for (Advice advice : values()) {
      if (advice.wire().equals(word)) {
        return Optional.of(advice);
      }
    }
    return Optional.empty();
  }
}
