package dev.nn.core.io;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files that are not regular files, made for tests: named pipes, and the devices a Unix system has. */
public final class SpecialFiles {
  private SpecialFiles() {}

  /**
   * A new named pipe {@code dir/name}, made by {@code mkfifo}; the test is skipped where there is no
   * {@code mkfifo}. Nothing ever writes to it, so opening it for reading would block forever, and that
   * blocked open cannot be interrupted: a test that uses one runs with {@code @Timeout(threadMode =
   * SEPARATE_THREAD)}, so that a regression fails at the timeout instead of hanging the build.
   */
  public static Path fifo(Path dir, String name) throws InterruptedException {
    Path fifo = dir.resolve(name);
    int exit;
    try {
      exit = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor();
    } catch (IOException e) {
      exit = -1;
    }
    assumeTrue(exit == 0 && Files.exists(fifo), "mkfifo is not available");
    return fifo;
  }

  /** A character device such as {@code /dev/zero}; the test is skipped where it does not exist. */
  public static Path device(String path) {
    Path device = Path.of(path);
    assumeTrue(Files.exists(device) && !Files.isRegularFile(device), path + " is not a device here");
    return device;
  }
}
