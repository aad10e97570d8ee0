package dev.nn.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An operating-system lock on a file, held by this process until it is closed, and released when the process ends
 * however it ends (a killed process holds nothing), so a stale lock never blocks anyone. The file itself stays; only
 * the lock on it counts. What a run directory and a sweep folder are guarded by.
 */
public final class HeldLock implements AutoCloseable {
  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private HeldLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock on {@code file} (made if missing) without waiting.
   *
   * @return the lock, or {@code null} when another process, or another holder in this JVM, holds it
   * @throws UncheckedIOException naming the file when it cannot be opened or locked
   */
  public static HeldLock tryTake(Path file) {
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      // the reason alone: describe() would name the file a second time
      throw new UncheckedIOException("cannot open the lock file " + file + ": "
          + SystemReason.of(e).orElse(e.getClass().getSimpleName()), e);
    }
    FileLock lock;
    // a lock is taken or not at once: an interrupt of this thread waits for the code that checks it, rather than
    // closing the channel (a run started on an interrupted thread failed to lock the directory it had just made)
    boolean interrupted = Thread.interrupted();
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException heldHere) {
      lock = null;
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException("cannot lock " + file + ": " + SystemReason.of(e).orElse(
          e.getClass().getSimpleName()), e);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    if (lock == null) {
      closeQuietly(channel);
      return null;
    }
    return new HeldLock(file, channel, lock);
  }

  /** Releases the lock. */
  @Override
  public void close() {
    // released whatever this thread's interrupt flag says: the run ending on an interrupt still lets go of its lock
    boolean interrupted = Thread.interrupted();
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release the lock on " + file + ": " + SystemReason.describe(e), e);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Who holds the lock on a file, as a probe finds it. */
  public enum Holder {
    /** Nobody: the probe took the lock for an instant. */
    NOBODY,
    /** Another holder in this JVM (another thread's run). */
    THIS_JVM,
    /** Another process. */
    ANOTHER_PROCESS,
    /** Not known: the file cannot be opened for reading (another user's, on a disk this user cannot read). */
    UNKNOWN
  }

  /**
   * Who holds the lock on {@code file} now, found by taking a shared lock for an instant when it is free. A shared
   * lock needs the file open for reading only, so a file on a read-only disk, or another user's, is probed too; it
   * cannot be had while a holder keeps its exclusive lock. Never creates the file.
   */
  public static Holder probe(Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      FileLock probe = channel.tryLock(0, Long.MAX_VALUE, true);
      if (probe == null) {
        return Holder.ANOTHER_PROCESS;
      }
      probe.release();
      return Holder.NOBODY;
    } catch (OverlappingFileLockException heldHere) {
      return Holder.THIS_JVM;
    } catch (IOException e) {
      return Holder.UNKNOWN;
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing was taken
    }
  }
}
