package dev.nn.core.io;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hidden folders being staged (a run directory before its rename), deleted if the JVM exits on a signal while they
 * are: what a Ctrl-C leaves is then the output folder as it was. Each is released once it is renamed into place or
 * deleted, so a long-lived JVM that stages a folder a run holds none of them afterwards; {@link java.io.File#deleteOnExit}
 * kept every path it was given until the JVM ended (four a run).
 */
public final class StagedOnExit {
  private static final Set<Path> STAGED = ConcurrentHashMap.newKeySet();
  private static final AtomicBoolean HOOK = new AtomicBoolean();

  private StagedOnExit() {}

  /** Deletes {@code dir}, whatever it holds, if the JVM exits before {@link #release} of it. */
  public static void register(Path dir) {
    STAGED.add(dir.toAbsolutePath().normalize());
    if (HOOK.compareAndSet(false, true)) {
      Runtime.getRuntime().addShutdownHook(new Thread(StagedOnExit::deleteAll, "nn-staged-folders"));
    }
  }

  /** Forgets {@code dir}: it was renamed into place, or deleted. */
  public static void release(Path dir) {
    STAGED.remove(dir.toAbsolutePath().normalize());
  }

  /** How many folders are staged now, for tests. */
  static int staged() {
    return STAGED.size();
  }

  /** How long the hook waits for the staging under way to end (renamed into place, or given up) before deleting. */
  static final long SETTLE_MILLIS = 10_000;

  /**
   * Waits for the staging under way to end — the thread staging goes on while the hooks run, and a run's own hook
   * holds the stop until its directory is in place, to record the stop there — then deletes what is still staged: a
   * folder whose thread never got to rename it. Deleting at once took the folder from under the rename, and the run
   * a stop was to be recorded in never appeared.
   */
  private static void deleteAll() {
    long deadline = System.nanoTime() + SETTLE_MILLIS * 1_000_000L;
    while (!STAGED.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        break;
      }
    }
    for (Path dir : STAGED) {
      AbandonedFolders.delete(dir);
    }
  }
}
