package dev.nn.core.io;

import java.util.Optional;

/**
 * What a file is by its first bytes, when it is one of the kinds a user gives nn by mistake for text (an experiment,
 * a CSV file): an archive, compressed data, IDX data, or UTF-16 text without a byte-order mark. Each reader says in its
 * own words what the file is and what takes it.
 */
public enum FileMagic {
  /** A zip archive ("PK\3\4"): a model, a checkpoint, an .npz export, a spreadsheet. */
  ZIP,
  /** gzip-compressed data (1f 8b). */
  GZIP,
  /** bzip2-compressed data ("BZh"). */
  BZIP2,
  /** xz-compressed data (fd "7zXZ" 00). */
  XZ,
  /** zstd-compressed data (28 b5 2f fd). */
  ZSTD,
  /** An IDX file of unsigned bytes in one dimension: labels (00 00 08 01). */
  IDX_LABELS,
  /** An IDX file of unsigned bytes in three dimensions: images (00 00 08 03). */
  IDX_IMAGES,
  /** UTF-16 text without a byte-order mark: a NUL beside each of its first (ASCII) characters. */
  UTF16_WITHOUT_BOM;

  /** How many bytes of a file's start {@link #of} looks at. */
  public static final int HEAD = 6;

  /** The kind the first bytes {@code head} (up to {@link #HEAD} of them) show, if any. */
  public static Optional<FileMagic> of(byte[] head) {
    if (starts(head, 'P', 'K', 3, 4)) {
      return Optional.of(ZIP);
    }
    if (starts(head, 0x1f, 0x8b)) {
      return Optional.of(GZIP);
    }
    if (starts(head, 'B', 'Z', 'h')) {
      return Optional.of(BZIP2);
    }
    if (starts(head, 0xfd, '7', 'z', 'X', 'Z', 0)) {
      return Optional.of(XZ);
    }
    if (starts(head, 0x28, 0xb5, 0x2f, 0xfd)) {
      return Optional.of(ZSTD);
    }
    if (starts(head, 0, 0, 8, 1)) {
      return Optional.of(IDX_LABELS);
    }
    if (starts(head, 0, 0, 8, 3)) {
      return Optional.of(IDX_IMAGES);
    }
    if (head.length >= 4 && (head[0] != 0 && head[1] == 0 && head[2] != 0 && head[3] == 0
        || head[0] == 0 && head[1] != 0 && head[2] == 0 && head[3] != 0)) {
      return Optional.of(UTF16_WITHOUT_BOM);
    }
    return Optional.empty();
  }

  /** Whether {@code bytes} begin with the byte values {@code head}: the test each kind above is made of. */
  public static boolean starts(byte[] bytes, int... head) {
    if (bytes.length < head.length) {
      return false;
    }
    for (int i = 0; i < head.length; i++) {
      if ((bytes[i] & 0xff) != head[i]) {
        return false;
      }
    }
    return true;
  }
}
