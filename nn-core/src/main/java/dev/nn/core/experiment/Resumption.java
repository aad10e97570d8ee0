package dev.nn.core.experiment;

import dev.nn.core.run.Checkpoints;
import dev.nn.core.run.Provenance;
import dev.nn.core.run.RunDirectory;
import dev.nn.core.run.RunFileException;
import dev.nn.core.text.Counted;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainerState;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Gets a locked run directory and a fresh trainer ready to continue a run: the data must be what the run
 * started on, and its plugins the code it started with (see {@link PluginChanges}), what a killed process left half done is cleared away, and the trainer takes the state of the
 * newest intact checkpoint — or keeps its initial state when the run was killed before its first checkpoint,
 * since the seeded initialisation gives the same start again.
 */
final class Resumption {
  private static final System.Logger LOG = System.getLogger(Resumption.class.getName());

  private final RunDirectory dir;
  private final boolean allowChangedData;
  private final boolean allowChangedPlugins;
  private final Consumer<String> notices;

  Resumption(RunDirectory dir, boolean allowChangedData, boolean allowChangedPlugins, Consumer<String> notices) {
    this.dir = dir;
    this.allowChangedData = allowChangedData;
    this.allowChangedPlugins = allowChangedPlugins;
    // what a resume did instead of failing is worth a log record as well as the caller's notice
    this.notices = notice -> {
      LOG.log(System.Logger.Level.INFO, () -> dir.path() + ": " + notice);
      notices.accept(notice);
    };
  }

  /**
   * Prepares {@code trainer} and the directory.
   *
   * @param current the provenance of this attempt, whose data files were hashed now
   * @param checkpointEvery the epochs between checkpoints, by which a run without one is told apart from a run
   *     whose checkpoints were deleted
   * @param trainingRows the rows of the training split now, which a checkpoint taken within an epoch must have
   * @return the provenance to record, noting changed data or plugins that were allowed and how the run first
   *     started
   * @throws RunFileException when a data file or a plugin changed and that is not allowed, or no checkpoint is
   *     intact; before anything in the directory is changed
   */
  Provenance prepare(Trainer trainer, Provenance current, int checkpointEvery, int trainingRows) {
    Provenance checked = new PluginChanges(dir, allowChangedPlugins, notices).check(checkData(current));
    Map<String, String> earlier = noticingAnotherCompute(current);
    // this attempt's start and command line replace the recorded ones, which are kept as the run's first start
    Provenance recorded = checked.withFirstStartFrom(dir.provenanceFile())
        .withEarlierOutcomesFrom(dir.provenanceFile());
    dir.deleteTemporaryFiles();
    if (dir.saysFinishedWithoutModel()) {
      notices.accept(RunDirectory.STATUS + " says the run finished, but it has no " + RunDirectory.MODEL
          + "; the run goes on from its checkpoints, which say whether its training had ended");
    }
    Checkpoints checkpoints = dir.checkpoints().warningOfUndeletedTo(notices);
    // damaged checkpoints are set aside before pruning, so that pruning weighs only those a resume can use
    Optional<TrainerState> state = checkpoints.readNewestIntact(notices);
    if (state.isPresent()) {
      if (state.get().within() != null) {
        checkWithin(state.get(), trainer, trainingRows, checkpoints);
      }
      restore(trainer, state.get(), edited(current), PluginChanges.allowedChanges(checked));
      // after the restore, which tells a checkpoint of another network by its parameters, and before pruning, which
      // weighs the checkpoints by this one's history
      requireHistoryOfThisRun(state.get());
    }
    checkpoints.prune();
    if (state.isPresent()) {
      String end = endNotice(state.get(), trainer.options().epochs());
      if (end != null) {
        notices.accept(end);
      }

    } else {
      int trained = dev.nn.core.run.MetricsColumns.read(dir.metricsFile()).rows().size();
      // a run past its first checkpoint's epoch (and the next epoch's row, which a kill may leave without its
      // checkpoint) wrote one, which pruning never removes: none left means they were deleted
      notices.accept((trained <= checkpointEvery ? "no checkpoint was written before the run stopped"
          : "no checkpoint is left, though " + RunDirectory.METRICS + " records " + trained + " epochs (were"
              + " the checkpoints deleted?)")
          + "; training it again from the start with the experiment it recorded");
    }
    // an earlier attempt's failure no longer describes the run
    dir.clearStatus();
    // the epochs that computed so are the checkpoint's; without one, the run starts over and nothing earlier remains
    return noticingAnEditedExperiment(state.isEmpty() || earlier.isEmpty() ? recorded
        : recorded.withOutcome(withTrained(earlier, state.get())));
  }

