package org.peacepath.rules;

/**
 * One file of a rule set as read from disk.
 *
 * @param path the path relative to the rules folder, with "/" separators, such as {@code sigal/reciprocity.drl}
 * @param text the file's contents
 */
public record SourceFile(String path, String text) {}
