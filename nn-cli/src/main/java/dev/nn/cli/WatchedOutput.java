package dev.nn.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Standard output as the command writes it, remembering why a write failed. {@link java.io.PrintStream} hides a
 * failed write, so {@code nn runs > /dev/full} (a full disk) ended with exit 0 and its output cut short, unsaid.
 * A reader that closed its end of a pipe ({@code nn runs | head}) is no failure: it wanted no more, and nn stays
 * quiet as other commands do; the pipe is told by what standard output is, not by the error's text, which the
 * system may give in the user's language.
 */
final class WatchedOutput extends FilterOutputStream {
  private volatile IOException failure;

  WatchedOutput(OutputStream out) {
    super(out);
  }

  @Override
  public void write(int b) throws IOException {
    try {
      out.write(b);
    } catch (IOException e) {
      throw noted(e);
    }
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    try {
      out.write(b, off, len);
    } catch (IOException e) {
      throw noted(e);
    }
  }

  @Override
  public void flush() throws IOException {
    try {
      out.flush();
    } catch (IOException e) {
      throw noted(e);
    }
  }

  private IOException noted(IOException e) {
    if (failure == null) {
      failure = e;
    }
    return e;
  }

  /**
   * Why the output is incomplete — "no space left on device" — when a write failed other than on a pipe or socket
   * whose reader is gone; empty otherwise.
   */
  Optional<String> incomplete() {
    IOException e = failure;
    if (e == null || toAReader()) {
      return Optional.empty();
    }
    String reason = String.valueOf(e.getMessage());
    return Optional.of(reason.isEmpty() ? reason : reason.substring(0, 1).toLowerCase(Locale.ROOT) + reason.substring(1));
  }

  /** Whether standard output is a pipe or a socket (Linux names them so in /proc); false where that cannot be told. */
  private static boolean toAReader() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString();
      return target.startsWith("pipe:") || target.startsWith("socket:");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }
}
