package dev.nn.core.bench;

import dev.nn.core.config.Experiment;
import dev.nn.core.kernel.Kernels;
import dev.nn.core.kernel.Matrix;
import dev.nn.core.experiment.PreparedData;
import dev.nn.core.experiment.TrainerFactory;
import dev.nn.core.network.Network;
import dev.nn.core.plugin.PluginRegistry;
import dev.nn.core.network.Workspace;
import dev.nn.core.train.Samples;
import dev.nn.core.train.Trainer;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Times an experiment through the classes {@code nn train} uses. Training: whole epochs of the
 * {@link Trainer} (shuffle, mini-batches, forward, backward, optimizer step). Inference: the network's
 * forward pass over the training samples in batches of the experiment's batch size. One warm-up period,
 * then {@code repetitions} timed periods of at least {@code minSeconds} each; the figures are samples per
 * second.
 */
public final class Benchmark {
  private final Experiment experiment;
  private final PreparedData data;
  private final Network network;
  private final TrainerFactory trainers;
  private final PluginRegistry registry;

  @Inject
  Benchmark(Experiment experiment, PreparedData data, Network network, TrainerFactory trainers,
      PluginRegistry registry) {
    this.experiment = experiment;
    this.data = data;
    this.network = network;
    this.trainers = trainers;
    this.registry = registry;
  }

  /** Samples per second of training, epoch after epoch, over {@code repetitions} periods of {@code minSeconds}. */
  public BenchResult train(int repetitions, double minSeconds) {
    check(repetitions, minSeconds);
    Trainer trainer = trainers.create(List.of());
    Samples samples = data.trainSamples();
    Runnable epoch = () -> trainer.runEpoch(samples);
    return registry.attributing("during the benchmark", () -> measure(experiment.name(), "train", epoch,
        samples.rows(), Flops.training(network.widths()), network.kernels(), repetitions, minSeconds));
  }

  /** Samples per second of inference: forward passes in batches of the experiment's batch size. */
  public BenchResult infer(int repetitions, double minSeconds) {
    check(repetitions, minSeconds);
    Samples samples = data.trainSamples();
    int batch = experiment.training().batchSize();
    Workspace ws = network.newWorkspace(batch);
    int full = samples.rows() / batch * batch;
    if (full == 0) {
      throw new IllegalArgumentException(experiment.name() + ": fewer samples than one batch of " + batch);
    }
    Runnable pass = () -> {
      for (int start = 0; start < full; start += batch) {
        samples.loadInputs(start, batch, ws);
        network.infer(ws, batch);
      }
    };
    return registry.attributing("during the benchmark", () -> measure(experiment.name(), "infer", pass, full,
        Flops.forward(network.widths()), network.kernels(), repetitions, minSeconds));
  }

