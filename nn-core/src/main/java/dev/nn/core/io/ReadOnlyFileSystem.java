package dev.nn.core.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Why an existing file this process may not write is refused: its file system is mounted read-only, where no change
 * of the file's permissions helps ({@code chmod} fails there too), or the file is write-protected. Both look the same
 * to {@link Files#isWritable}; a message that advises {@code chmod u+w} for the first cannot help.
 */
public final class ReadOnlyFileSystem {
  private ReadOnlyFileSystem() {}

  /** Whether {@code p}, which exists, is on a file system mounted read-only; false when that cannot be told. */
  public static boolean holds(Path p) {
    try {
      return Files.getFileStore(p).isReadOnly();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * The refusal of an existing file this process may not write, in the system's words: "read-only file system" on
   * such a file system, else its protection.
   *
   * @param onReadOnly whether the file is on a file system mounted read-only ({@link #holds})
   */
  public static IOException refusal(boolean onReadOnly) {
    return onReadOnly ? new FileSystemException(null, null, "Read-only file system")
        : new AccessDeniedException(null, null, "permission denied: the file is write-protected");
  }
}
