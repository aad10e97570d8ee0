package dev.nn.core.io;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * A file kind built on nn's archive (model files, checkpoints): its format name, the entry holding its YAML
 * header, and the entries it cannot lack. Opening such a file — the archive's checks, the header, the
 * format name and version — is the same for every kind, so it is written here once.
 *
 * <p>Version 1 of every kind predates {@value ArchiveWriter#CHECKSUMS} and kept the digests of its binary
 * entries in its header; such a file opens {@linkplain Opened#isUnsealed() unsealed} and its kind checks
 * those digests with {@link ArchiveReader#requireSha256}. Every later version must be sealed.
 *
 * @param name the header's {@code format} value: "nn-model"
 * @param kind what the file is, for messages: "model file"
 * @param header the entry holding the YAML header: "model.yaml"
 * @param required the entries without which the file is not of this kind
 * @param version the version this code writes
 * @param problem how to report a bad file
 * @param noSuchFile the problem to report when the file does not exist
 */
public record ArchiveFormat(String name, String kind, String header, List<String> required, int version,
    FileProblem problem, String noSuchFile) {
  /** The version every kind had before its archive carried {@value ArchiveWriter#CHECKSUMS}. */
  static final int UNSEALED_VERSION = 1;

  /** Copies the list. */
  public ArchiveFormat {
    required = List.copyOf(required);
  }

  /** An open file: its checked archive, its header, and the version it was written in. */
  public record Opened(ArchiveReader archive, YamlFields header, int version) {
    /** Whether its binary entries are still to be checked against the digests in its header. */
    public boolean isUnsealed() {
      return version == UNSEALED_VERSION;
    }
  }

  /**
   * Opens {@code file}, checking the archive, the format name and the version.
   *
   * @throws RuntimeException of {@link #problem()}'s type, naming the file and what is wrong with it
   */
  public Opened open(Path file) {
    ArchiveReader archive;
    try {
      archive = ArchiveReader.read(file, kind, required, problem);
    } catch (NoSuchFileException e) {
      throw problem.at(file, noSuchFile);
    } catch (IOException e) {
      throw problem.at(file, "cannot read: " + e.getMessage(), e);
    }
    YamlFields h = YamlFields.parse(file, header, archive.text(header), problem);
    if (!name.equals(h.raw("format"))) {
      throw problem.at(file, "not an nn " + kind + " (format is \"" + h.raw("format") + "\")");
    }
    int found = h.integer("format-version", 0, Integer.MAX_VALUE);
    if (found != UNSEALED_VERSION && found != version) {
      throw problem.at(file, kind + " format version " + found + " is not supported; this nn reads versions "
          + UNSEALED_VERSION + " and " + version);
    }
    if (found != UNSEALED_VERSION) {
      archive.requireSealed();
    }
    return new Opened(archive, h, found);
  }
}
