package dev.nn.core.model;

import dev.nn.core.io.ArchiveWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.zip.ZipFile;

/** A model file's {@code model.yaml}, read, and edited into another sealed file: for tests of what a file may say. */
final class ModelYaml {
  private ModelYaml() {}

  /** The text of {@code file}'s model.yaml. */
  static String of(Path file) throws Exception {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      return new String(zip.getInputStream(zip.getEntry("model.yaml")).readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * {@code source} with its model.yaml changed by {@code edit}, written to {@code out} and sealed again (the
   * digests recomputed), so that only the fields' own checks can refuse it.
   */
  static Path edited(Path source, Path out, UnaryOperator<String> edit) throws Exception {
    try (ZipFile zip = new ZipFile(source.toFile());
        ArchiveWriter writer = new ArchiveWriter(Files.newOutputStream(out))) {
      writer.put("model.yaml", edit.apply(of(source)));
      writer.put("weights.bin", zip.getInputStream(zip.getEntry("weights.bin")).readAllBytes());
    }
    return out;
  }
}
