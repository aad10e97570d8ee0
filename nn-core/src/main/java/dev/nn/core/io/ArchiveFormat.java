package dev.nn.core.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A file kind built on nn's archive (model files, checkpoints): its format name, the entry holding its YAML
 * header, and the entries it cannot lack. Opening such a file — the archive's checks, the header, the
 * format name and version — is the same for every kind, so it is written here once.
 *
 * <p>Version 1 of every kind predates {@value ArchiveWriter#CHECKSUMS} and kept the digests of its binary
 * entries in its header; such a file opens {@linkplain Opened#isUnsealed() unsealed} and its kind checks
 * those digests with {@link ArchiveReader#requireSha256}. Every later version must be sealed.
 *
 * <p>The header may hold at most {@value #MAX_HEADER_BYTES} bytes. A kind that declares the sizes of its
 * binary entries in its header ({@code sizes}) must put the header first; each later entry is then inflated
 * no further than the header says it holds, and an entry the header does not declare is refused.
 *
 * @param name the header's {@code format} value: "nn-model"
 * @param kind what the file is, for messages: "model file"
 * @param header the entry holding the YAML header: "model.yaml"
 * @param required the entries without which the file is not of this kind
 * @param version the latest version this code writes; it reads every version from 1 up to it
 * @param problem how to report a bad file
 * @param noSuchFile the problem to report when the file does not exist
 * @param sizes given the file and its checked header, the exact size in bytes of every other entry the file may hold
 *     (besides {@value ArchiveWriter#CHECKSUMS}), failing through {@code problem} when the header contradicts
 *     itself; or {@code null}, when any entry may hold up to {@link EntryLimits#MAX_BYTES}
 */
public record ArchiveFormat(String name, String kind, String header, List<String> required, int version,
    FileProblem problem, String noSuchFile, BiFunction<Path, YamlFields, Map<String, Long>> sizes) {
  /** The version every kind had before its archive carried {@value ArchiveWriter#CHECKSUMS}. */
  static final int UNSEALED_VERSION = 1;
  /** The most a header may hold: 1 MiB, far more than any header nn writes, little enough to parse at once. */
  public static final int MAX_HEADER_BYTES = 1 << 20;

  /** Copies the list. */
  public ArchiveFormat {
    required = List.copyOf(required);
  }

  /** A kind whose header does not declare the sizes of its entries. */
  public ArchiveFormat(String name, String kind, String header, List<String> required, int version,
      FileProblem problem, String noSuchFile) {
    this(name, kind, header, required, version, problem, noSuchFile, null);
  }

  /**
   * The first entries of nn's archives, and what a file that starts with one is: a file of one kind given where
   * another is read (a checkpoint to {@code nn predict}) is told as such, not as a damaged file.
   */
  private static final java.util.Map<String, String[]> OTHER_KINDS = java.util.Map.of(
      "checkpoint.yaml", new String[] {"an nn training checkpoint", ": nn train --resume RUN_DIR continues its run"
          + " (the folder that holds checkpoints/); a run's model is model.nnm in its run directory"},
      "model.yaml", new String[] {"an nn model file (model.nnm)", ""});

  /**
   * What a file whose archive holds {@code entries} is, when that is another of nn's kinds than {@code kind} (a model
   * copied in as a checkpoint, a checkpoint given for a model): "is an nn model file (model.nnm), not an nn
   * checkpoint"; empty otherwise.
   */
  static java.util.Optional<String> otherKind(java.util.Collection<String> entries, String kind,
      java.util.Collection<String> required) {
    for (Map.Entry<String, String[]> other : OTHER_KINDS.entrySet()) {
      if (entries.contains(other.getKey()) && !required.contains(other.getKey())) {
        return java.util.Optional.of("is " + other.getValue()[0] + ", not an nn " + kind + other.getValue()[1]);
      }
    }
    return java.util.Optional.empty();
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
    Header[] read = new Header[1]; // the header, once the archive has reached it and it has been checked
    ArchiveReader archive;
    try {
      archive = ArchiveReader.read(file, kind, required, problem, (entry, before) -> {
        if (entry.equals(header)) {
          return MAX_HEADER_BYTES;
        }
        if (sizes == null) {
          return EntryLimits.MAX_BYTES;
        }
        byte[] text = before.apply(header);
        if (text == null && OTHER_KINDS.containsKey(entry)) {
          throw problem.at(file, otherKind(java.util.List.of(entry), kind, java.util.List.of()).orElseThrow());
        }
        if (text == null) {
          throw problem.at(file, Printable.name(entry) + " comes before " + header + ", which an nn " + kind
              + " starts with (corrupted, or not written by nn)");
        }
        if (read[0] == null) {
          read[0] = header(file, text);
        }
        Long size = read[0].sizes().get(entry);
        if (size == null) {
          throw problem.at(file, "holds " + Printable.name(entry) + ", which is not part of an nn " + kind
              + " (corrupted, or not written by nn)");
        }
        return size;
      });
    } catch (NoSuchFileException e) {
      throw problem.at(file, noSuchFile);
    } catch (AccessDeniedException e) {
      throw problem.at(file, "permission denied", e);
    } catch (IOException e) {
      throw problem.at(file, "cannot read: " + SystemReason.message(e), e);
    }
    // a header that no other entry follows is checked all the same
    Header h = read[0] != null ? read[0] : header(file, archive.bytes(header));
    if (h.version() != UNSEALED_VERSION) {
      archive.requireSealed();
    }
    return new Opened(archive, h.fields(), h.version());
  }

  /**
   * A parsed header of the right format and a version this code reads, with the sizes it declares for the
   * other entries (empty for a kind without {@link #sizes()}).
   */
  private record Header(YamlFields fields, int version, Map<String, Long> sizes) {}

  private Header header(Path file, byte[] text) {
    // decoded strictly: a byte that is not UTF-8 would otherwise read as U+FFFD and the file as intact
    Utf8Errors.find(text).ifPresent(at -> {
      throw problem.at(file, header + " is corrupted: " + at.problem().replaceFirst("; save .*$", ""));
    });
    YamlFields h = YamlFields.parse(file, header, new String(text, StandardCharsets.UTF_8), problem);
    if (!name.equals(h.raw("format"))) {
      throw problem.at(file, "not an nn " + kind + " (format is \"" + Printable.of(h.raw("format")) + "\")");
    }
    int found = h.integer("format-version", 0, Integer.MAX_VALUE);
    // every version from the first up to the one this code writes is read
    if (found < UNSEALED_VERSION || found > version) {
      throw problem.at(file, kind + " format version " + found + " is not supported; this nn reads versions "
          + UNSEALED_VERSION + (version == UNSEALED_VERSION + 1 ? " and " : " to ") + version);
    }
    return new Header(h, found, sizes == null ? Map.of() : sizes.apply(file, h));
  }
}
