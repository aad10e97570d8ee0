package dev.nn.core.io;

import java.nio.file.Path;

/**
 * How the readers in this package report a bad file: in their caller's exception type (a model file's
 * {@code ModelFormatException}, a run file's {@code RunFileException}), so that each file keeps its exit
 * code and its one-line "file: problem" message while the checks themselves are written once.
 */
@FunctionalInterface
public interface FileProblem {
  /** The exception to throw for {@code problem} in {@code file}; {@code cause} may be null. */
  RuntimeException at(Path file, String problem, Throwable cause);

  /** The exception to throw for {@code problem} in {@code file}. */
  default RuntimeException at(Path file, String problem) {
    return at(file, problem, null);
  }
}
