package dev.nn.core.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lock a process holds on a run directory while it trains there: an operating-system lock on the
 * directory's {@code .lock} file, released when the process ends however it ends (a killed process holds
 * nothing), so a stale lock never blocks a resume. The file itself stays; only the lock on it counts.
 */
public final class RunLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock on {@code file} without waiting.
   *
   * @param runDirectory the directory the lock guards, for the message
   * @throws RunFileException when another process (or another run in this one) holds it
   */
  static RunLock take(Path file, Path runDirectory) {
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the lock file " + file + ": " + e.getMessage(), e);
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException heldHere) {
      // another run in this JVM trains there
      lock = null;
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
    }
    if (lock == null) {
      closeQuietly(channel);
      throw new RunFileException(runDirectory, "another process is training in this run directory (it holds "
          + RunDirectory.LOCK + "); wait for it to end, or stop it, before resuming");
    }
    return new RunLock(channel, lock);
  }

  /** Releases the lock. */
  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release the run directory's lock: " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // the lock was not taken; nothing depends on closing
    }
  }
}
