package dev.nn.cli;

/**
 * An error the user can fix, already worded for them: its message is printed as it is, with no stack
 * trace unless {@code --debug}, and the command exits with {@link Main#BAD_INPUT}.
 */
final class CommandFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure whose {@code message} is printed alone; it may span several lines. */
  CommandFailure(String message) {
    super(message);
  }

  /** A failure whose {@code message} is printed alone, revealed by {@code cause}. */
  CommandFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
