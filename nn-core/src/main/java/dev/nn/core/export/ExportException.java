package dev.nn.core.export;

/**
 * A model that cannot be exported as asked — a plugin the format cannot express, an output file that cannot
 * be written where it was asked for — worded for the user. Nothing has been written when it is thrown.
 */
public final class ExportException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An export that cannot be done, with the reason for people. */
  public ExportException(String message) {
    super(message);
  }
}
