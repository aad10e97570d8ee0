package dev.nn.core.config;

import dev.nn.core.data.Task;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code data} section: the training source and how validation and test data are obtained.
 *
 * @param train where the training samples come from
 * @param validation the validation data: a fraction of {@code train}, or its own source
 * @param test the test data, used once at the end: a fraction of {@code train}, or its own source
 * @param standardize whether inputs are standardized with a scaler fitted on the training split only
 * @param standardizeTargets whether a regression's targets are standardized too, per target column and with
 *     the training split's statistics, for training (predictions and figures such as RMSE are given in the
 *     targets' own units); {@code null} when the file does not say, which uses them as they are and lets a run
 *     advise standardizing large ones
 * @param oneHot the feature columns of category codes to encode one-hot ({@link dev.nn.core.data.OneHot}), in
 *     any order; empty for none
 * @param stratify whether the {@code split} hold-outs take each class in its share
 *     ({@link dev.nn.core.data.Splits}); a classification only
 * @param splitSeed the seed the hold-outs are drawn from ({@code data.split-seed}), or {@code null} for the
 *     experiment's own seed
 */
public record DataSpec(SourceSpec train, HoldOut validation, HoldOut test, boolean standardize,
    Boolean standardizeTargets, List<String> oneHot, boolean stratify, Long splitSeed) {

  /** Checks for {@code null} and copies. */
  public DataSpec {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(validation, "validation");
    Objects.requireNonNull(test, "test");
    oneHot = List.copyOf(oneHot);
  }

  /** Hold-outs drawn from the experiment's seed. */
  public DataSpec(SourceSpec train, HoldOut validation, HoldOut test, boolean standardize,
      Boolean standardizeTargets, List<String> oneHot, boolean stratify) {
    this(train, validation, test, standardize, standardizeTargets, oneHot, stratify, null);
  }

  /** Splits not stratified. */
  public DataSpec(SourceSpec train, HoldOut validation, HoldOut test, boolean standardize,
      Boolean standardizeTargets, List<String> oneHot) {
    this(train, validation, test, standardize, standardizeTargets, oneHot, false);
  }

  /** No column encoded one-hot. */
  public DataSpec(SourceSpec train, HoldOut validation, HoldOut test, boolean standardize,
      Boolean standardizeTargets) {
    this(train, validation, test, standardize, standardizeTargets, List.of());
  }

  /** Targets used as they are, the file not saying so. */
  public DataSpec(SourceSpec train, HoldOut validation, HoldOut test, boolean standardize) {
    this(train, validation, test, standardize, null);
  }

  /**
   * Every local file the sources read, as resolved against the experiment file's folder, in the order training,
   * validation, test: CSV files, and IDX image and label files. A generator reads none, and a Spark source's
   * table is read where it lies, so neither adds any.
   */
  public List<Path> files() {
    List<Path> files = new ArrayList<>();
    addFiles(train, files);
    for (HoldOut h : new HoldOut[] {validation, test}) {
      if (h instanceof HoldOut.FromSource f) {
        addFiles(f.source(), files);
      }
    }
    return List.copyOf(files);
  }

  /**
   * data.test's source, named for people ({@code a csv source (data/test.csv)}), when the test rows come from a
   * source of their own; empty when they are taken from data.train (a split, a fold) or there are none.
   */
  public java.util.Optional<String> testSource() {
    if (!(test instanceof HoldOut.FromSource f)) {
      return java.util.Optional.empty();
    }
    List<Path> files = new ArrayList<>();
    addFiles(f.source(), files);
    String kind = f.source().source();
    // "an idx source": the article as the word is said
    String named = ("aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind + " source";
    return java.util.Optional.of(files.isEmpty() ? named : named + " (" + String.join(", ",
        files.stream().map(Path::toString).toList()) + ")");
  }

  private static void addFiles(SourceSpec source, List<Path> files) {
    if (source instanceof SourceSpec.Csv c) {
      files.add(c.path().resolved());
    } else if (source instanceof SourceSpec.Idx x) {
      x.images().forEach(p -> files.add(p.resolved()));
      x.labels().forEach(p -> files.add(p.resolved()));
    }
  }

  /** Whether a regression's targets are standardized for training ({@code standardize-targets: true}). */
  public boolean standardizesTargets() {
    return Boolean.TRUE.equals(standardizeTargets);
  }

  /** The task the training source states, or {@code null} for a generator's, known only once it runs. */
  Task statedTask() {
    return train instanceof SourceSpec.Csv c ? c.task() : train instanceof SourceSpec.Spark k ? k.task()
        : train instanceof SourceSpec.Idx x ? x.task() : null;
  }

  /**
   * Why {@code data.standardize-targets} does not apply to a task, or {@code null} when it does: only a
   * regression's targets are numbers of their own ({@code null} task: a generator's, checked once it runs).
   */
  public static String notRegression(Task task) {
    if (task == Task.CLASSIFICATION) {
      return "standardize-targets applies to regression; a classifier's targets are classes";
    }
    if (task == Task.RECONSTRUCTION) {
      return "standardize-targets applies to regression; a reconstruction's targets are its inputs, which"
          + " data.standardize standardizes";
    }
    return null;
  }
}
