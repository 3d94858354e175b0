package org.peacepath.decide;

import java.util.List;
import java.util.Map;

/**
 * One state under several rule sets side by side.
 *
 * @param decisions the decision of each rule set, the default first
 * @param differences the steps whose status is not the same under every rule set, in catalog order
 */
public record Comparison(List<Decision> decisions, List<Difference> differences) {

  /**
   * A step whose status differs between rule sets.
   *
   * @param id the step's id
   * @param title its title
   * @param status its status under each rule set, by name: {@code completed}, {@code unlocked} or {@code blocked}
   */
  public record Difference(String id, String title, Map<String, String> status) {}
}
