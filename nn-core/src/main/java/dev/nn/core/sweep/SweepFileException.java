package dev.nn.core.sweep;

import java.nio.file.Path;

/**
 * A sweep folder or one of its files that cannot be used to continue the sweep: missing, damaged, changed since the
 * sweep wrote it, or held by another process.
 */
public final class SweepFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What is wrong with {@code file}. */
  public SweepFileException(Path file, String problem) {
    super(file + ": " + problem);
  }

  /** What is wrong with {@code file}, and the error that revealed it. */
  public SweepFileException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
  }
}
