package dev.nn.core.testing;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * Files under {@code src/test/resources/formats} written by earlier versions of nn's file formats, kept so
 * that a test fails if today's reader stops reading them.
 *
 * <p>{@code model-v1.nnm} and {@code checkpoint-v1.ckpt} were written by the version 1 code (before the
 * archive carried {@code SHA256SUMS}): the first is ModelFileTests' sample model with a structure
 * ({@code slotOf} 0..17, 0..2, edge 5 absent), the second RunFixtures' sample state.
 */
public final class FormatFiles {
  private FormatFiles() {}

  /** The file {@code formats/name}. */
  public static Path path(String name) {
    try {
      return Path.of(FormatFiles.class.getResource("/formats/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("no test resource formats/" + name, e);
    }
  }
}
