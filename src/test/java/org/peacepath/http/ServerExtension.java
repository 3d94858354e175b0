package org.peacepath.http;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.peacepath.Bundled;
import org.peacepath.RulesCopy;
import org.peacepath.rules.RuleSetException;
import org.peacepath.rules.RuleSets;

/**
 * A peacepath server for a test class, started before its tests and stopped after them, on the bundled
 * rules or on a scratch copy of them with rule files written in:
 * {@code @RegisterExtension static ServerExtension server = ServerExtension.bundled();}, then
 * {@code server.api().post(…)}.
 */
public final class ServerExtension implements BeforeAllCallback, AfterAllCallback {
  private final Supplier<RuleSets> ruleSets;
  private Api api;

  private ServerExtension(Supplier<RuleSets> ruleSets) {
    this.ruleSets = ruleSets;
  }

  /** A server on the bundled rules under {@code rules/}. */
  public static ServerExtension bundled() {
    return new ServerExtension(Bundled::ruleSets);
  }

  /**
   * A server on a copy of the bundled rules with files written in, each given as a path under the
   * rules folder and its text: {@code withFiles("common/cycle.drl", text)}.
   */
  public static ServerExtension withFiles(String... pathsAndTexts) {
    return new ServerExtension(() -> {
      try {
        Path dir = Files.createTempDirectory("peacepath-rules");
        RulesCopy.of(dir);
        for (int i = 0; i + 1 < pathsAndTexts.length; i += 2) {
          RulesCopy.write(dir, pathsAndTexts[i], pathsAndTexts[i + 1]);
        }
        return RuleSets.load(dir);
      } catch (java.io.IOException | RuleSetException e) {
        throw new IllegalStateException("cannot make the rules for the test server: " + e.getMessage(), e);
      }
    });
  }

  /** The running server's client. */
  public Api api() {
    return api;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    api = new Api(ruleSets.get());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (api != null) {
      api.close();
    }
  }
}
