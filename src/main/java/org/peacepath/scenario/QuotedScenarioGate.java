package org.peacepath.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.peacepath.check.SourceQuotes;
import org.peacepath.rules.Problem;
import org.peacepath.rules.RuleSet;
import org.peacepath.rules.ServingGate;

/**
 * The gate of {@code serve --source FILE}: a revision whose quotes are not in the source text is refused
 * before its scenarios run (a quote that is not in the source would be shown as one); otherwise its
 * scenarios decide, as {@link ScenarioGate} runs them. The reload child makes it again from the path alone.
 */
public final class QuotedScenarioGate implements ServingGate {
  private final String source;
  private final SourceQuotes quotes;
  private final ScenarioGate scenarios = new ScenarioGate();

  /** The gate of the source text at {@code source}, read now; an unreadable file is an {@link IOException}. */
  public QuotedScenarioGate(String source) {
    this.source = source;
    try {
      this.quotes = new SourceQuotes(Files.readString(Path.of(source)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public List<Problem> shortfalls(RuleSet ruleSet) {
    List<Problem> quoted = quotes.check(ruleSet);
    return quoted.isEmpty() ? scenarios.shortfalls(ruleSet) : quoted;
  }

  @Override
  public String argument() {
    return source;
  }
}
