package dev.nn.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Removes the hidden folders a command builds its output in and renames when whole, where a {@code kill -9}
 * left them (Ctrl-C and SIGTERM delete their own). A later command making the same kind of output removes them;
 * only folders old enough that no live command can still be filling them, and holding nothing but what such a
 * folder is filled with, so that a folder a user keeps under a look-alike name is never touched.
 */
public final class AbandonedFolders {
  /** How old a hidden folder must be before it is taken for abandoned: filling one takes milliseconds. */
  public static final Duration AGE = Duration.ofMinutes(10);

  private AbandonedFolders() {}

  /**
   * Deletes the folders in {@code outputDir} whose whole name matches {@code name}, last modified more than
   * {@link #AGE} ago, each entry of which {@code expected} accepts. Best effort: what cannot be read or deleted stays.
   */
  public static void remove(Path outputDir, Pattern name, Predicate<Path> expected) {
    Instant before = Instant.now().minus(AGE);
    try (var entries = Files.newDirectoryStream(outputDir, p -> name.matcher(p.getFileName().toString()).matches()
        && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))) {
      for (Path dir : entries) {
        if (Files.getLastModifiedTime(dir).toInstant().isBefore(before) && holdsOnly(dir, expected)) {
          delete(dir);
        }
      }
    } catch (IOException | RuntimeException ignored) {
      // a stray hidden folder harms nothing but the output folder's tidiness
    }
  }

  private static boolean holdsOnly(Path dir, Predicate<Path> expected) throws IOException {
    try (var files = Files.list(dir)) {
      return files.allMatch(expected);
    }
  }

  /** Whether {@code dir} is a directory with nothing in it. */
  public static boolean isEmptyDirectory(Path dir) {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try (var files = Files.list(dir)) {
      return files.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  /** Deletes {@code dir} and everything in it, deepest first; stops quietly at what cannot be deleted. */
  public static void delete(Path dir) {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | RuntimeException ignored) {
      // what is left is a hidden folder, as before
    }
  }
}