  /** {@code earlier}'s entries, each with how far the checkpoint's run had trained so. */
  private static Map<String, String> withTrained(Map<String, String> earlier, TrainerState trained) {
    Map<String, String> entries = new java.util.LinkedHashMap<>();
    earlier.forEach((key, value) -> entries.put(key, value + "; " + trainedSoFar(trained)));
    return entries;
  }

  /** How far {@code state}'s run had trained, as the provenance says it: "epochs 1-2", "epoch 1 and 30 batches of 2". */
  static String trainedSoFar(TrainerState state) {
    int e = state.epoch();
    String epochs = e == 0 ? "" : e == 1 ? "epoch 1" : "epochs 1-" + e;
    if (state.within() == null) {
      return epochs;
    }
    String batches = Counted.of(state.within().batches(), "batch", "batches") + " of epoch " + (e + 1);
    return e == 0 ? batches : epochs + " and " + batches;
  }

  /**
   * Refuses to resume a run that diverged when nothing can differ: a resume is exact, so on the same data, plugins,
   * kernels and precision it diverges again at the same update (it did, silently, exit 3 twice). Changed data or
   * plugins allowed, or other kernels, may well train on; then it goes ahead.
   */
  static void refuseARepeatedDivergence(RunDirectory dir, Provenance current, boolean allowChangedData,
      boolean allowChangedPlugins) {
    Optional<String> diverged = dir.divergedMessage();
    if (diverged.isEmpty() || allowChangedData || allowChangedPlugins || !earlierCompute(dir, current).isEmpty()) {
      return;
    }
    String best = RunDirectory.bestCheckpointIn(dir.path()).map(c -> " (its best epoch's checkpoint is kept: " + c
        + ")").orElse("");
    throw new RunFileException(dir.path(), "the run diverged (" + diverged.get() + "); a resume repeats it"
        + " exactly, to the same update, so nothing was resumed or changed. Train it anew at a smaller learning rate:"
        + " nn train " + dev.nn.core.text.CommandName.shellWord(dir.experimentFile().toString())
        + " --set optimizer.learning-rate=…" + best);
  }

  /**
   * Says so when the run goes on with another compute backend than it started with (a JVM without the Vector API,
   * {@code NN_VECTOR=off}, moves a small network from the vector loops to OpenBLAS): another backend sums in another
   * order, so the run ends near, but not bit for bit as, the interrupted run would have. Other thread counts compute
   * the same bits, and are not said. Another precision (compute.precision edited) is said as that instead.
   *
   * @return what the recorded attempt computed on or in that this one does not, for the provenance's {@code outcome}
   *     ({@code earlier-cluster}, {@code earlier-precision}, {@code earlier-backend}): this attempt's record replaces
   *     the one that was then the only one to say where and how the checkpoint's epochs trained (a run on Spark
   *     resumed in one process kept no word of Spark)
   */
  private Map<String, String> noticingAnotherCompute(Provenance current) {
    Map<String, String> earlier = earlierCompute(dir, current);
    String precision = current.compute().get("precision");
    if (earlier.containsKey("earlier-precision") && precision != null) {
      // an edit of experiment.yaml's compute.precision, which no backend setting undoes; the backend's description,
      // which names the precision, differs with it, and its note would blame the backend
      notices.accept("the run started in " + earlier.get("earlier-precision") + " and continues in " + precision
          + ", as experiment.yaml's compute.precision now says: from here its parameters and sums are " + precision
          + ", so it will not end as the interrupted run would have, and its model is " + precision);
    } else if (earlier.containsKey("earlier-backend")) {
      notices.accept("the run started on the " + earlier.get("earlier-backend") + " backend and continues on the "
          + current.backend() + " backend, which sums in another order, so it will not end bit for bit as the"
          + " interrupted run would have (compute.backend chooses one; NN_VECTOR=off runs Java without the vector"
          + " loops)");
    }
    return earlier;
  }

