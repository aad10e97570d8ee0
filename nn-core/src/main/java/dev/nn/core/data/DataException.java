package dev.nn.core.data;

/**
 * A data source could not be read: a file is missing, malformed or inconsistent, or a dataset is too small
 * for what was asked of it. The message is one line that names the file and, where there is one, the line
 * or byte offset, what was found and what is allowed, so the command line can print it on its own.
 */
public final class DataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A problem described by {@code message}. */
  public DataException(String message) {
    super(message);
  }

  /** A problem described by {@code message}, caused by {@code cause} (usually an I/O error). */
  public DataException(String message, Throwable cause) {
    super(message, cause);
  }
}
