package dev.nn.core.experiment;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Training stopped because the JVM is stopping (Ctrl-C, SIGTERM), or because the thread that trains was
 * interrupted ({@code Thread.interrupt}, {@code Future.cancel(true)}; the thread's interrupted flag is set again
 * when this is thrown), not because of a fault: the run is recorded {@code interrupted}, and {@code nn.resume}
 * continues it. On a stop of the JVM the interruption's own notice says where its last checkpoint is. What failed on the
 * training thread meanwhile (a cluster's job cancelled by the stop, say) is kept as the cause, for
 * {@code --debug}; a command reports nothing more for it.
 */
public final class TrainingInterruptedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Path runDirectory;

  /**
   * @param runDirectory the run's directory, or {@code null} when training stopped before it was created
   * @param cause what failed on the training thread as the JVM stopped
   */
  public TrainingInterruptedException(Path runDirectory, Throwable cause) {
    super("training was interrupted" + (runDirectory == null ? "" : " in " + runDirectory), cause);
    this.runDirectory = runDirectory;
  }

  /** The run's directory, when it had one. */
  public Optional<Path> runDirectory() {
    return Optional.ofNullable(runDirectory);
  }

  /**
   * {@code failure} as it should be reported: when the JVM is stopping, or the thread was interrupted
   * ({@code Future.cancel(true)}: its file writes fail), an interruption (unless it is one already); otherwise
   * {@code failure} itself.
   */
  public static RuntimeException orInterruption(RuntimeException failure, Path runDirectory) {
    boolean stopped = JvmShutdown.inProgress() || Thread.currentThread().isInterrupted()
        || TrainingRun.interruptedIo(failure);
    if (failure instanceof TrainingInterruptedException || !stopped) {
      return failure;
    }
    return new TrainingInterruptedException(runDirectory, failure);
  }
}
