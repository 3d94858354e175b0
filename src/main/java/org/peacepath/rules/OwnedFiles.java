package org.peacepath.rules;

import java.nio.file.Path;

/**
 * Which files of the rules folder are policy staff's, and which are editors' and operating systems'
 * leftovers that peacepath neither reads nor watches: hidden files ({@code ._reciprocity.drl} from
 * macOS, {@code .#treaty.drl} from Emacs, {@code .treaty.drl.swp} from vim), backups ({@code treaty.drl~},
 * {@code *.bak}, {@code *.orig}), temporary files ({@code *.tmp}, vim's {@code 4913}) and autosaves
 * ({@code #treaty.drl#}).
 */
final class OwnedFiles {
  private OwnedFiles() {}

  /** Whether the file (or folder) of this name is one peacepath reads and watches. */
  static boolean owned(Path path) {
    String name = path.getFileName() == null ? "" : path.getFileName().toString();
    return !name.isEmpty()
        && !name.startsWith(".")
        && !name.startsWith("#")
        && !name.endsWith("~")
        && !name.endsWith(".swp") && !name.endsWith(".swx") && !name.endsWith(".tmp")
        && !name.endsWith(".bak") && !name.endsWith(".orig")
        && !name.equals("4913");
  }
}
