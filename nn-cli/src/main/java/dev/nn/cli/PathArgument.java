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
  @Override
  public Path convert(String value) {
    if (value.isBlank()) {
      throw new CommandLine.TypeConversionException("the path is empty; give a file's path");
    }
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      // Failures words it as for a path in any other place, without its "nn: " prefix
      throw new CommandLine.TypeConversionException(Failures.invalidPath(e).substring("nn: ".length()));
    }
  }
}
