package dev.nn.core.model;

import java.nio.file.Path;

/** A model file that cannot be used: truncated, corrupted, of an unknown version, or needing a missing plugin. */
public final class ModelFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What is wrong with {@code file}. */
  public ModelFormatException(Path file, String problem) {
    super(file + ": " + problem);
  }

  /** What is wrong with {@code file}, and the error that revealed it. */
  public ModelFormatException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
  }
}
