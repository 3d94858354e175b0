package org.peacepath.rules;

/**
 * A rule as its file writes it: what it is called, what it is, and where, so that findings carry its id
 * and basis, reasons are ordered as the files list the rules, and errors point an editor at the line.
 *
 * @param name the rule's name, a plain-English sentence
 * @param id its short, stable id, from {@code @id}
 * @param basis how the source supports it, from {@code @basis}: stated, hedged or inferred
 * @param source the passage it quotes, from {@code @source}; parts joined by "…"
 * @param brief the design brief's words, from {@code @brief}, on a rule that is firm because the design
 *     brief says so; empty on every other rule
 * @param file the DRL file's path relative to the rules folder
 * @param line the line of its {@code rule} keyword
 * @param order its place among all the rules of the rule set, by file then line
 */
public record RuleInfo(String name, String id, String basis, String source, String brief, String file, int line,
    int order) {
  /** The words {@code @basis} may say. */
  public static final java.util.List<String> BASES = java.util.List.of("stated", "hedged", "inferred");

  /** {@code file:line}, where an editor finds the rule. */
  public String where() {
    return file + ":" + line;
  }
}
