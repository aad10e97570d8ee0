package dev.nn.core.run;

import dev.nn.core.train.EpochReport;
import dev.nn.core.train.TrainerState;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks a checkpoint's fields against each other and against its file's name, as a model file's weights are
 * checked. The archive's checksums catch a file damaged by accident, not one edited by hand or written by another
 * program with its sums made anew: without these checks such a state resumed as if it were true — NaN parameters
 * reported as a divergence, negative updates failing in the schedule as a bug of nn, an epoch that disagrees with
 * the file's name training the epochs before it again. Every state a trainer takes passes (see {@link
 * dev.nn.core.train.Trainer}): a diverged epoch is never saved, each batch is one update, and an epoch's report
 * records the updates at its end.
 */
final class CheckpointChecks {
  private static final String HEADER = CheckpointFile.HEADER;

  private CheckpointChecks() {}

  /**
   * Checks {@code s}, read from {@code file}.
   *
   * @throws RunFileException naming the file, the field, its value and what it may be
   */
  static void check(Path file, TrainerState s) {
    checkName(file, s);
    checkHistory(file, s);
    checkUpdates(file, s);
    checkBest(file, s);
    finite(file, CheckpointFile.PARAMS, s.params());
    if (s.bestParams() != null) {
      finite(file, CheckpointFile.BEST, s.bestParams());
    }
    noNaN(file, s.optimizerState());
    if (s.within() != null) {
      checkWithin(file, s.within());
    }
  }

  /** The epoch inside against the one the name gives: a resume takes the name's word when it picks the newest. */
  private static void checkName(Path file, TrainerState s) {
    long named = Checkpoints.epochOf(file);
    long partial = Checkpoints.partialEpochOf(file);
    if (named >= 0 && s.within() != null) {
      throw corrupted(file, HEADER + " gives \"within-epoch\", though the file's name is of a checkpoint at the end"
          + " of epoch " + named);
    }
    if (named >= 0 && s.epoch() != named) {
      throw corrupted(file, HEADER + ": \"epoch\" is " + s.epoch() + ", but the file's name is of epoch " + named
          + "; a checkpoint's epoch is the one its name gives");
    }
    if (partial >= 0 && s.within() == null) {
      throw corrupted(file, "holds no position within its epoch, though its name says it was taken partway through"
          + " one");
    }
    if (partial >= 0 && s.epoch() != partial - 1) {
      throw corrupted(file, HEADER + ": \"epoch\" is " + s.epoch() + ", but the file's name says it was taken"
          + " partway through epoch " + partial + ", after " + (partial - 1) + " completed epochs");
    }
  }

  /** One report for each epoch completed, in order, its updates growing. */
  private static void checkHistory(Path file, TrainerState s) {
    List<EpochReport> history = s.history();
    if (history.size() != s.epoch()) {
      throw corrupted(file, HEADER + ": \"epoch\" is " + s.epoch() + ", but " + CheckpointFile.HISTORY + " holds "
          + history.size() + " epochs; it holds the report of every epoch completed");
    }
    long before = 0;
    for (int i = 0; i < history.size(); i++) {
      EpochReport r = history.get(i);
      if (r.epoch() != i + 1) {
        throw corrupted(file, CheckpointFile.HISTORY + " line " + (i + 2) + " is of epoch " + r.epoch()
            + "; its lines are of epochs 1, 2, 3, … in order, so this one is of epoch " + (i + 1));
      }
      if (r.updates() < before) {
        throw corrupted(file, CheckpointFile.HISTORY + " line " + (i + 2) + " records " + r.updates()
            + " updates after epoch " + r.epoch() + ", fewer than the " + before + " before it; updates only grow");
      }
      before = r.updates();
    }
  }

