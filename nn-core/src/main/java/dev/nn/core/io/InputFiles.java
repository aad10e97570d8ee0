package dev.nn.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The check every input file passes before it is opened: it must be a regular file.
 *
 * <p>Opening a named pipe blocks until someone writes to it, and a device such as {@code /dev/zero} or
 * {@code /dev/urandom} never ends, so reading either would hang or fill the memory. Their attributes are
 * read without opening them (symbolic links are followed, so a link to a pipe is refused as a pipe).
 * A file that passes is still read through a bound: a regular file, too, can be far larger than its
 * reader will hold.
 */
public final class InputFiles {
  /** {@code st_mode}'s file-type bits and their values, as {@code stat(2)} defines them. */
  private static final int TYPE_MASK = 0170000;
  private static final int FIFO = 0010000;
  private static final int CHARACTER_DEVICE = 0020000;
  private static final int BLOCK_DEVICE = 0060000;
  private static final int SOCKET = 0140000;

  private static final String DANGLING_LINK =
      "a symbolic link that leads to no file (its target is missing, or the links form a loop)";

  private InputFiles() {}

  /**
   * Throws, through {@code problem}, unless {@code file} is an existing regular file. The messages are
   * {@code no such file; expected <expected>}, {@code permission denied}, {@code is a directory, expected <expected>} and
   * {@code is a named pipe (FIFO), not a regular file; expected <expected>} (or a character device, a block
   * device, a socket).
   *
   * @param expected what the file should be, for the message: {@code "a CSV file"}
   */
  public static void requireRegularFile(Path file, String expected, FileProblem problem) {
    if (file.toString().isEmpty()) {
      // the empty path names the working directory
      throw problem.at(file, "the path is empty; expected " + expected);
    }
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw problem.at(file, Files.isSymbolicLink(file) ? DANGLING_LINK : "no such file; expected " + expected, e);
    } catch (AccessDeniedException e) {
      throw problem.at(file, "permission denied", e);
    } catch (IOException e) {
      // a loop of links fails with the system's words ("Too many levels of symbolic links"), the path repeated
      throw problem.at(file, Files.isSymbolicLink(file) ? DANGLING_LINK : "cannot read: " + SystemReason.message(e), e);
    }
    if (attributes.isRegularFile()) {
      return;
    }
    if (attributes.isDirectory()) {
      throw problem.at(file, "is a directory, expected " + expected);
    }
    throw problem.at(file, "is " + kindOfOther(file) + ", not a regular file; expected " + expected);
  }

  /**
   * The bytes of {@code file}, read up to one byte past {@code limit}: a result longer than {@code limit}
   * means the file is longer, and no more of it has been read. Check the file with
   * {@link #requireRegularFile} first.
   *
   * @param limit at most {@code Integer.MAX_VALUE - 9}
   * @throws IOException as {@link Files#newInputStream} and reading throw it
   */
  public static byte[] readUpTo(Path file, int limit) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(limit + 1);
    }
  }

  /**
   * What a file that is neither a regular file nor a directory is, from its Unix mode where the platform
   * gives one.
   */
  private static String kindOfOther(Path file) {
    Object mode;
    try {
      mode = Files.getAttribute(file, "unix:mode");
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "a special file (a device, a named pipe or a socket)";
    }
    switch (((Integer) mode) & TYPE_MASK) {
      case FIFO:
        return "a named pipe (FIFO)";
      case CHARACTER_DEVICE:
        return "a character device";
      case BLOCK_DEVICE:
        return "a block device";
      case SOCKET:
        return "a socket";
      default:
        return "a special file";
    }
  }
}
