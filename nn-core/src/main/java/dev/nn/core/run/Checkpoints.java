package dev.nn.core.run;

import dev.nn.core.io.SystemReason;
import dev.nn.core.train.EpochReport;
import dev.nn.core.train.TrainerState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A directory of checkpoints, {@code epoch-NNNN.ckpt}, of which the last {@link #keep()} are kept, and the
 * best epoch's when it is older (see {@link #prune()}); and of at most one checkpoint taken within an epoch,
 * {@code partial-epoch-NNNN.ckpt} (partway through epoch NNNN), which lasts until a newer checkpoint of either kind is
 * in place.
 *
 * <p>The checkpoint format, version {@value #VERSION}, is nn's archive ({@link dev.nn.core.io.ArchiveWriter}:
 * a ZIP archive whose last entry, {@code SHA256SUMS}, holds the SHA-256 of every other entry) holding
 * <ul>
 *   <li>{@code checkpoint.yaml} — format name and version, epoch, updates, best epoch, best value,
 *       epochs without improvement, whether training had ended ({@code end}: {@code running}, {@code finished}
 *       or {@code stopped-early}; a checkpoint without it has epochs to go), and the size of each binary entry (the optimizer's as a list of block
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
 * No Java serialization. The archive's end record, its CRCs and the SHA-256s catch truncation and corruption;
 * {@link CheckpointChecks} a sound archive whose fields contradict each other or the file's name.
 * Version 1 checkpoints, which kept the binary entries' SHA-256 in {@code checkpoint.yaml} and had no
 * {@code SHA256SUMS}, are still read.
 */
public final class Checkpoints {
  /** How many checkpoints a run keeps unless told otherwise. */
  static final int DEFAULT_KEEP = 2;
  /** The format version this code writes and reads. */
  static final int VERSION = CheckpointFile.VERSION;

  private static final Pattern NAME = Pattern.compile("epoch-(\\d{1,10})\\.ckpt");
  private static final Pattern PARTIAL = Pattern.compile("partial-epoch-(\\d{1,10})\\.ckpt");

  private final Path dir;
  private final int keep;
  /** Told of an old checkpoint that cannot be deleted; {@code null}: such a failure is thrown. */
  private final Consumer<String> warnings;
  /** The files {@link #warnings} has been told of, each once. */
  private final Set<Path> undeleted = new HashSet<>();
  /** How a file is deleted: {@link Files#deleteIfExists}, but for tests of a delete that fails. */
  private final Deletion deletion;

  /** Deletes a file if it exists. */
  @FunctionalInterface
  interface Deletion {
    void deleteIfExists(Path file) throws IOException;
  }

  /**
   * The checkpoints in {@code dir}.
   *
   * @param keep how many of the newest to keep after each save, >= 1
   */
  Checkpoints(Path dir, int keep) {
    this(dir, keep, null, Files::deleteIfExists);
  }

  /** For tests: {@link #Checkpoints(Path, int)} deleting files with {@code deletion}. */
  Checkpoints(Path dir, int keep, Deletion deletion) {
    this(dir, keep, null, deletion);
  }

  private Checkpoints(Path dir, int keep, Consumer<String> warnings, Deletion deletion) {
    if (keep < 1) {
      throw new IllegalArgumentException("must keep at least 1 checkpoint, found " + keep);
    }
    this.dir = dir;
    this.keep = keep;
    this.warnings = warnings;
    this.deletion = deletion;
  }

  /**
   * These checkpoints, telling {@code sink} (once per file) of an old one that cannot be deleted rather than
   * failing: pruning only removes a surplus file, which the next save's pruning, or a resume's, tries again; a
   * training of hours is not ended for it.
   */
  public Checkpoints warningOfUndeletedTo(Consumer<String> sink) {
    return new Checkpoints(dir, keep, Objects.requireNonNull(sink, "sink"), deletion);
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
    return dir.resolve(fileName(epoch));
  }

  /** The name of the checkpoint after {@code epoch} epochs, {@code epoch-0003.ckpt}, for messages. */
  public static String fileName(int epoch) {
    return String.format(Locale.ROOT, "epoch-%04d.ckpt", epoch);
  }

  /**
   * Writes {@code state} atomically as the checkpoint of its epoch, then deletes the older checkpoints but the
   * newest {@link #keep()} and the best (see {@link #prune()}). Older ones are deleted only after the new one is
   * safely in place.
   *
   * @return the file written
   */
  Path save(TrainerState state) {
    Path file = fileFor(state.epoch());
    write(file, state);
    prune(new HashSet<>(List.of((long) bestEpoch(state.history()), (long) state.bestEpoch())));
    deletePartialsBut(null);
    return file;
  }

  /** The name of the checkpoint taken partway through epoch {@code epoch}: {@code partial-epoch-0004.ckpt}. */
  public static String partialFileName(int epoch) {
    return String.format(Locale.ROOT, "partial-epoch-%04d.ckpt", epoch);
  }

  /**
   * Writes {@code state}, taken within an epoch, atomically as {@link #partialFileName} of the epoch it is in, then
   * deletes the one it replaces.
   *
   * @return the file written
   */
  Path savePartial(TrainerState state) {
    if (state.within() == null) {
      throw new IllegalArgumentException("a partial checkpoint is of a state within an epoch; epoch " + state.epoch()
          + "'s state is at its end");
    }
    Path file = dir.resolve(partialFileName(state.epoch() + 1));
    write(file, state);
    deletePartialsBut(file);
    return file;
  }

  /** The checkpoints taken within an epoch, oldest epoch first. */
  private List<Path> partials() {
    return listed(Checkpoints::partialEpochOf);
  }

  /** Deletes every checkpoint taken within an epoch but {@code kept} (none when {@code null}). */
  private void deletePartialsBut(Path kept) {
    for (Path old : partials()) {
      if (!old.equals(kept)) {
        delete(old);
      }
    }
  }

  private void delete(Path file) {
    try {
      deletion.deleteIfExists(file);
    } catch (IOException e) {
      // the reason alone: describe() would name the file a second time
      String cannot = "cannot delete the old checkpoint " + file + ": "
          + SystemReason.of(e).orElse(e.getClass().getSimpleName());
      if (warnings == null) {
        throw new UncheckedIOException(cannot, e);
      }
      if (undeleted.add(file)) {
        warnings.accept("warning: " + cannot + "; training goes on, and the next checkpoint tries again to delete it");
      }
    }
  }

  /**
   * The checkpoint taken within an epoch that is newer than every epoch's checkpoint, if any: partway through an epoch
   * after the newest one's. Older ones (a process killed between writing an epoch's checkpoint and deleting them)
   * are not.
   */
  private Optional<Path> newerPartial() {
    List<Path> partials = partials();
    if (partials.isEmpty()) {
      return Optional.empty();
    }
    Path newest = partials.get(partials.size() - 1);
    long epochs = latest().map(Checkpoints::epochOf).orElse(0L);
    return partialEpochOf(newest) > epochs ? Optional.of(newest) : Optional.empty();
  }

  /** The epoch a checkpoint taken within one is partway through, from its name, or −1 if it is not one's. */
  static long partialEpochOf(Path file) {
    Matcher m = PARTIAL.matcher(file.getFileName().toString());
    return m.matches() ? Long.parseLong(m.group(1)) : -1;
  }

  /**
   * Deletes every checkpoint but the newest {@link #keep()}, the one of the best epoch — the lowest
   * validation loss, or the lowest mean training loss without validation data, by the newest checkpoint's
   * history — and the one of the epoch whose weights early stopping keeps (its monitor's best, which the model,
   * summary.json and report call the best epoch; validation accuracy may pick another epoch than the loss), each
   * when it is older: so a run whose loss climbs before it diverges still has its best state, and the model's
   * epoch can be resumed or fine-tuned from. Runs after each save, and when a run is resumed, since a process killed
   * between writing a checkpoint and deleting the oldest leaves one too many.
   */
  public void prune() {
    List<Path> all = list();
    if (all.size() > keep) {
      Optional<TrainerState> newest = newestReadable(all);
      Set<Long> kept = new HashSet<>();
      best(all, newest).map(Checkpoints::epochOf).ifPresent(kept::add);
      newest.ifPresent(state -> kept.add((long) state.bestEpoch()));
      prune(kept);
    }
  }

  private void prune(Set<Long> bestEpochs) {
    List<Path> all = list();
    for (Path old : all.subList(0, Math.max(0, all.size() - keep))) {
      if (!bestEpochs.contains(epochOf(old))) {
        delete(old);
      }
    }
  }

  /**
   * The state of the newest of {@code all} that can be read: a damaged newer one does not make an older, intact one
   * worthless; empty when none can be read.
   */
  private static Optional<TrainerState> newestReadable(List<Path> all) {
    for (int i = all.size() - 1; i >= 0; i--) {
      try {
        return Optional.of(read(all.get(i)));
      } catch (RunFileException e) {
        // damaged: an older checkpoint's word serves
      }
    }
    return Optional.empty();
  }

  /** The epoch of the lowest loss in {@code history} (see {@link #prune()}), the later of equals; 0 for none. */
  static int bestEpoch(List<EpochReport> history) {
    int best = 0;
    double lowest = Double.POSITIVE_INFINITY;
    for (EpochReport r : history) {
      double loss = r.validation() != null ? r.validation().loss() : r.trainLoss();
      if (loss <= lowest) {
        lowest = loss;
        best = r.epoch();
      }
    }
    return best;
  }

  /**
   * Reads the newest checkpoint that is intact: the one taken within an epoch when it is newer than every epoch's,
   * else the newest epoch's. A damaged one (truncated, corrupted, unreadable) is renamed to
   * {@code epoch-NNNN.ckpt.damaged}, so that it is kept for a look but no longer counts as a checkpoint, and
   * {@code notices} is told which file was set aside and which one is read instead. One taken within an epoch
   * that is older than an epoch's is deleted.
   *
   * @return the state, or empty when the directory holds no checkpoint at all
   * @throws RunFileException when there are checkpoints but none is intact, naming each and what is wrong
   */
  public Optional<TrainerState> readNewestIntact(Consumer<String> notices) {
    List<Path> all = new ArrayList<>(list());
    Optional<Path> partial = newerPartial();
    // what a kill between an epoch's checkpoint and the deletion left behind
    deletePartialsBut(partial.orElse(null));
    partial.ifPresent(all::add);
    List<String> damaged = new ArrayList<>();
    // said once an intact one is found; when none is, the refusal names each, and the lines said it all twice
    List<String> setAsideNow = new ArrayList<>();
    List<String> asideNames = new ArrayList<>();
    for (int i = all.size() - 1; i >= 0; i--) {
      Path file = all.get(i);
      if (!Files.isReadable(file)) {
        // it may well be intact: setting it aside for good would throw away the epochs it holds
        throw new RunFileException(file, "permission denied; the checkpoint may be intact, so it is left as it is:"
            + " make it readable to this user, then resume again");
      }
      try {
        TrainerState state = read(file);
        setAsideNow.forEach(notices);
        if (!damaged.isEmpty()) {
          notices.accept("resuming from " + file + " instead");
        }
        return Optional.of(state);
      } catch (RunFileException e) {
        damaged.add(e.getMessage());
        // a file of another of nn's kinds (a model copied in) is whole: it is no checkpoint, not a damaged one
        boolean otherKind = e.getMessage().startsWith(file + ": is an nn ");
        Path aside = file.resolveSibling(file.getFileName() + (otherKind ? ".not-a-checkpoint" : ".damaged"));
        moveAside(file, aside);
        asideNames.add(aside.getFileName().toString());
        setAsideNow.add(otherKind ? "the file " + file + " " + e.getMessage().substring(file.toString().length() + 2)
            .replaceFirst(", not an nn checkpoint.*", ", not a checkpoint") + ", and is set aside as "
            + aside.getFileName() : "the checkpoint " + file + " is damaged and is set aside as " + aside.getFileName()
            + ": " + e.getMessage());
      }
    }
    if (!damaged.isEmpty()) {
      throw new RunFileException(dir, "holds no intact checkpoint to resume from: " + String.join("; ", damaged)
          + "; set aside as " + String.join(", ", asideNames));
    }
    List<String> setAside = setAside();
    if (!setAside.isEmpty()) {
      // an earlier resume found every checkpoint damaged: starting over here would be a new run in this directory
      throw new RunFileException(dir, "holds no intact checkpoint to resume from: " + String.join(", ", setAside)
          + (setAside.size() == 1 ? " was" : " were") + " set aside as damaged by an earlier resume. Delete "
          + (setAside.size() == 1 ? "it" : "them") + " to train the run again from the start here, or start a new"
          + " run with nn train");
    }
    return Optional.empty();
  }

  /** The names of the checkpoints set aside as damaged ({@code epoch-NNNN.ckpt.damaged}), in name order. */
  private List<String> setAside() {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "epoch-*.ckpt.damaged")) {
      for (Path f : files) {
        names.add(f.getFileName().toString());
      }
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the checkpoints in " + dir + ": " + SystemReason.describe(e), e);
    }
    names.sort(null);
    return names;
  }

  private static void moveAside(Path file, Path aside) {
    try {
      Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot set the damaged checkpoint " + file + " aside: " + SystemReason.describe(e), e);
    }
  }

  /**
   * Whether a checkpoint of an epoch's end is present: what a resume goes on from once a checkpoint taken within an
   * epoch, which is never kept beside another such, is deleted.
   */
  public boolean hasEpochCheckpoint() {
    return !list().isEmpty();
  }

  /** The checkpoints present, oldest epoch first; empty when the directory does not exist. */
  List<Path> list() {
    return listed(Checkpoints::epochOf);
  }

  /** The files whose name {@code epochOf} reads an epoch from (not −1), by that epoch; empty without the directory. */
  private List<Path> listed(java.util.function.ToLongFunction<Path> epochOf) {
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        if (epochOf.applyAsLong(f) >= 0 && Files.isRegularFile(f)) {
          found.add(f);
        }
      }
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the checkpoints in " + dir + ": " + SystemReason.describe(e), e);
    }
    found.sort(Comparator.comparingLong(epochOf));
    return found;
  }

  /**
   * The newest checkpoint, if any: the one taken within an epoch when it is newer than every epoch's, else the
   * highest epoch's.
   */
  Optional<Path> newest() {
    Optional<Path> partial = newerPartial();
    return partial.isPresent() ? partial : latest();
  }

  /** The checkpoint of the highest epoch, if any. */
  Optional<Path> latest() {
    List<Path> all = list();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /**
   * The checkpoint of the epoch with the lowest loss among those present — the validation loss when the run
   * has validation data, else the mean training loss — as the newest checkpoint's history gives them; the
   * newer one of equals. What a diverged run points to: every checkpoint present passed the divergence checks,
   * and pruning keeps the best epoch's. The history is the newest readable checkpoint's (a damaged newer one
   * does not make an older, intact best one worthless); when none can be read, it is the newest.
   */
  Optional<Path> best() {
    List<Path> all = list();
    return best(all, newestReadable(all));
  }

  /** {@link #best()} among {@code all}, by the history of {@code newest}, the newest readable one's state. */
  private Optional<Path> best(List<Path> all, Optional<TrainerState> newestState) {
    if (all.isEmpty()) {
      return Optional.empty();
    }
    Path newest = all.get(all.size() - 1);
    if (newestState.isEmpty()) {
      return Optional.of(newest);
    }
    List<EpochReport> history = newestState.get().history();
    List<EpochReport> present = new ArrayList<>();
    for (Path file : all) {
      long epoch = epochOf(file);
      if (epoch >= 1 && epoch <= history.size()) {
        present.add(history.get((int) epoch - 1));
      }
    }
    int best = bestEpoch(present);
    return Optional.of(best == 0 ? newest : fileFor(best));
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
   *     another format or version, fields that contradict each other or the file's name)
   */
  static TrainerState read(Path file) {
    return CheckpointFile.read(file);
  }
}
