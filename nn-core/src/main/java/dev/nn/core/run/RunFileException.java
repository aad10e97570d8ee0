package dev.nn.core.run;

import java.nio.file.Path;

/** A run directory or one of its files that cannot be used: missing, truncated, corrupted or of another version. */
public final class RunFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String problem;

  /** What is wrong with {@code file}. */
  public RunFileException(Path file, String problem) {
    super(file + ": " + problem);
    this.problem = problem;
  }

  /** What is wrong with {@code file}, and the error that revealed it. */
  public RunFileException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
    this.problem = problem;
  }

  /** What is wrong, without the file's name. */
  public String problem() {
    return problem;
  }
}