  /**
   * The updates: at an epoch's end, those its report records; within an epoch, one more for each of its batches
   * trained. An absurd count would go on into the summary and the schedule's η(t).
   */
  private static void checkUpdates(Path file, TrainerState s) {
    if (s.updates() < 0) {
      throw corrupted(file, HEADER + ": \"updates\" is " + s.updates() + "; the updates applied are 0 or more");
    }
    List<EpochReport> history = s.history();
    long atEpochEnd = history.isEmpty() ? 0 : history.get(history.size() - 1).updates();
    int batches = s.within() == null ? 0 : s.within().batches();
    if (s.updates() != atEpochEnd + batches) {
      throw corrupted(file, HEADER + ": \"updates\" is " + s.updates() + ", but " + (history.isEmpty()
          ? "no epoch was completed" : CheckpointFile.HISTORY + " records " + atEpochEnd + " after epoch "
              + s.epoch())
          + (s.within() == null ? "" : ", and " + batches + " batches of the next were trained since") + ": it must be "
          + (atEpochEnd + batches));
    }
  }

  /** The best epoch is one of those completed, and the epochs without improvement are too. */
  private static void checkBest(Path file, TrainerState s) {
    if (s.bestEpoch() > s.epoch()) {
      throw corrupted(file, HEADER + ": \"best-epoch\" is " + s.bestEpoch() + ", beyond epoch " + s.epoch()
          + "; the best epoch is one of those completed (0 to " + s.epoch() + ")");
    }
    if (s.epochsWithoutImprovement() > s.epoch()) {
      throw corrupted(file, HEADER + ": \"epochs-without-improvement\" is " + s.epochsWithoutImprovement()
          + ", more than the " + s.epoch() + " epochs completed (0 to " + s.epoch() + ")");
    }
    if (s.bestParams() != null && s.bestEpoch() == 0) {
      throw corrupted(file, HEADER + ": \"best-params\" is given, but \"best-epoch\" is 0; the best epoch's"
          + " parameters are of one of the epochs completed (1 to " + s.epoch() + ")");
    }
    if (s.bestParams() != null && s.bestParams().length != s.params().length) {
      throw corrupted(file, HEADER + ": \"best-params\" counts " + s.bestParams().length + " parameters and"
          + " \"params\" " + s.params().length + "; both are the network's parameters");
    }
  }

  /** Parameters, as a model's weights: a state whose parameters are not finite numbers diverged and is not saved. */
  private static void finite(Path file, String entry, double[] values) {
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw corrupted(file, entry + " holds " + values[i] + " at parameter " + i + "; a checkpoint's parameters"
            + " are finite numbers, as a model's weights are (a diverged epoch is never saved)");
      }
    }
  }

  /**
   * An optimizer's state holds a NaN only from NaN gradients or parameters, after which the epoch diverged and was
   * not saved. An infinite value may be true: a squared gradient's running sum (Adam's, Adagrad's) can overflow
   * while every step stays finite.
   */
  private static void noNaN(Path file, double[][] blocks) {
    for (int b = 0; b < blocks.length; b++) {
      for (int i = 0; i < blocks[b].length; i++) {
        if (Double.isNaN(blocks[b][i])) {
          throw corrupted(file, CheckpointFile.OPTIMIZER + " holds NaN at value " + i + " of parameter block " + b
              + "; an optimizer's state holds numbers (infinite ones too), never NaN: a diverged epoch is never"
              + " saved");
        }
      }
    }
  }

  /** The sum of the batches' finite losses, and a time. */
  private static void checkWithin(Path file, TrainerState.Within w) {
    if (!Double.isFinite(w.lossSum())) {
      throw corrupted(file, HEADER + ": within-epoch: \"loss-sum\" is " + w.lossSum() + "; the losses of the"
          + " batches trained are finite numbers");
    }
    if (!(w.seconds() >= 0 && w.seconds() < Double.POSITIVE_INFINITY)) {
      throw corrupted(file, HEADER + ": within-epoch: \"seconds\" is " + w.seconds() + "; a time is 0 or more");
    }
  }

  private static RunFileException corrupted(Path file, String problem) {
    return new RunFileException(file, problem + " (corrupted)");
  }
}
