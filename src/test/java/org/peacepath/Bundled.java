package org.peacepath;

import java.nio.file.Path;
import org.peacepath.rules.RuleSetException;
import org.peacepath.rules.RuleSets;

/** The bundled rules under {@code rules/}, compiled once for all the tests that only read them. */
public final class Bundled {
  public static final Path RULES = Path.of("rules");
  private static RuleSets ruleSets;

  private Bundled() {}

  public static synchronized RuleSets ruleSets() {
    if (ruleSets == null) {
      try {
        ruleSets = RuleSets.load(RULES);
      } catch (RuleSetException e) {
        throw new AssertionError("the bundled rules do not compile:\n" + e.getMessage(), e);
      }
    }
    return ruleSets;
  }
}
