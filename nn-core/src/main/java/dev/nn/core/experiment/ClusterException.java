package dev.nn.core.experiment;

/**
 * A distributed run failed for a reason outside nn and outside the experiment: the cluster's master cannot be
 * reached, an executor was lost for good, a column of the data is missing. The message says what happened
 * and what to check; the command line reports it as a problem the user can fix (exit 2).
 */
public final class ClusterException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}, caused by {@code cause} (for {@code --debug}). */
  public ClusterException(String message, Throwable cause) {
    super(message, cause);
  }
}
