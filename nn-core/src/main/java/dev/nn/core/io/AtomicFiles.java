package dev.nn.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files so that a reader never sees half of one: the content goes to a temporary file in the same
 * directory, is flushed to disk, and is then renamed over the target in one step. A run killed midway
 * leaves the old file (or none) and at most a stray {@code .tmp} file, never a truncated target.
 * ({@link CrashPoint} lets tests kill the JVM at either side of the rename.)
 *
 * <p>Files that a run can rebuild from its checkpoints (its metrics, summary and report, rewritten after
 * epochs) skip the flush to disk ({@link #writeRebuildable}): a killed process leaves the page cache to the
 * kernel, so the rename is as safe as ever, and only a crash of the machine itself might leave such a file
 * empty, which a resume rewrites. The flush is what costs (milliseconds a file on a laptop's disk), and a run of
 * many short epochs would otherwise spend most of its time on it.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Something that writes a file's content to a stream. */
  @FunctionalInterface
  public interface Content {
    /** Writes the content. */
    void writeTo(OutputStream out) throws IOException;
  }

  /** Atomically replaces {@code target} with what {@code content} writes, flushed to disk before the rename. */
  public static void write(Path target, Content content) {
    write(target, content, true);
  }

  /** Atomically replaces {@code target} with UTF-8 text, not flushed to disk: for files a run rebuilds. */
  public static void writeRebuildable(Path target, String text) {
    write(target, utf8(text), false);
  }

  private static void write(Path target, Content content, boolean flush) {
    Path dir = target.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      CrashPoint.writing(target);
      Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
      try {
        try (OutputStream out = Files.newOutputStream(tmp)) {
          content.writeTo(out);
        }
        if (flush) {
          try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
          }
        }
        readableByAll(tmp);
        CrashPoint.reached(target, "temp");
        try {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        CrashPoint.reached(target, "renamed");
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /** Temporary files are private (0600); a finished run file gets the usual rw-r--r--. */
  private static void readableByAll(Path file) throws IOException {
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    }
  }

  /**
   * Appends {@code line} to {@code target} (which exists) in one write, not flushed to disk: for a file a run
   * rebuilds on resume, grown a line at a time, so that each line costs its own length rather than the whole
   * file's. A killed process leaves the line whole or absent; a crash of the machine might cut it, which a
   * resume repairs by rewriting the file. For {@link CrashPoint} the append is a write of {@code target}: its
   * stage {@code temp} is just before the line reaches the file, {@code renamed} just after.
   */
  public static void appendRebuildable(Path target, String line) {
    CrashPoint.writing(target);
    CrashPoint.reached(target, "temp");
    java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
    try (var channel = java.nio.channels.FileChannel.open(target, java.nio.file.StandardOpenOption.WRITE,
        java.nio.file.StandardOpenOption.APPEND)) {
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
    CrashPoint.reached(target, "renamed");
  }

  /**
   * Whether a test has set a crash point in this JVM ({@code -Dnn.crash-at}); a run then writes its progress
   * after every epoch, so that write counts do not depend on timing.
   */
  public static boolean crashPointSet() {
    return CrashPoint.set();
  }

  /** Atomically replaces {@code target} with UTF-8 text. */
  public static void writeString(Path target, String text) {
    write(target, utf8(text), true);
  }

  private static Content utf8(String text) {
    return out -> out.write(text.getBytes(StandardCharsets.UTF_8));
  }
}
