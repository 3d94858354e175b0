package org.peacepath.rules;

import java.util.List;
import java.util.Map;

/**
 * The vocabulary a rule file may use: the facts it may match, with their fields, and the findings it may
 * insert. Nothing else of Java is within its reach.
 */
final class FactTypes {
  private FactTypes() {}

  /** The facts a rule may match, by simple name, with the fields a constraint may read. */
  static final Map<String, List<String>> FACTS = Map.of(
      "Open", List.of("step", "kind"),
      "Done", List.of("step", "kind"),
      "Tally", List.of("kind", "count"),
      "Recorded", List.of("step", "kind", "status", "counted"));

  /** The findings a consequence may insert. */
  static final List<String> FINDINGS = List.of("Blocked", "Caution", "Advisory");

  /** The package the fact and finding classes live in. */
  static final String PACKAGE = "org.peacepath.facts";

  /** Whether {@code name} is a fact or finding a rule file may import. */
  static boolean importable(String qualified) {
    if (!qualified.startsWith(PACKAGE + ".")) {
      return false;
    }
    if (qualified.equals(PACKAGE + ".*")) {
      return true;
    }
    String simple = qualified.substring(PACKAGE.length() + 1);
    return FACTS.containsKey(simple) || FINDINGS.contains(simple);
  }

  /** Every name a rule file may import, for messages. */
  static String importables() {
    return String.join(", ", List.of("Open", "Done", "Tally", "Recorded", "Blocked", "Caution", "Advisory"));
  }
}
