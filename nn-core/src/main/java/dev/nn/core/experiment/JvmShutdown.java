package dev.nn.core.experiment;

/**
 * Whether this JVM has begun to stop (Ctrl-C, SIGTERM, {@link System#exit}). Once it has, shutdown hooks run
 * beside the threads still at work, and some of them take away what those threads use: Spark's own hook stops
 * the SparkContext while a job is running. What then fails on such a thread is the stop's doing, not a new fault.
 */
public final class JvmShutdown {
  private JvmShutdown() {}

  /**
   * True once the JVM is stopping. The JDK has no query for it; registering a hook is refused from that moment
   * on, so a hook that does nothing is registered and removed again.
   */
  public static boolean inProgress() {
    Thread probe = new Thread(() -> { }, "nn-shutdown-probe");
    try {
      Runtime.getRuntime().addShutdownHook(probe);
    } catch (IllegalStateException stopping) {
      return true;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(probe);
      return false;
    } catch (IllegalStateException stopping) {
      // the stop began between the two calls; the probe runs with the other hooks and does nothing
      return true;
    }
  }

  /**
   * Waits, on a thread that has nothing left to do, for the JVM to end: its shutdown hooks say what happened and
   * it exits with the status of the signal that stopped it (130, 143). Calling {@link System#exit} instead could
   * put this thread's status in place of the signal's once the hooks are done.
   */
  public static void awaitEnd() {
    while (true) {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        // the JVM ends this thread when its hooks are done; nothing else may
      }
    }
  }
}
