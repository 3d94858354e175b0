package org.peacepath.decide;

import java.util.List;

/** A request named a rule set that is not served. */
public final class UnknownRuleSetException extends RuntimeException {
  private final String name;
  private final List<String> known;

  public UnknownRuleSetException(String name, List<String> known) {
    super("there is no rule set \"" + name + "\"; the rule sets are " + String.join(", ", known));
    this.name = name;
    this.known = List.copyOf(known);
  }

  public String name() {
    return name;
  }

  public List<String> known() {
    return known;
  }
}
