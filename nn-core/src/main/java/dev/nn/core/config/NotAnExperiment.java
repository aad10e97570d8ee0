package dev.nn.core.config;

import dev.nn.core.io.FileMagic;
import java.util.Optional;

/**
 * What a file given as an experiment is instead, told by its first bytes or its first line: a model or checkpoint
 * (a zip archive), compressed or IDX data, or a CSV file of data. Without this a model file fails on its first
 * byte that is not UTF-8, with advice about Latin-1 text, and a CSV file is "expected a mapping, found" its header.
 */
final class NotAnExperiment {
  private NotAnExperiment() {}

  /** What the file of {@code bytes} is when its first bytes say it is no text, else empty. */
  static Optional<String> byMagic(byte[] bytes) {
    Optional<FileMagic> kind = FileMagic.of(java.util.Arrays.copyOf(bytes, Math.min(bytes.length, FileMagic.HEAD)));
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    return switch (kind.get()) {
      case ZIP -> Optional.of("is a zip archive (it starts with PK), not an experiment YAML: a model (model.nnm), a"
          + " checkpoint and an .npz export are ones; nn predict, evaluate and export take a model, and nn train"
          + " --resume RUN_DIRECTORY continues a run");
      case GZIP -> Optional.of("is gzip-compressed data (it starts with the gzip magic bytes 1f 8b), not an experiment"
          + " YAML; data files are named by an experiment's data section, see experiment.md");
      case IDX_LABELS, IDX_IMAGES -> Optional.of("is an IDX file of " + (kind.get() == FileMagic.IDX_IMAGES ? "images"
          : "labels") + ", not an experiment YAML; an experiment names IDX data as data.train: {source: idx, images:"
          + " ..., labels: ...}, see data.md");
      case BZIP2 -> Optional.of("is bzip2-compressed data (it starts with BZh), not an experiment YAML");
      case XZ -> Optional.of("is xz-compressed data, not an experiment YAML");
      case ZSTD -> Optional.of("is zstd-compressed data, not an experiment YAML");
      // the YAML reader names UTF-16 text as such
      case UTF16_WITHOUT_BOM -> Optional.empty();
    };
  }

  /**
   * What a file that is not UTF-8 text is when it holds NUL bytes beside its bad bytes: binary data (a model export
   * such as ONNX, a class file, an image), which read as text was blamed on Latin-1; else empty. A NUL in text that is
   * otherwise UTF-8 is the YAML reader's to name, at its line, and UTF-16 text too.
   */
  static Optional<String> binary(byte[] bytes) {
    if (holdsNul(bytes) && !looksLikeUtf16(bytes)) {
      return Optional.of("is binary data (it holds NUL bytes), not an experiment YAML, which is text");
    }
    return Optional.empty();
  }

  /** Whether a NUL stands among the first 4 KB: no text a person writes has one. */
  private static boolean holdsNul(byte[] bytes) {
    for (int i = 0; i < Math.min(bytes.length, 4096); i++) {
      if (bytes[i] == 0) {
        return true;
      }
    }
    return false;
  }

  /** Whether the bytes are UTF-16 text (a byte-order mark, or a NUL beside each ASCII character). */
  private static boolean looksLikeUtf16(byte[] bytes) {
    return FileMagic.starts(bytes, 0xfe, 0xff) || FileMagic.starts(bytes, 0xff, 0xfe)
        || FileMagic.of(java.util.Arrays.copyOf(bytes, Math.min(bytes.length, FileMagic.HEAD)))
            .filter(k -> k == FileMagic.UTF16_WITHOUT_BOM).isPresent();
  }

  /**
   * What {@code text} is when it reads as CSV data rather than YAML: its first line (after comments and a document
   * marker) holds separators between names and no {@code key:} of a mapping, which every experiment's first line
   * has. Else empty.
   */
  static Optional<String> byText(String text) {
    String first = text.lines().map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#") && !l.equals("---") && !l.startsWith("%"))
        .findFirst().orElse("");
    if (first.isEmpty() || first.contains(":") || first.startsWith("{") || first.startsWith("[")
        || first.startsWith("-") || first.startsWith("?")) {
      return Optional.empty();
    }
    for (char separator : new char[] {',', ';', '\t', '|'}) {
      if (first.indexOf(separator) > 0) {
        boolean numbers = java.util.Arrays.stream(first.split(java.util.regex.Pattern.quote(String.valueOf(separator))))
            .allMatch(f -> f.strip().matches("[-+]?[0-9.]+([eE][-+]?[0-9]+)?"));
        return Optional.of("looks like CSV data (its first line holds " + (numbers ? "numbers" : "names")
            + " separated by " + (separator == '\t' ? "tabs" : "'" + separator + "'") + "), not an experiment YAML;"
            + " an experiment names a CSV file as data.train: {source: csv, path: ...}, see experiment.md");
      }
    }
    return Optional.empty();
  }
}
