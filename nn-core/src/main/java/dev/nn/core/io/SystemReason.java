package dev.nn.core.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;
import java.util.Optional;

/**
 * The operating system's reason for a failed file operation, in words, found anywhere in an exception's
 * causes: a message such as "cannot create a run directory in out: out/xor-1" is only useful with "permission
 * denied", "read-only file system" or "no space left on device" after it.
 */
public final class SystemReason {
  private SystemReason() {}

  /** The reason the first I/O exception among {@code e} and its causes gives, if it gives one. */
  public static Optional<String> of(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        Optional<String> reason = reason((IOException) t);
        if (reason.isPresent()) {
          return reason;
        }
      }
    }
    return Optional.empty();
  }

  /**
   * As {@link #of}, but none for a missing file: the readers of data, models and run files say that in their
   * own words already, and only a refusal (permission denied, an I/O error) needs the system's.
   */
  public static Optional<String> ofRefusal(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      // the refusal says it already: a missing file, or text that is not UTF-8 (with where, which the decoder's
      // "Input length = 1" does not)
      if (t instanceof NoSuchFileException || t instanceof java.nio.charset.CharacterCodingException) {
        return Optional.empty();
      }
    }
    return of(e);
  }

  /**
   * {@code e} as "path: reason" ("out/xor-1: read-only file system", "runs: not a directory"), where the JDK's
   * message of a file system exception is the path alone; any other exception's own message.
   */
  public static String describe(IOException e) {
    if (e instanceof FileSystemException f) {
      String where = f.getFile() == null ? "" : f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile())
          + ": ";
      return where + of(f).orElse("cannot be read or written");
    }
    return message(e);
  }

  /**
   * What the thread's interruption did to a read or write: the JDK's exception for it has no message, and "cannot
   * read: null" blamed a file that is fine.
   */
  static final String INTERRUPTED = "interrupted: the thread's interrupt flag was set (Thread.interrupt,"
      + " Future.cancel), which ends its file reads and writes; the file itself is not at fault";

  /**
   * {@code e}'s message, or for an exception without one what its type says (an interrupted thread's
   * {@link java.nio.channels.ClosedByInterruptException}), never "null".
   */
  public static String message(Throwable e) {
    String m = e.getMessage();
    if (m != null && !m.isBlank()) {
      return m;
    }
    return (e instanceof IOException io ? byType(io) : Optional.<String>empty()).orElse(e.getClass().getSimpleName());
  }

  /** The reason of an exception whose type is the whole of it. */
  private static Optional<String> byType(IOException e) {
    if (e instanceof java.nio.channels.ClosedByInterruptException || e instanceof java.io.InterruptedIOException) {
      return Optional.of(INTERRUPTED);
    }
    if (e instanceof java.nio.channels.AsynchronousCloseException) {
      return Optional.of("the file was closed by another thread while in use");
    }
    if (e instanceof java.nio.channels.ClosedChannelException) {
      return Optional.of("the file was closed while in use");
    }
    return Optional.empty();
  }

  private static Optional<String> reason(IOException e) {
    Optional<String> typed = byType(e);
    if (typed.isPresent()) {
      return typed;
    }
    // the subclasses carry no reason text: their class is the reason
    if (e instanceof AccessDeniedException) {
      return Optional.of(given((FileSystemException) e).orElse("permission denied"));
    }
    if (e instanceof NoSuchFileException) {
      return Optional.of(given((FileSystemException) e).orElse("no such file or directory"));
    }
    if (e instanceof FileAlreadyExistsException f) {
      return Optional.of(given(f).orElse(danglingLink(f.getFile()).orElse("a file of that name already exists")));
    }
    if (e instanceof NotDirectoryException) {
      return Optional.of("not a directory");
    }
    if (e instanceof DirectoryNotEmptyException) {
      return Optional.of("directory not empty");
    }
    if (e instanceof FileSystemException) {
      return given((FileSystemException) e);
    }
    // streams report the system's words as the whole message, e.g. "No space left on device"
    String m = e.getMessage();
    return m == null || m.isBlank() || m.contains("/") ? Optional.empty() : Optional.of(lower(m));
  }

  /**
   * "a symbolic link to /gone, which does not exist" for a path that is a link no file stands behind (a folder
   * deleted, or a loop of links): creating it finds the name taken, though there is no file to see.
   */
  private static Optional<String> danglingLink(String file) {
    if (file == null) {
      return Optional.empty();
    }
    try {
      java.nio.file.Path path = java.nio.file.Path.of(file);
      if (!java.nio.file.Files.isSymbolicLink(path) || java.nio.file.Files.exists(path)) {
        return Optional.empty();
      }
      java.nio.file.Path target = java.nio.file.Files.readSymbolicLink(path);
      java.nio.file.Path resolved = path.resolveSibling(target);
      return Optional.of(java.nio.file.Files.isSymbolicLink(resolved) || java.nio.file.Files.exists(resolved,
          java.nio.file.LinkOption.NOFOLLOW_LINKS)
          ? "a symbolic link to " + target + ", which leads to no file (a loop of links, or a link to a link that is"
              + " gone)"
          : "a symbolic link to " + target + ", which does not exist");
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> given(FileSystemException e) {
    return Optional.ofNullable(e.getReason()).filter(r -> !r.isBlank()).map(SystemReason::lower);
  }

  /** "Read-only file system" as "read-only file system", to follow a colon in a sentence. */
  private static String lower(String reason) {
    return reason.isEmpty() ? reason : reason.substring(0, 1).toLowerCase(Locale.ROOT) + reason.substring(1);
  }
}
