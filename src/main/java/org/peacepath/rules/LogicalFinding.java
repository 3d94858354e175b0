package org.peacepath.rules;

/**
 * A finding as an {@link IncrementalSession} holds it: what a rule inserted, wrapped with the rule's name.
 * The session's copy of the rules inserts these logically, so each lasts exactly as long as a match of its
 * rule that made it; the rule's name keeps two rules that insert equal findings apart, as the engine keeps
 * them apart. Nothing outside that copy of the rules makes one.
 *
 * @param rule the name of the rule whose consequence made it
 * @param fact the {@link org.peacepath.facts.Blocked}, {@link org.peacepath.facts.Caution} or
 *     {@link org.peacepath.facts.Advisory} the consequence built
 */
public record LogicalFinding(String rule, Object fact) {}
