package dev.nn.core.io;

import java.util.function.Function;

/**
 * How many bytes each entry of an archive may inflate to: what its format allows there. ZIP sizes are only
 * claims, and an entry of a few megabytes can inflate to gigabytes, so {@link ArchiveReader} never inflates
 * an entry beyond this limit, whatever the archive says.
 */
@FunctionalInterface
public interface EntryLimits {
  /** The most a byte array holds, and so the most any entry can be read into. */
  long MAX_BYTES = Integer.MAX_VALUE - 8;

  /** No limit but {@link #MAX_BYTES}: for formats whose sizes are checked after reading. */
  EntryLimits ANY_SIZE = (name, before) -> MAX_BYTES;

  /**
   * The most bytes entry {@code name} may hold.
   *
   * @param before the content of an entry read before this one, or {@code null}: the sizes of a format's
   *     arrays are declared in its header, which comes first
   * @throws RuntimeException of the reader's problem type when the format has no entry {@code name} there
   */
  long maxBytes(String name, Function<String, byte[]> before);
}
