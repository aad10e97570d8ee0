package dev.nn.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Stands for another process training in a run directory: locks the file given as its argument, prints
 * {@code locked}, and holds the lock until its standard input closes.
 */
public final class LockHolder {
  private LockHolder() {}

  /** Locks {@code args[0]} until stdin ends. */
  public static void main(String[] args) throws IOException {
    try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      System.out.println("locked " + lock.isValid());
      System.out.flush();
      while (System.in.read() >= 0) {
        // hold the lock
      }
    }
  }
}
