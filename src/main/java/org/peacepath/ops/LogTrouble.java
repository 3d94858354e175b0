package org.peacepath.ops;

import java.io.IOException;
import java.nio.file.NoSuchFileException;

/**
 * Why the decision log's file could not be opened or written, in words an operator acts on: never its
 * path, nor the class of what was thrown.
 */
final class LogTrouble {
  private LogTrouble() {}

  /** Refused to open: a symbolic link stands at the log's path. */
  static final class SymbolicLink extends IOException {
    SymbolicLink() {
      super("a symbolic link stands at its path, and the decision log follows none (it could lead anywhere); "
          + "give the path of the file itself", null);
    }
  }

  /** Why the file could not be opened or written, in words. */
  static String reason(IOException e) {
    if (e instanceof SymbolicLink) {
      return e.getMessage();
    }
    String message = e instanceof java.nio.file.FileSystemException fs ? fs.getReason() : e.getMessage();
    message = message == null ? "" : message.replaceAll("^.* \\((.+)\\)$", "$1"); // "PATH (REASON)": the reason
    if (e instanceof NoSuchFileException || message.contains("No such file")) {
      return "no such folder";
    }
    if (e instanceof java.nio.file.AccessDeniedException || message.contains("Permission denied")) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.FileAlreadyExistsException || message.contains("Not a directory")) {
      return "a file stands where its folder should be";
    }
    if (message.contains("Is a directory")) {
      return "a folder stands at its path";
    }
    if (message.contains("No space left")) {
      return "no space left on the device";
    }
    if (message.contains("Disk quota exceeded")) {
      return "the disk quota is used up";
    }
    if (message.contains("Read-only file system")) {
      return "the file system is read-only";
    }
    return message.isEmpty() || message.matches("(?s)(.*\\s)?/.*") ? "the operating system refused it" // a path: left out
        : "the operating system refused it: " + message.toLowerCase(java.util.Locale.ROOT);
  }
}
