package org.peacepath.decide;

import java.util.List;
import org.peacepath.rules.RuleSet;

/**
 * Where a request's rule set names are resolved: the reader of a request hands over the names it read
 * (or none) and gets the rule sets to read the records against, without knowing which are served, which
 * is the default, or how an unknown name is refused.
 */
public interface RuleSetNames {
  /** The rule set of this name, or the default when {@code name} is {@code null}; {@link UnknownRuleSetException} otherwise. */
  RuleSet resolve(String name);

  /** Every rule set served, in the order they are listed. */
  List<RuleSet> all();

  /** The names of the rule sets served, for messages. */
  List<String> names();
}
