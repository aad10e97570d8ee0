package dev.nn.core.run;

import dev.nn.core.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The directory of one training run, {@code <outputDir>/<name>-<yyyyMMdd-HHmmss>/}, and the paths of the
 * files in it:
 * <pre>
 *   experiment.yaml   the resolved experiment (defaults filled in)
 *   metrics.csv       one row per epoch
 *   checkpoints/      epoch-NNNN.ckpt, the last few
 *   model.nnm         the trained model
 *   provenance.yaml   software, machine, seed, plugins, data
 *   report.html       curves and final figures
 * </pre>
 */
public final class RunDirectory {
  /** The resolved experiment's file name. */
  public static final String EXPERIMENT = "experiment.yaml";
  /** The per-epoch metrics' file name. */
  public static final String METRICS = "metrics.csv";
  /** The checkpoint directory's name. */
  public static final String CHECKPOINTS = "checkpoints";
  /** The model's file name. */
  public static final String MODEL = "model.nnm";
  /** The provenance record's file name. */
  public static final String PROVENANCE = "provenance.yaml";
  /** The report's file name. */
  public static final String REPORT = "report.html";

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  private final Path path;

  private RunDirectory(Path path) {
    this.path = path;
  }

  /**
   * Creates a fresh run directory {@code <outputDir>/<name>-<yyyyMMdd-HHmmss>} (with {@code -2}, {@code -3},
   * … appended when that exists) and its {@code checkpoints/}, creating {@code outputDir} if needed.
   *
   * @param name the experiment's name: letters, digits, '.', '_' and '-', starting with a letter or digit
   * @param clock gives the timestamp, in the clock's zone
   */
  public static RunDirectory create(Path outputDir, String name, Clock clock) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("run name \"" + name + "\" cannot name a directory: use 1 to 100 letters, "
          + "digits, '.', '_' and '-', starting with a letter or digit");
    }
    String stem = name + "-" + STAMP.format(LocalDateTime.ofInstant(clock.instant(), clock.getZone()));
    try {
      Files.createDirectories(outputDir);
      for (int n = 1; ; n++) {
        Path dir = outputDir.resolve(n == 1 ? stem : stem + "-" + n);
        try {
          // createDirectory fails if the name is taken, so two runs started in the same second never share one
          Files.createDirectory(dir);
        } catch (FileAlreadyExistsException taken) {
          continue;
        }
        Files.createDirectory(dir.resolve(CHECKPOINTS));
        return new RunDirectory(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a run directory in " + outputDir + ": " + e.getMessage(), e);
    }
  }

  /**
   * An existing run directory, to resume: it must hold {@code experiment.yaml} and at least one checkpoint.
   *
   * @throws RunFileException naming the directory and what it lacks
   */
  public static RunDirectory open(Path existing) {
    if (!Files.exists(existing)) {
      throw new RunFileException(existing, "no such directory; expected the directory of an earlier training run");
    }
    if (!Files.isDirectory(existing)) {
      throw new RunFileException(existing, "not a directory; expected the directory of an earlier training run");
    }
    RunDirectory run = new RunDirectory(existing);
    if (!Files.isRegularFile(run.experimentFile())) {
      throw new RunFileException(existing, "not a run directory: it has no " + EXPERIMENT);
    }
    if (run.latestCheckpoint().isEmpty()) {
      throw new RunFileException(existing, "has no checkpoint to resume from (no epoch-NNNN.ckpt in " + CHECKPOINTS
          + "/); the run stopped before its first checkpoint was written");
    }
    return run;
  }

  /**
   * The checkpoint of the highest epoch in the run directory {@code directory}, if any, whatever else the
   * directory holds or lacks: what is left of a run that diverged.
   */
  public static Optional<Path> latestCheckpointIn(Path directory) {
    return new RunDirectory(directory).latestCheckpoint();
  }

  /** The directory. */
  public Path path() {
    return path;
  }

  /** {@code experiment.yaml}. */
  public Path experimentFile() {
    return path.resolve(EXPERIMENT);
  }

  /** {@code metrics.csv}. */
  public Path metricsFile() {
    return path.resolve(METRICS);
  }

  /** {@code checkpoints/}. */
  public Path checkpointsDir() {
    return path.resolve(CHECKPOINTS);
  }

  /** {@code model.nnm}. */
  public Path modelFile() {
    return path.resolve(MODEL);
  }

  /** {@code provenance.yaml}. */
  public Path provenanceFile() {
    return path.resolve(PROVENANCE);
  }

  /** {@code report.html}. */
  public Path reportFile() {
    return path.resolve(REPORT);
  }

  /** Atomically writes the resolved experiment, as YAML text, to {@code experiment.yaml}. */
  public void writeExperiment(String resolvedYaml) {
    AtomicFiles.writeString(experimentFile(), resolvedYaml);
  }

  /** The run's checkpoints, keeping the last {@link Checkpoints#DEFAULT_KEEP}. */
  public Checkpoints checkpoints() {
    return new Checkpoints(checkpointsDir(), Checkpoints.DEFAULT_KEEP);
  }

  /** The run's checkpoints, keeping the last {@code keep}. */
  public Checkpoints checkpoints(int keep) {
    return new Checkpoints(checkpointsDir(), keep);
  }

  /** The checkpoint of the highest epoch, if any. */
  public Optional<Path> latestCheckpoint() {
    return checkpoints().latest();
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
