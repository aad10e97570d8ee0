package dev.nn.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * What a file given as CSV text is instead, told by its first bytes: gzip data in a file named without
 * {@code .gz}, an IDX file (MNIST's images or labels), a zip archive (a spreadsheet), bzip2 data, or UTF-16 text
 * without a byte-order mark. Without this such a file fails on its first byte that is
 * not UTF-8, and the message blames Latin-1 text.
 */
final class NotCsvMagic {
  private NotCsvMagic() {}

  /**
   * Reads the first bytes of {@code in}, which must support {@link InputStream#mark}, and resets it: what the file is
   * when it is no CSV text, else empty.
   *
   * @param gzipped whether the bytes were decompressed from the file (named {@code .gz})
   */
  static Optional<String> of(InputStream in, boolean gzipped) throws IOException {
    in.mark(4);
    byte[] head = in.readNBytes(4);
    in.reset();
    if (!gzipped && head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
      return Optional.of("is gzip-compressed data (it starts with the gzip magic bytes 1f 8b), not CSV text; name it"
          + " with .gz at the end (rows.csv.gz), which nn decompresses as it reads, or decompress it");
    }
    if (head.length == 4 && head[0] == 0 && head[1] == 0 && head[2] == 0x08 && (head[3] == 1 || head[3] == 3)) {
      return Optional.of("is an IDX file of " + (head[3] == 3 ? "images" : "labels") + " (magic number 0x0000080"
          + head[3] + (gzipped ? ", after decompression" : "") + "), not CSV text; IDX data are read by an idx source"
          + " of an experiment (source: idx, with images and labels; a run's data.test gives a model's figures on"
          + " IDX data), see data.md");
    }
    if (head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
      return Optional.of("is a zip archive (it starts with PK), not CSV text: a spreadsheet (.xlsx, .ods) is one;"
          + " save or export the sheet as CSV (comma-separated values, UTF-8), or unzip the CSV file it holds");
    }
    if (head.length >= 3 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h') {
      return Optional.of("is bzip2-compressed data (it starts with BZh), not CSV text; decompress it (bunzip2), or"
          + " recompress it with gzip and name it .csv.gz, which nn reads");
    }
    if (head.length == 4 && (head[0] != 0 && head[1] == 0 && head[2] != 0 && head[3] == 0
        || head[0] == 0 && head[1] != 0 && head[2] == 0 && head[3] != 0)) {
      return Optional.of("holds a NUL byte beside every character it starts with: it is UTF-16 text without a"
          + " byte-order mark, not UTF-8; save it as UTF-8");
    }
    return Optional.empty();
  }
}
