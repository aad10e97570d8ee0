package dev.nn.core.data;

import dev.nn.core.io.FileMagic;
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
    in.mark(FileMagic.HEAD);
    byte[] head = in.readNBytes(FileMagic.HEAD);
    in.reset();
    Optional<FileMagic> kind = FileMagic.of(head);
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    return switch (kind.get()) {
      case GZIP -> gzipped ? Optional.empty() : Optional.of("is gzip-compressed data (it starts with the gzip magic"
          + " bytes 1f 8b), not CSV text; name it with .gz at the end (rows.csv.gz), which nn decompresses as it reads,"
          + " or decompress it");
      case IDX_LABELS, IDX_IMAGES -> Optional.of("is an IDX file of " + (kind.get() == FileMagic.IDX_IMAGES ? "images"
          : "labels") + " (magic number 0x0000080" + head[3] + (gzipped ? ", after decompression" : "") + "), not"
          + " CSV text; IDX data are read by an idx source of an experiment (source: idx, with images and labels; a"
          + " run's data.test gives a model's figures on IDX data), see data.md");
      case ZIP -> Optional.of("is a zip archive (it starts with PK), not CSV text: a spreadsheet (.xlsx, .ods) is one;"
          + " save or export the sheet as CSV (comma-separated values, UTF-8), or unzip the CSV file it holds");
      case BZIP2 -> Optional.of("is bzip2-compressed data (it starts with BZh), not CSV text; decompress it (bunzip2),"
          + " or recompress it with gzip and name it .csv.gz, which nn reads");
      case XZ, ZSTD -> Optional.of("is " + (kind.get() == FileMagic.XZ ? "xz" : "zstd") + "-compressed data, not CSV"
          + " text; decompress it, or recompress it with gzip and name it .csv.gz, which nn reads");
      case UTF16_WITHOUT_BOM -> Optional.of("holds a NUL byte beside every character it starts with: it is UTF-16"
          + " text without a byte-order mark, not UTF-8; save it as UTF-8");
    };
  }
}