  /**
   * What the run's recorded provenance computed on or in that {@code current} does not: its cluster, precision and
   * backend, as the provenance's {@code outcome} keeps them ({@code earlier-cluster}, …); empty when it computes alike.
   */
  private static Map<String, String> earlierCompute(RunDirectory dir, Provenance current) {
    Map<String, String> earlier = new java.util.LinkedHashMap<>();
    Map<String, String> cluster = Provenance.recordedCluster(dir.provenanceFile());
    if (!cluster.isEmpty() && !cluster.equals(current.cluster())) {
      StringBuilder where = new StringBuilder();
      cluster.forEach((key, value) -> where.append(where.length() == 0 ? "" : ", ").append(key).append(' ')
          .append(value));
      earlier.put("earlier-cluster", where.toString());
    }
    Provenance.recordedCompute(dir.provenanceFile(), "precision")
        .filter(was -> !was.equals(current.compute().get("precision")))
        .ifPresent(was -> earlier.put("earlier-precision", was));
    Provenance.recordedBackend(dir.provenanceFile()).filter(was -> !was.equals(current.backend()))
        .ifPresent(was -> earlier.put("earlier-backend", was));
    return earlier;
  }

  /**
   * What the resume will do when the checkpoint says training had ended, or {@code null}: the trainer goes on
   * until the epochs experiment.yaml plans unless it stopped early, so a checkpoint saying "finished" before them
   * (from an experiment edited to plan more, or from an edit of the checkpoint itself) trains on, and says so.
   */
  private static String endNotice(TrainerState state, int planned) {
    if (state.end() == TrainerState.End.RUNNING || state.within() != null) {
      return null;
    }
    if (state.end() == TrainerState.End.STOPPED_EARLY || state.epoch() >= planned) {
      return "training had ended after epoch " + state.epoch() + " ("
          + (state.end() == TrainerState.End.STOPPED_EARLY ? "stopped early" : "finished")
          + "); writing what the interrupted run did not finish, without training further";
    }
    return "the checkpoint says training finished after epoch " + state.epoch() + ", but experiment.yaml plans "
        + Counted.of(planned, "epoch", "epochs") + "; training goes on to epoch " + planned;
  }

  /**
   * Says so when the run's experiment.yaml is not the file the run started with: an edit that still fits the
   * checkpoint (more epochs, another learning rate) is taken, but the resumed run then no longer ends as the
   * interrupted one would have, which its user should hear of, and its provenance records.
   */
  private Provenance noticingAnEditedExperiment(Provenance current) {
    Optional<String> was = Provenance.recordedExperimentSha256(dir.provenanceFile());
    String now = current.experimentSha256();
    if (was.isEmpty() || now == null || was.get().equals(now)) {
      return current;
    }
    String hashes = "SHA-256 was " + was.get() + ", now " + now;
    notices.accept(RunDirectory.EXPERIMENT + " was edited since the run started (" + hashes + "); the run goes on"
        + " with it as it is now, so it will not end as the interrupted run would have");
    return current.withOutcome(Map.of("edited-experiment", hashes));
  }

