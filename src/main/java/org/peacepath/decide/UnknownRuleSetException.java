package org.peacepath.decide;

import java.util.List;
import java.util.Optional;
import org.peacepath.catalog.Spelling;

/** A request named a rule set that is not served: said with the rule sets there are, and the one most likely meant. */
public final class UnknownRuleSetException extends RuntimeException {
  private final String name;
  private final List<String> known;
  private final Optional<String> suggestion;

  public UnknownRuleSetException(String name, List<String> known) {
    this(name, known, Spelling.suggest(name, known));
  }

  private UnknownRuleSetException(String name, List<String> known, Optional<String> suggestion) {
    super("there is no rule set \"" + name + "\"; the rule sets are " + String.join(", ", known)
        + Spelling.didYouMean(suggestion));
    this.name = name;
    this.known = List.copyOf(known);
    this.suggestion = suggestion;
  }

  public String name() {
    return name;
  }

  public List<String> known() {
    return known;
  }

  /** The served rule set most likely meant, if one is close enough (catalog/Spelling's one threshold). */
  public Optional<String> suggestion() {
    return suggestion;
  }
}
