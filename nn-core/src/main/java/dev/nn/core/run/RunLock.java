package dev.nn.core.run;

import dev.nn.core.io.HeldLock;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The lock a process holds on a run directory while it trains there: an operating-system lock on the
 * directory's {@code .lock} file, released when the process ends however it ends (a killed process holds
 * nothing), so a stale lock never blocks a resume. The file itself stays; only the lock on it counts.
 */
public final class RunLock implements AutoCloseable {
  private final HeldLock lock;

  private RunLock(HeldLock lock) {
    this.lock = lock;
  }

  /**
   * Takes the lock on {@code file} without waiting.
   *
   * @param runDirectory the directory the lock guards, for the message
   * @throws RunFileException when another process (or another run in this one) holds it
   */
  static RunLock take(Path file, Path runDirectory) {
    HeldLock lock;
    try {
      lock = HeldLock.tryTake(file);
    } catch (java.io.UncheckedIOException e) {
      // a run is trained where its files can be written: on a read-only disk, in a copy elsewhere
      throw dev.nn.core.io.ReadOnlyFileSystem.holds(runDirectory)
          ? new RunFileException(runDirectory, "is on a read-only file system, where no run can go on (its lock,"
              + " checkpoints and records are written in it); copy the run directory to a writable folder and"
              + " resume the copy", e)
          : e;
    }
    if (lock == null) {
      throw new RunFileException(runDirectory, HeldLock.probe(file) == HeldLock.Holder.THIS_JVM
          ? "another thread of this process is training in this run directory (it holds " + RunDirectory.LOCK
              + "); wait for that training to end before resuming"
          : "another process is training in this run directory (it holds " + RunDirectory.LOCK + "); wait for it to"
              + " end, or stop it, before resuming");
    }
    return new RunLock(lock);
  }

  /**
   * Whether a process may train in {@code runDirectory} now: false only when its {@code .lock} file is missing or
   * its lock could be taken, so that no process (this one included) holds it. Probing takes the lock for an instant when it is free, and never creates the file.
   * A run directory whose summary says "running" while nobody holds its lock was left by a process that was
   * killed (or lost its machine) before it could record an end.
   */
  static boolean isHeld(Path runDirectory) {
    Path file = runDirectory.resolve(RunDirectory.LOCK);
    // a lock file this user cannot read tells nothing: the run is taken to be training, and what its own files say
    // stands
    return Files.isRegularFile(file) && HeldLock.probe(file) != HeldLock.Holder.NOBODY;
  }

  /** Releases the lock. */
  @Override
  public void close() {
    lock.close();
  }
}
