package dev.nn.core.io;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A way for tests to kill the JVM at an exact point of writing a file, to show that whatever a killed run
 * leaves can be resumed to the same result. Off unless the system property {@value #PROPERTY} is set to
 * {@code NAME:N:STAGE}: when the {@code N}th atomic write (from 1) of a file named {@code NAME} in this JVM
 * reaches {@code STAGE}, the JVM halts at once, with no shutdown hook, as {@code kill -9} would. The stages:
 * <ul>
 *   <li>{@code temp} — the new content is in the temporary file, flushed to disk, not yet renamed over the
 *       target: the target still holds its old content (or does not exist), a {@code .tmp} file is left;
 *   <li>{@code renamed} — the target holds the new content; nothing after the write has happened.
 * </ul>
 * For example {@code -Dnn.crash-at=model.nnm:1:temp} kills a run while its model is being written. With
 * {@code :exit} after the stage ({@code p.csv:1:temp:exit}) the JVM is stopped as SIGTERM or Ctrl-C stops it
 * instead: another thread calls {@code System.exit(143)}, which runs the shutdown hooks, while the writing
 * thread pauses for two seconds and then goes on, as a process does while its hooks run. While a
 * point is set, a run writes its progress files after every epoch rather than at most once a second, so that
 * which write is the {@code N}th does not depend on how fast the machine is ({@link AtomicFiles#crashPointSet}).
 */
final class CrashPoint {
  /** The system property that sets the point. */
  static final String PROPERTY = "nn.crash-at";
  /** The exit status of the halted JVM: what a shell reports for a process killed by signal 9. */
  static final int STATUS = 137;
  /** The exit status of a JVM stopped as by SIGTERM (the {@code :exit} form). */
  static final int TERMINATED = 143;

  private static final String SETTING = System.getProperty(PROPERTY);
  private static final Map<String, Integer> WRITES = new ConcurrentHashMap<>();

  private CrashPoint() {}

  /** Whether a point is set in this JVM. */
  static boolean set() {
    return SETTING != null;
  }

  /** A write of {@code target} began: counts it. */
  static void writing(Path target) {
    if (SETTING != null) {
      WRITES.merge(target.getFileName().toString(), 1, Integer::sum);
    }
  }

  /** The current write of {@code target} reached {@code stage}: halts the JVM if that is the point. */
  static void reached(Path target, String stage) {
    if (SETTING == null) {
      return;
    }
    String name = target.getFileName().toString();
    String point = name + ":" + WRITES.getOrDefault(name, 0) + ":" + stage;
    if (SETTING.equals(point)) {
      Runtime.getRuntime().halt(STATUS);
    } else if (SETTING.equals(point + ":exit")) {
      new Thread(() -> System.exit(TERMINATED), "nn-crash-point").start();
      try {
        Thread.sleep(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
