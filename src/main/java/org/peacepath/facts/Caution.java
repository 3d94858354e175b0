package org.peacepath.facts;

import java.util.List;

/**
 * What a piece of advice inserts: a caution on a step, which stays unlocked or blocked as the firm rules
 * say. The engine records which rule inserted it, and leaves out of {@code recommends} any step that
 * already counts; a caution whose recommended steps all count is dropped.
 *
 * @param step the step the caution is on
 * @param reason the advice, as a whole sentence
 * @param recommends the step ids advised first; none for a caution that recommends nothing
 */
public record Caution(String step, String reason, List<String> recommends) {

  public Caution {
    recommends = List.copyOf(recommends);
  }

  /** A caution on {@code step} while any of {@code recommends} does not count. */
  public Caution(String step, String reason, String... recommends) {
    this(step, reason, List.of(recommends));
  }

  public String getStep() {
    return step;
  }

  public String getReason() {
    return reason;
  }

  public List<String> getRecommends() {
    return recommends;
  }
}
