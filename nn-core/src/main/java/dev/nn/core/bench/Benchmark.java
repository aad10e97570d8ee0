package dev.nn.core.bench;

import com.google.inject.Injector;
import dev.nn.core.config.Experiment;
import dev.nn.core.experiment.PreparedData;
import dev.nn.core.inject.NnModules;
import dev.nn.core.network.Network;
import dev.nn.core.network.Workspace;
import dev.nn.core.plugin.PluginRegistry;
import dev.nn.core.train.Samples;
import dev.nn.core.train.Trainer;
import java.util.Arrays;

/**
 * Times an experiment through the classes {@code nn train} uses. Training: whole epochs of the
 * {@link Trainer} (shuffle, mini-batches, forward, backward, optimizer step). Inference: the network's
 * forward pass over the training samples in batches of the experiment's batch size. One warm-up period,
 * then {@code repetitions} timed periods of at least {@code minSeconds} each; the figures are samples per
 * second.
 */
public final class Benchmark {
  private final PluginRegistry registry;
  private final int repetitions;
  private final double minSeconds;

  /** A benchmark with the given repetitions of at least {@code minSeconds} each. */
  public Benchmark(PluginRegistry registry, int repetitions, double minSeconds) {
    if (repetitions < 1 || !(minSeconds > 0)) {
      throw new IllegalArgumentException("need at least 1 repetition of more than 0 s, found " + repetitions + " of "
          + minSeconds + " s");
    }
    this.registry = registry;
    this.repetitions = repetitions;
    this.minSeconds = minSeconds;
  }

  /** Samples per second of training, epoch after epoch. */
  public BenchResult train(Experiment experiment) {
    Injector injector = NnModules.injector(NnModules.forRun(experiment, registry));
    Trainer trainer = injector.getInstance(Trainer.class);
    Samples samples = injector.getInstance(PreparedData.class).trainSamples();
    Network network = trainer.network();
    Runnable epoch = () -> trainer.runEpoch(samples);
    return measure(experiment.name(), "train", epoch, samples.rows(), Flops.training(network.widths()),
        network.kernels().description());
  }

  /** Samples per second of inference: forward passes in batches of the experiment's batch size. */
  public BenchResult infer(Experiment experiment) {
    Injector injector = NnModules.injector(NnModules.forRun(experiment, registry));
    Network network = injector.getInstance(Network.class);
    Samples samples = injector.getInstance(PreparedData.class).trainSamples();
    int batch = experiment.training().batchSize();
    Workspace ws = network.newWorkspace(batch);
    int full = samples.rows() / batch * batch;
    if (full == 0) {
      throw new IllegalArgumentException(experiment.name() + ": fewer samples than one batch of " + batch);
    }
    Runnable pass = () -> {
      for (int start = 0; start < full; start += batch) {
        ws.setInput(samples.x(), start * samples.inputs(), batch);
        network.infer(ws, batch);
      }
    };
    return measure(experiment.name(), "infer", pass, full, Flops.forward(network.widths()), network.kernels().description());
  }

  private BenchResult measure(String name, String mode, Runnable pass, int samplesPerPass, double flops,
      String backend) {
    timedRepetition(pass, samplesPerPass); // warm-up: the JIT compiles the hot loops
    double[] rates = new double[repetitions];
    double total = 0;
    for (int r = 0; r < repetitions; r++) {
      double[] rep = timedRepetition(pass, samplesPerPass);
      rates[r] = rep[0];
      total += rep[1];
    }
    Arrays.sort(rates);
    double median = repetitions % 2 == 1 ? rates[repetitions / 2]
        : (rates[repetitions / 2 - 1] + rates[repetitions / 2]) / 2;
    return new BenchResult(name, mode, median, rates[0], rates[repetitions - 1], flops, repetitions, total, backend);
  }

  /** Runs passes until {@code minSeconds} have gone by; returns {samples/s, seconds}. */
  private double[] timedRepetition(Runnable pass, int samplesPerPass) {
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
