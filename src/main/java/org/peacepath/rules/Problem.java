package org.peacepath.rules;

/**
 * A mistake in the files under {@code rules/}, at the place an editor can find it.
 *
 * @param code a stable snake_case code, such as {@code drl_syntax} or {@code unknown_step}
 * @param file the file's path relative to the rules folder
 * @param line the line, counting from 1; 0 when the whole file is at fault
 * @param message what is wrong and what to change, as a sentence
 */
public record Problem(String code, String file, int line, String message) {

  /** The problem as {@code file:line: message}, the way compilers print them. */
  @Override
  public String toString() {
    return file + ":" + line + ": " + message;
  }
}
