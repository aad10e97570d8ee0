package dev.nn.core.stability;

import dev.nn.api.TargetKind;
import dev.nn.core.config.Experiment;
import dev.nn.core.data.Dataset;
import dev.nn.core.experiment.PreparedData;
import dev.nn.core.inject.NnModules;
import dev.nn.core.plugin.PluginRegistry;
import dev.nn.core.random.RandomStream;
import dev.nn.core.train.Divergence;
import dev.nn.core.train.EpochReport;
import dev.nn.core.train.Samples;
import dev.nn.core.train.TrainingDivergedException;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The lecture's stability claim, measured: pairs of runs of one experiment that make the same random choices
 * (same initial weights, same shuffle order by position) on training sets S and S′ that differ in one sample,
 * the sample at a position of the training split replaced by a held-out row. After every epoch (and every
 * {@code --every} updates) it records the distance between the two runs' parameters, how their losses differ on
 * the replaced sample and on the test split, and each run's generalisation gap; for logistic regression trained
 * by plain SGD it adds the bound of {@link ConvexBound}.
 *
 * <p>The trainer's order depends on positions only (the {@code SHUFFLE} stream of (seed, epoch) permutes
 * 0 … n−1), so putting other numbers at one position keeps every other choice. Early stopping does not apply:
 * both runs take every epoch of the experiment.
 *
 * <p>A study runs once: {@link #run} stops both runs' kernel threads when it ends.
 */
public final class StabilityStudy {
  private final StabilitySide first;
  private final StabilitySide second;
  private final PluginRegistry registry;

  /** Two sides built from two injectors of one experiment, whose plugins come from {@code registry}. */
  StabilityStudy(StabilitySide first, StabilitySide second, PluginRegistry registry) {
    this.first = first;
    this.second = second;
    this.registry = registry;
  }

  /**
   * A study of {@code experiment}: its network, data and trainer built twice, by two injectors, exactly as
   * {@code nn train} builds them, so both sides start from the same weights.
   */
  public static StabilityStudy of(Experiment experiment, PluginRegistry registry) {
    StabilitySide first = NnModules.create(StabilitySide.class, NnModules.forRun(experiment, registry));
    try {
      return new StabilityStudy(first, NnModules.create(StabilitySide.class, NnModules.forRun(experiment, registry)),
          registry);
    } catch (RuntimeException e) {
      first.close();
      throw e;
    }
  }

  /**
   * Trains the pairs, writes the study's folder and returns what it measured.
   *
   * @throws StabilityException when there is no held-out row, or the replace index is outside the training split
   * @throws dev.nn.core.train.TrainingDivergedException when a run's loss becomes NaN or infinite, or grows as
   *     nn train's {@link Divergence} rules refuse (no folder is
   *     left behind)
   */
  public StabilityResult run(StabilityOptions options) {
    return run(options, line -> { });
  }

  /**
   * {@link #run(StabilityOptions)}, telling {@code progress} as each pair of runs is trained ("pair 2 of 6
   * trained"): a study trains its pairs one after the other, and its figures are the means over all of them.
   */
  public StabilityResult run(StabilityOptions options, java.util.function.Consumer<String> progress) {
    try {
      StabilityResult result = registry.attributing("during the stability study", () -> measure(options, progress));
      return result.writtenTo(StabilityFiles.write(result, options.outputDir() != null ? options.outputDir()
          : first.experiment.output().dir().resolved()));
    } finally {
      first.close();
      second.close();
    }
  }

  private StabilityResult measure(StabilityOptions options, java.util.function.Consumer<String> progress) {
    PreparedData data = first.data;
    Samples train = data.trainSamples();
    int n = train.rows();
    HeldOutRows heldOut = HeldOutRows.of(first.experiment, data);
    if (!options.self() && heldOut.pool() == null) {
      throw new StabilityException("experiment " + first.experiment.name() + " has no held-out row to replace a "
          + "training sample with: give it data.validation or data.test (a split such as {split: 0.2}, or a source)");
    }
    if (options.replaceIndex() >= n) {
      throw new StabilityException("--replace " + options.replaceIndex() + " is outside the training split, which has "
          + n + " samples: use 0 … " + (n - 1) + " or random");
    }
    Samples pool = heldOut.pool() == null ? null : samplesOf(heldOut.pool(), data.targets());
    Samples test = heldOut.test() == null ? null : samplesOf(heldOut.test(), data.targets());
    int batch = first.options.batchSize();
    int perEpoch = (n + batch - 1) / batch;
    long total = (long) first.options.epochs() * perEpoch;
    double[] stepSums = stepSums(total, perEpoch);
    ConvexBound bound = ConvexBound.assess(first, train, pool == null ? train : pool, rates(total, perEpoch));
    List<StabilityPoint> points = new ArrayList<>();
    for (int p = 0; p < options.pairs(); p++) {
      RandomGenerator random = RandomStream.STABILITY.generator(first.experiment.seed(), p);
      int replaced = options.replaceIndex() == StabilityOptions.RANDOM ? random.nextInt(n) : options.replaceIndex();
      int replacement = options.self() ? replaced : random.nextInt(pool.rows());
      Samples other = options.self() ? row(train, replaced) : row(pool, replacement);
      Samples changed = replace(train, replaced, other);
      Samples removed = row(train, replaced);
      first.restart();
      second.restart();
      Epochs firstEpochs = new Epochs(first, train);
      Epochs secondEpochs = new Epochs(second, changed);
      long done = 0;
      while (done < total) {
        long next = nextRecord(done, perEpoch, options.every(), total);
        int count = (int) (next - done);
        first.run(train, done, count);
        second.run(changed, done, count);
        done = next;
        // each side's loss on its own training rows: the point's gaps, and at an epoch's end its divergence check
        double trainW = first.loss(train);
        double trainV = second.loss(changed);
        if (done % perEpoch == 0) {
          firstEpochs.ended(done, perEpoch, trainW);
          secondEpochs.ended(done, perEpoch, trainV);
        }
        points.add(point(p, replaced, replacement, done, perEpoch, trainW, trainV, removed, test,
            bound.at(stepSums[(int) done])));
      }
      progress.accept("pair " + (p + 1) + " of " + options.pairs() + " trained");
    }
    return new StabilityResult(first.experiment.name(), options, n, first.options.epochs(),
        options.self() ? "itself (control)" : heldOut.description(), points, bound.applies(),
        bound.refusal(), bound.lipschitz(), bound.smoothness(), null);
  }

  /**
   * The epochs one side has trained in a pair, checked at each end as nn train checks its epochs
   * ({@link Divergence}): a loss that grew a thousandfold stops the study as it stops a run, instead of measuring
   * the distance between two diverged networks. An epoch's training loss is the mean loss of its parameters on
   * the training rows at its end, the untrained network's standing for the first batch's.
   */
  private static final class Epochs {
    private final double untrained;
    private final List<EpochReport> history = new ArrayList<>();

    Epochs(StabilitySide side, Samples rows) {
      this.untrained = side.loss(rows);
    }

    /** Checks the epoch that ended after {@code updates}, whose parameters' mean loss on the rows is {@code loss}. */
    void ended(long updates, int perEpoch, double loss) {
      int epoch = (int) ((updates + perEpoch - 1) / perEpoch);
      if (!Double.isFinite(loss)) {
        throw new TrainingDivergedException(epoch, updates, loss);
      }
      EpochReport report = new EpochReport(epoch, updates, Double.NaN, loss, null, 0);
      Divergence.check(history, report, untrained);
      history.add(report);
    }
  }

  /** The update count of the next record after {@code done}: the next epoch end or multiple of {@code every}. */
  static long nextRecord(long done, int perEpoch, int every, long total) {
    long epochEnd = (done / perEpoch + 1) * perEpoch;
    long next = epochEnd;
    if (every > 0) {
      next = Math.min(next, (done / every + 1) * every);
    }
    return Math.min(next, total);
  }

  private StabilityPoint point(int pair, int replaced, int replacement, long updates, int perEpoch, double trainW,
      double trainV, Samples removed, Samples test, double bound) {
    double[] w = first.parameters();
    double[] v = second.parameters();
    double diff = 0;
    double norm = 0;
    for (int i = 0; i < w.length; i++) {
      double d = w[i] - v[i];
      diff += d * d;
      norm += w[i] * w[i];
    }
    double distance = Math.sqrt(diff);
    double relative = norm == 0 ? (distance == 0 ? 0 : Double.POSITIVE_INFINITY) : distance / Math.sqrt(norm);
    double replacedDiff = second.loss(removed) - first.loss(removed);
    double testW = test == null ? Double.NaN : first.loss(test);
    double testV = test == null ? Double.NaN : second.loss(test);
    double gap = testW - trainW;
    double gapPrime = testV - trainV;
    return new StabilityPoint(pair, replaced, replacement, (double) updates / perEpoch, updates, distance, relative,
        replacedDiff, testV - testW, gap, gapPrime, bound);
  }

  /** α_1 … α_T as the schedule gives them; update u (from 1) belongs to epoch ⌈u / perEpoch⌉. */
  private double[] rates(long total, int perEpoch) {
    double[] rates = new double[(int) total];
    for (int u = 1; u <= total; u++) {
      rates[u - 1] = first.schedule.rate(u, (u - 1) / perEpoch + 1);
    }
    return rates;
  }

  /** Σ_{u ≤ t} α_u for t = 0 … T. */
  private double[] stepSums(long total, int perEpoch) {
    double[] rates = rates(total, perEpoch);
    double[] sums = new double[rates.length + 1];
    for (int t = 1; t < sums.length; t++) {
      sums[t] = sums[t - 1] + rates[t - 1];
    }
    return sums;
  }

  /** {@code s} with row {@code at} replaced by the one row of {@code other}; {@code s} is not changed. */
  static Samples replace(Samples s, int at, Samples other) {
    return s.withRow(at, other, 0);
  }

  /** Row {@code r} of {@code s} as samples of its own. */
  static Samples row(Samples s, int r) {
    return s.rows(new int[] {r});
  }

  /** A held-out split as samples, in the target encoding the loss reads (−1/+1 classes for a signed loss). */
  private static Samples samplesOf(Dataset d, TargetKind kind) {
    Samples rows = PreparedData.rows(d);
    if (kind != TargetKind.SIGNED) {
      return rows;
    }
    double[] y = rows.y();
    for (int i = 0; i < y.length; i++) {
      y[i] = y[i] == 0.0 ? -1.0 : 1.0;
    }
    return rows;
  }
}
