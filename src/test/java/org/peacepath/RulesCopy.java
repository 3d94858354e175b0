package org.peacepath;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** A copy of the bundled rules in a scratch folder, for tests that edit rules as policy staff would. */
public final class RulesCopy {
  private RulesCopy() {}

  /** Copies {@code rules/} into {@code target} and returns it. */
  public static Path of(Path target) {
    try (Stream<Path> files = Files.walk(Bundled.RULES)) {
      for (Path source : files.toList()) {
        Path destination = target.resolve(Bundled.RULES.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(destination);
        } else {
          Files.copy(source, destination, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a file under the copy, replacing what was there. */
  public static void write(Path root, String path, String text) {
    try {
      Files.writeString(root.resolve(path), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
