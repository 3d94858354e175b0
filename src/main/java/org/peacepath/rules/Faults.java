package org.peacepath.rules;

import java.nio.file.Path;

/**
 * Failures no check foresaw — a rule nested too deeply to be read, a condition that divides by zero, a
 * format that asks for more memory than there is — said in words, at the file they came from, and never
 * as a Java class or a stack trace.
 */
public final class Faults {
  private Faults() {}

  /** What went wrong, in words a policy editor can act on. */
  public static String inWords(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof StackOverflowError) {
      return "it nests too deeply to be worked through";
    }
    if (root instanceof OutOfMemoryError) {
      return "it asks for more memory than there is";
    }
    if (root instanceof ArithmeticException) {
      return root.getMessage() != null && root.getMessage().contains("zero") ? "it divides by zero"
          : "its arithmetic cannot be done";
    }
    if (root instanceof java.util.IllegalFormatConversionException format) {
      return "String.format's %" + format.getConversion() + " is given " + kind(format.getArgumentClass())
          + ", which it cannot format";
    }
    if (root instanceof java.util.MissingFormatArgumentException format) {
      return "String.format's " + format.getFormatSpecifier() + " is given no value to format";
    }
    if (root instanceof java.util.IllegalFormatException) {
      return "String.format is given a pattern it cannot use";
    }
    if (root instanceof NullPointerException) {
      return "it uses a value that is missing";
    }
    if (root instanceof ClassCastException) {
      return "it compares or combines values of different kinds";
    }
    return "it failed in a way peacepath does not foresee";
  }

  private static String kind(Class<?> type) {
    if (CharSequence.class.isAssignableFrom(type)) {
      return "text";
    }
    if (Number.class.isAssignableFrom(type)) {
      return "a number";
    }
    return Boolean.class.equals(type) ? "true or false" : "a value of another kind";
  }

  /**
   * Compiles the named rule set as {@link RuleSetCompiler#compile(Path, String)} does; a failure no check
   * foresaw is a problem at the rule file that causes it, or at the rule set's manifest.
   */
  public static RuleSet compile(Path root, String name) throws RuleSetException {
    return compile(RuleSetFiles.read(root, name), name);
  }

  /** As {@link #compile(Path, String)}, from the files read once by the caller. */
  static RuleSet compile(RuleSetFiles files, String name) throws RuleSetException {
    try {
      return RuleSetCompiler.compile(files, name);
    } catch (RuntimeException | StackOverflowError e) {
      throw new RuleSetException(whileCompiling(files, name, e));
    }
  }

  /** Where a failure while compiling comes from: the first rule file that fails the same way on its own. */
  private static Problem whileCompiling(RuleSetFiles files, String name, Throwable e) {
    String what = inWords(e) + (e instanceof StackOverflowError
        ? "; write it with fewer parentheses (or other brackets) inside one another" : "");
    for (SourceFile file : files.drl()) {
      try {
        RuleLanguage.check(file);
      } catch (RuntimeException | StackOverflowError again) {
        return new Problem("compile_failed", file.path(), again instanceof StackOverflowError ? deepest(file.text()) : 1,
            "this file could not be read as rules: " + what);
      }
    }
    return new Problem("compile_failed", files.manifestFile().path(), 0,
        "rule set " + name + " could not be compiled: " + what);
  }

  /** The line where brackets nest deepest, counting from 1. */
  private static int deepest(String text) {
    return RuleLanguage.deepestLine(text);
  }
}
