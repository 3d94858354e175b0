package org.peacepath.rules;

/**
 * Where a rule is written, so that reasons can be ordered as the files list them and errors can point
 * an editor at the line.
 *
 * @param name the rule's name, a plain-English sentence
 * @param file the DRL file's path relative to the rules folder
 * @param line the line of its {@code rule} keyword
 * @param order its place among all the rules of the rule set, by file then line
 */
public record RuleInfo(String name, String file, int line, int order) {}