  /**
   * Whether the run's experiment.yaml is known to differ from the file the run started with (its SHA-256 is
   * not the one the provenance recorded); false when it is the same, or when nothing was recorded.
   */
  private boolean edited(Provenance current) {
    Optional<String> was = Provenance.recordedExperimentSha256(dir.provenanceFile());
    return was.isPresent() && current.experimentSha256() != null && !was.get().equals(current.experimentSha256());
  }

  /**
   * Restores the checkpoint's state, which must fit the network and optimizer of the run's experiment.yaml: a
   * checkpoint that does not makes the directory unusable. When the file was edited after the run started, the
   * edit is the cause; when it is as the run started, an optimizer that refuses the state it saved itself is.
   */
  private void restore(Trainer trainer, TrainerState state, boolean edited, String changedPlugins) {
    int parameters = trainer.network().parameters().size();
    int planned = trainer.options().epochs();
    // partway through an epoch, the run has begun that epoch too
    int reached = state.within() == null ? state.epoch() : state.epoch() + 1;
    String problem = state.params().length != parameters
        ? "holds " + state.params().length + " parameters, but the network its experiment.yaml describes has "
            + parameters
        // fewer epochs than were trained is not an edit that fits: the run cannot end at an epoch it has passed
        : reached > planned ? "is beyond the " + Counted.of(planned, "epoch", "epochs") + " its experiment.yaml plans"
            + " (training.epochs must be at least " + reached
            // the checkpoint before a partial one is of the epoch before: advised only when it fits the edit
            + (state.within() == null || state.epoch() > planned ? ")"
                : "; or delete " + RunDirectory.CHECKPOINTS + "/" + fileOf(state) + " to resume from the checkpoint"
                    + " before it)")
        : null;
    if (problem == null) {
      try {
        trainer.restore(state);
        return;
      } catch (IllegalArgumentException e) {
        if (changedPlugins != null) {
          throw new RunFileException(dir.path(), named(state) + " holds optimizer"
              + " state that the optimizer refuses (" + e.getMessage() + "), and the plugins changed since the run"
              + " started (" + changedPlugins + "): the plugin as it is now cannot take the state it saved as it was;"
              + " resume with the jar the run started with");
        }
        if (!edited && Provenance.recordedExperimentSha256(dir.provenanceFile()).isPresent()) {
          throw new RunFileException(dir.path(), named(state) + " holds optimizer"
              + " state that the optimizer refuses (" + e.getMessage() + "), though experiment.yaml is as the run"
              + " started (its SHA-256 matches the provenance's): the optimizer saved state it cannot take back; if"
              + " it is a plugin's, its exportState and importState disagree, which its author can mend");
        }
        problem = "does not fit the optimizer its experiment.yaml names (" + e.getMessage() + ")";
      }
    }
    if (!edited && Provenance.recordedExperimentSha256(dir.provenanceFile()).isPresent()) {
      // the file is the one the run started with, so the checkpoint is what changed: copied from another run
      throw new RunFileException(dir.path(), named(state) + " " + problem
          + ", though experiment.yaml is as the run started (its SHA-256 matches the provenance's): the checkpoint"
          + " is not this run's (copied from another run?). Remove " + RunDirectory.CHECKPOINTS + "/"
          + fileOf(state)
          + " to resume from an older checkpoint, or train a new run");
    }
    throw new RunFileException(dir.path(), named(state) + " " + problem
        + "; experiment.yaml was changed after the run started. Restore it, or train a new run");
  }

