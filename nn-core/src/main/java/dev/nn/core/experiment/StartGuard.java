package dev.nn.core.experiment;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds a stop of the JVM (Ctrl-C, SIGTERM) back while a run's directory and its record are being made: the
 * thread making them goes on while the JVM's shutdown hooks run, and the JVM halts when they are done, so
 * without this a stop in between could cut the making short and leave a directory that says nothing of how the
 * run ended. A shutdown hook of this guard waits until the making is over (at most {@value #MAX_SECONDS} s);
 * by then the record has its own hook, or, the JVM being already stopping, has recorded the interruption.
 */
final class StartGuard {
  /** How long a stop waits at most for the making to end. */
  static final long MAX_SECONDS = 30;

  private final CountDownLatch released = new CountDownLatch(1);
  private final Thread hook = new Thread(this::awaitRelease, "nn-run-starting");
  private final Runnable onRelease;
  private boolean installed;

  private StartGuard(Runnable onRelease) {
    this.onRelease = onRelease;
  }

  /** A guard holding stops back from now until {@link #release}, which runs {@code onRelease} once. */
  static StartGuard hold(Runnable onRelease) {
    StartGuard guard = new StartGuard(onRelease);
    try {
      Runtime.getRuntime().addShutdownHook(guard.hook);
      guard.installed = true;
    } catch (IllegalStateException stopping) {
      // already stopping: there is nothing to hold back, and the run's making fails or records the stop
    }
    return guard;
  }

  /** The making is over (done or failed): a stop need wait no longer. Idempotent. */
  void release() {
    if (released.getCount() == 0) {
      return;
    }
    released.countDown();
    onRelease.run();
    if (installed) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException stopping) {
        // the hook runs, and now ends at once
      }
    }
  }

  private void awaitRelease() {
    try {
      released.await(MAX_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
