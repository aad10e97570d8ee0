package dev.nn.core.experiment;

import dev.nn.api.Loss;
import dev.nn.api.TargetKind;
import dev.nn.core.data.Dataset;
import dev.nn.core.data.OneHot;
import dev.nn.core.data.OwnedData;
import dev.nn.core.data.Standardizer;
import dev.nn.core.train.Samples;
import dev.nn.core.train.TargetUnits;
import java.nio.file.Path;
import java.util.List;

/**
 * An experiment's data, ready to train on: the three splits (already standardised with statistics of the
 * training split only, when asked), the fitted scaler, and every file that was read.
 *
 * @param train the training split
 * @param validation the validation split, or {@code null} when the experiment has none
 * @param test the test split, used once at the end, or {@code null}
 * @param oneHot the one-hot encoding the splits' inputs went through ({@code data.one-hot}), or {@code null}
 * @param scaler the standardizer fitted on the training split, or {@code null}
 * @param targetScaler the standardizer of a regression's targets fitted on the training split
 *     ({@code data.standardize-targets}), or {@code null}: the splits' targets went through it, and the
 *     network's outputs are in its units until {@link Standardizer#restore} maps them back
 * @param files every data file read, for provenance
 * @param targets the target encoding the loss needs
 * @param notes what reading the data did that the user should hear of, such as rows left out for a missing value
 * @param heldOut the training source's rows the validation and test splits took, or {@code null} when they took
 *     none
 * @param fromCode what a run records of samples an application gave in code, or {@code null} when they were read
 *     from the experiment's sources
 * @param sha256 the SHA-256 of each file among {@code files} as it was read (the same before and after), which
 *     provenance records; a file it lacks is hashed when provenance is taken
 */
public record PreparedData(Dataset train, Dataset validation, Dataset test, OneHot oneHot, Standardizer scaler,
    Standardizer targetScaler, List<Path> files, TargetKind targets, List<String> notes, HeldOutRows heldOut,
    SamplesFromCode fromCode, java.util.Map<Path, String> sha256) {

  /** Copies. */
  public PreparedData {
    files = List.copyOf(files);
    notes = List.copyOf(notes);
    sha256 = sha256 == null ? java.util.Map.of() : java.util.Map.copyOf(sha256);
  }

  /** Data whose files are hashed when provenance is taken. */
  public PreparedData(Dataset train, Dataset validation, Dataset test, OneHot oneHot, Standardizer scaler,
      Standardizer targetScaler, List<Path> files, TargetKind targets, List<String> notes, HeldOutRows heldOut,
      SamplesFromCode fromCode) {
    this(train, validation, test, oneHot, scaler, targetScaler, files, targets, notes, heldOut, fromCode, null);
  }

  /** Data none of whose rows the record of held-out rows tells of. */
  public PreparedData(Dataset train, Dataset validation, Dataset test, OneHot oneHot, Standardizer scaler,
      Standardizer targetScaler, List<Path> files, TargetKind targets, List<String> notes) {
    this(train, validation, test, oneHot, scaler, targetScaler, files, targets, notes, null, null);
  }

  /** Data with nothing to note. */
  public PreparedData(Dataset train, Dataset validation, Dataset test, Standardizer scaler, List<Path> files,
      TargetKind targets) {
    this(train, validation, test, null, scaler, null, files, targets, List.of());
  }

  /**
   * This data with {@code more} files among those read, for provenance: the files of a table read elsewhere (by a
   * cluster's executors), which a resume checks as it checks any data file.
   */
  public PreparedData withFiles(List<Path> more) {
    List<Path> all = new java.util.ArrayList<>(files);
    all.addAll(more);
    return new PreparedData(train, validation, test, oneHot, scaler, targetScaler, all, targets, notes, heldOut,
        fromCode, sha256);
  }

  /** This data with {@code notes}. */
  PreparedData withNotes(List<String> notes) {
    return new PreparedData(train, validation, test, oneHot, scaler, targetScaler, files, targets, notes, heldOut,
        fromCode, sha256);
  }

  /** This data with the SHA-256 of its files as they were read. */
  PreparedData withSha256(java.util.Map<Path, String> asRead) {
    return new PreparedData(train, validation, test, oneHot, scaler, targetScaler, files, targets, notes, heldOut,
        fromCode, asRead);
  }

  /**
   * The data of a run whose samples are held elsewhere — by a cluster's executors, say — and never read
   * into this process: a training split without rows that only gives the columns, the class labels and the
   * target encoding the loss needs (so the network's widths follow from it), and the scaler fitted where the
   * samples are. There is no validation or test split.
   *
   * @param columns the training data's columns and class labels; its rows, if any, are not used
   * @param scaler the standardizer the samples go through, or {@code null}
   * @throws dev.nn.spi.ConfigException when the targets do not suit the loss
   */
  public static PreparedData elsewhere(Dataset columns, Standardizer scaler, Loss loss, String lossName) {
    Dataset empty = columns.head(0);
    return new PreparedData(DataPreparation.encode(empty, loss.targets(), lossName, false), null, null, scaler,
        List.of(), loss.targets());
  }

  /** How the network's outputs map back to the targets' units, or {@code null} when the targets are in them. */
  public TargetUnits targetUnits() {
    return targetScaler == null ? null : targetScaler::restore;
  }

  /** Whether the task is classification. */
  public boolean classification() {
    return train.task() == dev.nn.core.data.Task.CLASSIFICATION;
  }

  /**
   * The training split as flat samples in the loss's target encoding. The samples read the split's own arrays,
   * not copies — inputs held as floats stay floats — : they are for reading only.
   */
  public Samples trainSamples() {
    return samples(train);
  }

  /** The validation split as samples, or {@code null}; as {@link #trainSamples()}. */
  public Samples validationSamples() {
    return validation == null ? null : samples(validation);
  }

  /** The test split as samples, or {@code null}; as {@link #trainSamples()}. */
  Samples testSamples() {
    return test == null ? null : samples(test);
  }

  /**
   * Samples of {@code d} that read its arrays; class targets become −1/+1 (in an array of their own) for a loss
   * that wants them signed.
   */
  Samples samples(Dataset d) {
    return OwnedData.lend(d,
        (x, y, rows, inputs, outputs) -> new Samples(x, encoded(y), rows, inputs, outputs),
        (x, y, rows, inputs, outputs) -> new Samples(x, encoded(y), rows, inputs, outputs)).withWeights(d.weights());
  }

  /** The targets as the loss reads them: {@code y} itself, or −1/+1 classes in an array of their own. */
  private double[] encoded(double[] y) {
    return targets == TargetKind.SIGNED ? signed(y) : y;
  }

  /** 0/1 class targets as −1/+1. */
  private static double[] signed(double[] y) {
    double[] s = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      s[i] = y[i] == 0.0 ? -1.0 : 1.0;
    }
    return s;
  }

  /**
   * The rows of a data set, copied into the flat arrays the trainer reads, the inputs in the precision they are held
   * in, targets as they are.
   */
  public static Samples rows(Dataset d) {
    return OwnedData.lend(d,
        (x, y, rows, inputs, outputs) -> new Samples(x.clone(), y.clone(), rows, inputs, outputs),
        (x, y, rows, inputs, outputs) -> new Samples(x.clone(), y.clone(), rows, inputs, outputs))
        .withWeights(d.weights());
  }
}