  /**
   * Refuses a checkpoint whose history disagrees with the run's metrics.csv on an epoch both record: the run wrote
   * both from one training (metrics.csv is rewritten from the checkpoint's history when a run resumes), so a
   * training loss that differs, bit for bit, is a checkpoint copied in from another run of the same network, which
   * {@link #restore} cannot tell by its parameter count; resumed, its history replaced the run's rows. An unreadable
   * metrics.csv, or an epoch it lacks (a kill between the checkpoint and the row), tells nothing.
   */
  private void requireHistoryOfThisRun(TrainerState state) {
    Map<Integer, Double> recorded = new java.util.HashMap<>();
    try {
      for (Map<String, Double> row : dev.nn.core.run.MetricsColumns.read(dir.metricsFile()).rows()) {
        Double epoch = row.get("epoch");
        Double loss = row.get("train_loss");
        if (epoch != null && loss != null) {
          recorded.put(epoch.intValue(), loss);
        }
      }
    } catch (RuntimeException unreadable) {
      return;
    }
    for (dev.nn.core.train.EpochReport r : state.history()) {
      Double inMetrics = recorded.get(r.epoch());
      if (inMetrics != null && !sameLoss(inMetrics, r.trainLoss())) {
        throw new RunFileException(dir.path(), named(state) + " records a training loss of " + r.trainLoss()
            + " for epoch " + r.epoch() + ", where " + RunDirectory.METRICS + " records " + inMetrics
            + ": the checkpoint is not this run's (copied from another run?). Remove " + RunDirectory.CHECKPOINTS
            + "/" + fileOf(state) + " to resume from an older checkpoint, or train a new run; if " + RunDirectory.METRICS
            + " was edited instead, delete it, and the resume writes it again from the checkpoint");
      }
    }
  }

  /**
   * Whether a loss metrics.csv records is the checkpoint's: the same to 1e-9 relative, as a file saved again with
   * fewer digits (a spreadsheet's 15) keeps it; another run's differs far more.
   */
  private static boolean sameLoss(double inMetrics, double inCheckpoint) {
    return Double.compare(inMetrics, inCheckpoint) == 0
        || Math.abs(inMetrics - inCheckpoint) <= 1e-9 * Math.max(Math.abs(inMetrics), Math.abs(inCheckpoint));
  }

  /** "the checkpoint of epoch 3", or "the checkpoint partway through epoch 4". */
  private static String named(TrainerState state) {
    return state.within() == null ? "the checkpoint of epoch " + state.epoch()
        : "the checkpoint partway through epoch " + (state.epoch() + 1);
  }

  /** The file name of the checkpoint {@code state} was read from. */
  private static String fileOf(TrainerState state) {
    return state.within() == null ? Checkpoints.fileName(state.epoch())
        : Checkpoints.partialFileName(state.epoch() + 1);
  }

  /**
   * A checkpoint taken within an epoch goes on after the batch it stopped at, which are the same rows only at the
   * batch size and over the training rows it was taken with: an experiment.yaml edited to another batch size, or
   * data changed to other rows (with --allow-changed-data), cannot continue it, though the checkpoint before it can.
   */
  private void checkWithin(TrainerState state, Trainer trainer, int trainingRows, Checkpoints checkpoints) {
    TrainerState.Within w = state.within();
    int batch = trainer.options().batchSize();
    String problem = w.batchSize() != batch
        ? "batches of " + w.batchSize() + " rows, and training.batch-size is now " + batch + ". Restore"
            + " training.batch-size: " + w.batchSize() + " in experiment.yaml"
        : w.rows() != trainingRows
            ? w.rows() + " training rows, and the training split now has " + trainingRows + ". Restore the data"
        : null;
    if (problem != null) {
      String file = RunDirectory.CHECKPOINTS + "/" + fileOf(state);
      throw new RunFileException(dir.path(), named(state) + " was taken with " + problem + " to resume from where"
          + " it stopped, or delete " + file + (checkpoints.hasEpochCheckpoint()
              ? " to resume from the checkpoint before it"
              : " to train the run again from the start (no checkpoint was taken before it)"));
    }
  }

  /** What a damaged file of a run is kept as when it is set aside. */
  private static final String DAMAGED = ".damaged";

