package dev.nn.core.stability;

/**
 * A stability study that cannot run as asked — no held-out row to replace a sample with, a replace index
 * outside the training split — worded for the person who asked: the message names the value and what is
 * allowed.
 */
public final class StabilityException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}. */
  public StabilityException(String message) {
    super(message);
  }
}
