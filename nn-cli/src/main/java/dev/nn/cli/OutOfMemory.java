package dev.nn.cli;

import java.util.Locale;
import java.util.Optional;

/**
 * The message for an {@link OutOfMemoryError} that the estimate made before training did not foresee (data
 * read from files, a plugin's own allocations): running out of memory is the size of the user's experiment
 * against the JVM's limits, which the user can change, so it is reported as bad input with the remedy.
 */
final class OutOfMemory {
  private OutOfMemory() {}

  /** The error among {@code e} and its causes, if there is one. */
  static Optional<OutOfMemoryError> in(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof OutOfMemoryError) {
        return Optional.of((OutOfMemoryError) t);
      }
    }
    return Optional.empty();
  }

  /** What ran out, the limit, and the option that raises it; several lines, each ending in a line break. */
  static String message(OutOfMemoryError e) {
    return message(e, "training also fits in less with a smaller network, batch size or data set");
  }

  /**
   * {@link #message(OutOfMemoryError)} for a command whose needs {@code sizing} tells ("exporting to ONNX takes about
   * 10 to 15 times the model file's size"), in place of training's: an export has no batch size or data set.
   */
  static String message(OutOfMemoryError e, String sizing) {
    long heap = Runtime.getRuntime().maxMemory();
    String what = String.valueOf(e.getMessage());
    if (what.contains("Requested array size exceeds VM limit") || what.contains("Required array length")) {
      // one array (a text, a table) over Java's 2^31 elements: no heap holds it
      return "nn: out of memory (" + what + "): the command needs one array of more than 2^31 values, the most"
          + " Java allows whatever its heap, so more memory cannot help\n"
          + "Give it less at once: split the input file, or fewer rows or columns.\n";
    }
    // "Cannot reserve N bytes of direct buffer memory" when the BLAS kernels' off-heap buffers ran out
    boolean direct = what.contains("direct buffer memory");
    long doubled = Math.max(2, 2 * gigabytes(heap));
    return "nn: out of memory (" + what + "): the command needs more " + (direct ? "direct (off-heap) memory"
        : "heap") + " than this JVM may use (maximum heap " + size(heap) + ")\n"
        + "Give nn more memory, e.g. NN_JAVA_OPTS=-Xmx" + doubled + "g"
        + (direct ? " -XX:MaxDirectMemorySize=" + doubled + "g" : "")
        + " (" + sizing + ").\n";
  }

  /**
   * Runs {@code work}; when it runs out of memory (the error itself or wrapped, from a model's loading or a working
   * line's thread), fails with {@link #message(OutOfMemoryError, String)} of {@code sizing}: what this command needs,
   * in place of training's advice.
   */
  static <T> T sized(java.util.function.Supplier<T> work, java.util.function.Supplier<String> sizing) {
    try {
      return work.get();
    } catch (RuntimeException | Error e) {
      Optional<OutOfMemoryError> oom = in(e);
      if (oom.isEmpty()) {
        throw e;
      }
      throw new CommandFailure(message(oom.get(), sizing.get()), e);
    }
  }

  /** The size of {@code file} in MB, rounded up; 0 when it cannot be read. */
  static long megabytes(java.nio.file.Path file) {
    try {
      return (java.nio.file.Files.size(file) + (1 << 20) - 1) >> 20;
    } catch (java.io.IOException e) {
      return 0;
    }
  }

  private static long gigabytes(long bytes) {
    return (bytes + (1L << 30) - 1) >> 30;
  }

  /** In MB below a gigabyte, else in GB (binary units, as -Xmx reads them). */
  private static String size(long bytes) {
    double mb = bytes / (double) (1L << 20);
    return mb < 1024 ? String.format(Locale.ROOT, "%.0f MB", mb) : String.format(Locale.ROOT, "%.1f GB", mb / 1024);
  }
}