  /**
   * Samples per second of this experiment's matrix products alone, through its kernels, with nothing around
   * them: per batch, the product of each layer's forward pass and, when {@code training}, each layer's weight
   * gradient folded into an SGD step and the input gradient of layers 2 … L+1, as {@code nn train} issues them
   * for plain SGD (at batch size 1 both of a layer in one pass over its weights: {@link Kernels#propagateAndStep}).
   * No data is loaded and no activation, loss, bias or optimizer state is computed, so this is the rate a
   * framework on these kernels could reach if everything but its matrix products took no time; the gap to
   * {@link #train} or {@link #infer} is what the rest costs. The operands are fixed random values of moderate
   * size (no overflow, no subnormals); the weights take steps of 10⁻⁶.
   */
  public BenchResult products(boolean training, int repetitions, double minSeconds) {
    check(repetitions, minSeconds);
    int[] widths = network.widths();
    int batch = experiment.training().batchSize();
    Kernels kernels = network.kernels();
    int layers = widths.length - 1;
    Matrix[] x = new Matrix[layers + 1];
    Matrix[] z = new Matrix[layers + 1];
    Matrix[] delta = new Matrix[layers + 1];
    Matrix[] w = new Matrix[layers + 1];
    SplittableRandom random = new SplittableRandom(1);
    for (int l = 0; l <= layers; l++) {
      x[l] = filled(kernels, batch * widths[l], random);
      z[l] = kernels.allocate(batch * widths[l]);
      delta[l] = filled(kernels, batch * widths[l], random);
      if (l > 0) {
        w[l] = filled(kernels, widths[l - 1] * widths[l], random);
      }
    }
    int batches = Math.max(1, data.trainSamples().rows() / batch);
    Runnable pass = () -> {
      for (int b = 0; b < batches; b++) {
        for (int l = 1; l <= layers; l++) {
          kernels.gemm(false, false, batch, widths[l], widths[l - 1], 1.0, x[l - 1], 0, widths[l - 1], w[l], 0,
              widths[l], 0.0, z[l], 0, widths[l]);
        }
        if (training) {
          for (int l = layers; l >= 1; l--) {
            int in = widths[l - 1];
            int out = widths[l];
            if (l >= 2 && batch == 1) {
              // at batch size 1 training computes δ(l−1) and steps W(l) in one pass over W(l)
              kernels.propagateAndStep(in, out, -1e-6, 1.0, x[l - 1], 0, delta[l], 0, w[l], 0, z[l - 1], 0);
              continue;
            }
            if (l >= 2) {
              kernels.gemm(false, true, batch, in, out, 1.0, delta[l], 0, out, w[l], 0, out, 0.0, z[l - 1], 0, in);
            }
            kernels.gemm(true, false, in, out, batch, -1e-6, x[l - 1], 0, in, delta[l], 0, out, 1.0, w[l], 0, out);
          }
        }
      }
    };
    double flops = training ? Flops.training(widths) : Flops.forward(widths);
    return measure(experiment.name(), "products", pass, batches * batch, flops, kernels, repetitions, minSeconds);
  }

  /** A matrix of {@code length} values drawn uniformly from ±[0.5, 1) · 0.1. */
  private static Matrix filled(Kernels kernels, int length, SplittableRandom random) {
    Matrix m = kernels.allocate(length);
    for (int i = 0; i < length; i++) {
      m.set(i, (random.nextBoolean() ? 0.1 : -0.1) * random.nextDouble(0.5, 1.0));
    }
    return m;
  }

  private static void check(int repetitions, double minSeconds) {
    if (repetitions < 1 || !(minSeconds > 0)) {
      throw new IllegalArgumentException("need at least 1 repetition of more than 0 s, found " + repetitions + " of "
          + minSeconds + " s");
    }
  }

  private static BenchResult measure(String name, String mode, Runnable pass, int samplesPerPass, double flops,
      Kernels kernels, int repetitions, double minSeconds) {
    timedRepetition(pass, samplesPerPass, minSeconds); // warm-up: the JIT compiles the hot loops
    double[] rates = new double[repetitions];
    double total = 0;
    for (int r = 0; r < repetitions; r++) {
      double[] rep = timedRepetition(pass, samplesPerPass, minSeconds);
      rates[r] = rep[0];
      total += rep[1];
    }
    Arrays.sort(rates);
    double median = repetitions % 2 == 1 ? rates[repetitions / 2]
        : (rates[repetitions / 2 - 1] + rates[repetitions / 2]) / 2;
    return new BenchResult(name, mode, median, rates[0], rates[repetitions - 1], flops, repetitions, total,
        kernels.description(), kernels.precision().yamlName());
  }

  /** Runs passes until {@code minSeconds} have gone by; returns {samples/s, seconds}. */
  private static double[] timedRepetition(Runnable pass, int samplesPerPass, double minSeconds) {
    long start = System.nanoTime();
    long samples = 0;
    double elapsed;
    do {
      pass.run();
      samples += samplesPerPass;
      elapsed = (System.nanoTime() - start) / 1e9;
    } while (elapsed < minSeconds);
    return new double[] {samples / elapsed, elapsed};
  }
}
