package dev.nn.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Turns a path argument into a {@link Path}, refusing one the file system cannot name (a NUL character,
 * characters the locale's file-name encoding cannot express) with a sentence rather than a Java exception's
 * text, and an empty one, which would name the working directory; picocli names the option it was given to.
 */
final class PathArgument implements CommandLine.ITypeConverter<Path> {
  /**
   * The paths given with a trailing separator ({@code exports/}), which name a folder: {@link Path} drops the
   * separator, so a file output given so would be written as a file of the folder's name. Weak: a command's
   * paths go when it does.
   */
  private static final java.util.Set<Path> FOLDER_SYNTAX = java.util.Collections.synchronizedSet(
      java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>()));

  /** Forgets the paths of an earlier command line run in this JVM. */
  static void forget() {
    FOLDER_SYNTAX.clear();
  }

  /** Whether {@code path} was given with a trailing separator, naming a folder. */
  static boolean givenAsFolder(Path path) {
    return FOLDER_SYNTAX.contains(path);
  }

  @Override
  public Path convert(String value) {
    if (value.isBlank()) {
      throw new CommandLine.TypeConversionException("the path is empty; give a file's path");
    }
    try {
      Path path = Path.of(value);
      if (value.length() > 1 && (value.endsWith("/") || value.endsWith(java.io.File.separator))) {
        FOLDER_SYNTAX.add(path);
      }
      return path;
    } catch (InvalidPathException e) {
      // Failures words it as for a path in any other place, without its "nn: " prefix
      throw new CommandLine.TypeConversionException(Failures.invalidPath(e).substring("nn: ".length()));
    }
  }
}
