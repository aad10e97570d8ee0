package dev.nn.core.io;

import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A write under a folder held in place ({@link AtomicFiles#keepInPlace}) found the folder gone: moved or deleted
 * while nn wrote in it. Nothing was written, and the folder was not made again.
 */
public final class FolderGoneException extends UncheckedIOException {
  private static final long serialVersionUID = 1L;
  private final transient Path folder;

  FolderGoneException(Path folder, Path file) {
    super("cannot write " + file + ": the folder " + folder + " was moved or deleted while nn wrote in it",
        new NoSuchFileException(folder.toString()));
    this.folder = folder;
  }

  /** The folder that is gone, absolute. */
  public Path folder() {
    return folder;
  }
}
