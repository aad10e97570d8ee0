package dev.nn.cli;

import dev.nn.core.data.DataException;
import java.nio.charset.CharacterCodingException;
import java.util.function.Supplier;

/** The rows {@code nn evaluate} and {@code nn predict} read: CSV files, and nothing else. */
final class CsvInput {
  private CsvInput() {}

  /**
   * Runs {@code reading}, adding to the message of a file that is not text (an IDX file, an archive) that these
   * commands read CSV files.
   */
  static <T> T reading(Supplier<T> reading) {
    try {
      return reading.get();
    } catch (DataException e) {
      if (e.getCause() instanceof CharacterCodingException) {
        throw new CommandFailure("nn: " + e.getMessage() + "; nn evaluate and nn predict read CSV files", e);
      }
      throw e;
    }
  }
}