  /** Why the run's provenance.yaml cannot be read as one (cut short, emptied, overwritten); empty when it can. */
  private java.util.Optional<String> provenanceDamage() {
    if (!Files.isRegularFile(dir.provenanceFile())) {
      return java.util.Optional.empty();
    }
    try {
      Provenance.recordedDataFiles(dir.provenanceFile());
      return java.util.Optional.empty();
    } catch (RunFileException e) {
      return java.util.Optional.of(e.problem());
    }
  }

  private Provenance checkData(Provenance current) {
    java.util.Optional<String> damage = provenanceDamage();
    if (damage.isPresent() && dir.latestCheckpoint().isPresent()) {
      // as good as missing: the data cannot be checked, and the file stands in the way of every later read
      String damaged = RunDirectory.PROVENANCE + DAMAGED;
      if (!allowChangedData) {
        throw new RunFileException(dir.path(), RunDirectory.PROVENANCE + " is damaged (" + damage.get() + "), so nn"
            + " cannot check that the data is what the checkpoints were trained on; restore it, or give"
            + " --allow-changed-data to resume with the data as it is now (the damaged file is then kept as "
            + damaged + ")");
      }
      try {
        Files.move(dir.provenanceFile(), dir.path().resolve(damaged), StandardCopyOption.REPLACE_EXISTING);
      } catch (java.io.IOException e) {
        throw new RunFileException(dir.path(), RunDirectory.PROVENANCE + " is damaged (" + damage.get() + ") and"
            + " cannot be set aside as " + damaged + ": " + e.getMessage());
      }
      notices.accept(RunDirectory.PROVENANCE + " is damaged and kept as " + damaged + "; --allow-changed-data lets"
          + " the run go on with the data as it is now, unchecked, and with its plugins and experiment.yaml unchecked"
          + " too");
      return current.withOutcome(Map.of("allowed-changed-data", "unchecked: " + RunDirectory.PROVENANCE
          + " was damaged"));
    }
    if (!Files.isRegularFile(dir.provenanceFile()) && dir.latestCheckpoint().isPresent()) {
      // the data's SHA-256s are recorded there alone: without it a checkpoint could go on with other data (and
      // other plugins, and an edited experiment, which are recorded there too: the notice says so)
      if (!allowChangedData) {
        throw new RunFileException(dir.path(), RunDirectory.PROVENANCE + " is missing, so nn cannot check that the"
            + " data is what the checkpoints were trained on; restore it, or give --allow-changed-data to resume"
            + " with the data as it is now");
      }
      notices.accept(RunDirectory.PROVENANCE + " is missing, and --allow-changed-data lets the run go on with the"
          + " data as it is now, unchecked, and with its plugins and experiment.yaml unchecked too");
      return current.withOutcome(Map.of("allowed-changed-data", "unchecked: " + RunDirectory.PROVENANCE
          + " was missing"));
    }
    java.util.Optional<String> fromCode = current.samplesFromCodeMissing(dir.provenanceFile());
    if (fromCode.isPresent()) {
      // the experiment's sources stand in for samples only code can give: training on them is no resume at all
      throw new RunFileException(dir.path(), "the run trained on " + fromCode.get() + ", which are not given now,"
          + " and its experiment's data sources are placeholders for them; it cannot be resumed from its files"
          + " alone, with or without --allow-changed-data. Resume it in code with nn.resume(runDirectory, train,"
          + " validation, options), giving the same samples");
    }
    List<String> changed = current.dataChangedSince(dir.provenanceFile());
    if (changed.isEmpty()) {
      return current;
    }
    String files = String.join("; ", changed);
    if (!allowChangedData) {
      throw new RunFileException(dir.path(), "the data changed since the run started: " + files + ". Resuming "
          + "would train on other data; restore the data, or give --allow-changed-data to train on it anyway");
    }
    notices.accept("the data changed since the run started, and --allow-changed-data lets it train on: " + files);
    return current.withOutcome(Map.of("allowed-changed-data", files));
  }
}
