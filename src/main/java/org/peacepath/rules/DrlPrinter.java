package org.peacepath.rules;

import java.util.Arrays;

/**
 * Writes the DRL that Drools compiles, anew, from what the rule-language check accepted: never a
 * character of the author's file is handed on as it was written, only what {@link RuleLanguage} read and
 * prints through here (its keywords, the names it checked, strings quoted again from their values,
 * constraints and statements from the parsed expressions), with no comment.
 *
 * <p>Each piece is placed on the line of the author's file it was read from, where it can be (so the
 * printed file reads line for line like the original), and the printer keeps a map from each printed
 * line back to the author's line, so that every message Drools gives about the printed text names the
 * author's file and line.
 */
final class DrlPrinter {
  /** The printed text and, for each of its lines, the author's line it was printed from. */
  record Printed(String text, int[] sourceLines) {
    /** The author's line for printed line {@code line} (from 1); 0 when there is none. */
    int source(int line) {
      if (line < 1) {
        return 0;
      }
      return sourceLines[Math.min(line, sourceLines.length) - 1];
    }

    /** The author's line of the first printed line that holds {@code fragment}, or 0. */
    int sourceOf(String fragment) {
      int at = text.indexOf(fragment);
      if (fragment.isEmpty() || at < 0) {
        return 0;
      }
      int line = 1;
      for (int i = 0; i < at; i++) {
        if (text.charAt(i) == '\n') {
          line++;
        }
      }
      return source(line);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Printed printed && text.equals(printed.text)
          && Arrays.equals(sourceLines, printed.sourceLines);
    }

    @Override
    public int hashCode() {
      return text.hashCode();
    }

    @Override
    public String toString() {
      return text;
    }
  }

  private final StringBuilder out = new StringBuilder();
  private int[] sourceLines = new int[64];
  /** The printed line being written, from 1. */
  private int line = 1;
  /** The author's line the last piece came from. */
  private int source = 1;
  private boolean lineEmpty = true;

  /** Goes to the author's line {@code sourceLine}: on to that printed line if it is still ahead, else stays. */
  DrlPrinter at(int sourceLine) {
    if (sourceLine > 0) {
      while (line < sourceLine) {
        newLine();
      }
      source = sourceLine;
    }
    return this;
  }

  /** Writes {@code piece} on the current line, a space apart from what is already there. */
  DrlPrinter print(String piece) {
    if (!lineEmpty) {
      out.append(' ');
    } else {
      mark();
    }
    out.append(piece);
    lineEmpty = false;
    return this;
  }

  /** Writes {@code piece} right after what is on the line, with no space between. */
  DrlPrinter append(String piece) {
    if (lineEmpty) {
      mark();
    }
    out.append(piece);
    lineEmpty = false;
    return this;
  }

  /** Ends the current line (if anything is on it), so the next piece starts a line of its own. */
  DrlPrinter endLine() {
    if (!lineEmpty) {
      newLine();
    }
    return this;
  }

  /** What was printed, with its map back to the author's lines. */
  Printed printed() {
    endLine();
    return new Printed(out.toString(), Arrays.copyOf(sourceLines, line - 1 < 1 ? 1 : line - 1));
  }

  private void mark() {
    grow();
    sourceLines[line - 1] = source;
  }

  private void newLine() {
    grow();
    if (lineEmpty) {
      sourceLines[line - 1] = line; // an empty line stands for the author's line of the same number
    }
    out.append('\n');
    line++;
    lineEmpty = true;
  }

  private void grow() {
    if (line > sourceLines.length) {
      sourceLines = Arrays.copyOf(sourceLines, sourceLines.length * 2);
    }
  }
}
