package dev.nn.core.run;

import dev.nn.core.train.TrainerState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A directory of checkpoints, {@code epoch-NNNN.ckpt}, of which the last {@link #keep()} are kept.
 *
 * <p>The checkpoint format, version {@value #VERSION}, is nn's archive ({@link dev.nn.core.io.ArchiveWriter}:
 * a ZIP archive whose last entry, {@code SHA256SUMS}, holds the SHA-256 of every other entry) holding
 * <ul>
 *   <li>{@code checkpoint.yaml} — format name and version, epoch, updates, best epoch, best value,
 *       epochs without improvement, and the size of each binary entry (the optimizer's as a list of block
 *       sizes);
 *   <li>{@code params.bin} — every parameter in store order, little-endian IEEE-754 float64;
 *   <li>{@code optimizer.bin} — each parameter block's optimizer state, one after another, float64-le;
 *   <li>{@code best-params.bin} — the best epoch's parameters under early stopping, when there are any;
 *   <li>{@code history.csv} — every completed epoch's report in the {@link EpochCsv} columns, so
 *       {@code metrics.csv} and the report continue after a resume.
 * </ul>
 * Doubles read back bit for bit: the binary entries hold the raw bits, and the text entries hold
 * {@link Double#toString} (exact on reading) or, for a NaN with bits other than {@link Double#NaN}'s,
 * {@code nan-bits:} and the bits in hex.
 * No Java serialization. The archive's end record, its CRCs and the SHA-256s catch truncation and corruption.
 * Version 1 checkpoints, which kept the binary entries' SHA-256 in {@code checkpoint.yaml} and had no
 * {@code SHA256SUMS}, are still read.
 */
public final class Checkpoints {
  /** How many checkpoints a run keeps unless told otherwise. */
  static final int DEFAULT_KEEP = 2;
  /** The format version this code writes and reads. */
  static final int VERSION = CheckpointFile.VERSION;

  private static final Pattern NAME = Pattern.compile("epoch-(\\d{1,10})\\.ckpt");

  private final Path dir;
  private final int keep;

  /**
   * The checkpoints in {@code dir}.
   *
   * @param keep how many of the newest to keep after each save, >= 1
   */
  Checkpoints(Path dir, int keep) {
    if (keep < 1) {
      throw new IllegalArgumentException("must keep at least 1 checkpoint, found " + keep);
    }
    this.dir = dir;
    this.keep = keep;
  }

  /** The directory. */
  Path dir() {
    return dir;
  }

  /** How many of the newest checkpoints a save keeps. */
  int keep() {
    return keep;
  }

  /** The file of the checkpoint after {@code epoch} epochs: {@code epoch-0003.ckpt}. */
  Path fileFor(int epoch) {
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch must be >= 0, found " + epoch);
    }
    return dir.resolve(String.format(Locale.ROOT, "epoch-%04d.ckpt", epoch));
  }

  /**
   * Writes {@code state} atomically as the checkpoint of its epoch, then deletes all but the newest
   * {@link #keep()} checkpoints. Older ones are deleted only after the new one is safely in place.
   *
   * @return the file written
   */
  Path save(TrainerState state) {
    Path file = fileFor(state.epoch());
    write(file, state);
    List<Path> all = list();
    for (Path old : all.subList(0, Math.max(0, all.size() - keep))) {
      try {
        Files.deleteIfExists(old);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete the old checkpoint " + old + ": " + e.getMessage(), e);
      }
    }
    return file;
  }

  /** The checkpoints present, oldest epoch first; empty when the directory does not exist. */
  List<Path> list() {
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        if (epochOf(f) >= 0 && Files.isRegularFile(f)) {
          found.add(f);
        }
      }
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the checkpoints in " + dir + ": " + e.getMessage(), e);
    }
    found.sort(Comparator.comparingLong(Checkpoints::epochOf));
    return found;
  }

  /** The checkpoint of the highest epoch, if any. */
  Optional<Path> latest() {
    List<Path> all = list();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /**
   * Reads the newest checkpoint.
   *
   * @throws RunFileException when there is none, or it cannot be read
   */
  public TrainerState readLatest() {
    return read(latest().orElseThrow(() -> new RunFileException(dir, "holds no checkpoint (epoch-NNNN.ckpt)")));
  }

  /** The epoch in a checkpoint's file name, or −1 if the name is not a checkpoint's. */
  static long epochOf(Path file) {
    Matcher m = NAME.matcher(file.getFileName().toString());
    return m.matches() ? Long.parseLong(m.group(1)) : -1;
  }

  /** Writes one checkpoint file atomically. */
  static void write(Path file, TrainerState state) {
    CheckpointFile.write(file, state);
  }

  /**
   * Reads one checkpoint file.
   *
   * @throws RunFileException naming the file and what is wrong with it (missing, truncated, corrupted,
   *     another format or version)
   */
  static TrainerState read(Path file) {
    return CheckpointFile.read(file);
  }
}
