package dev.nn.tests.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.api.Activation;
import dev.nn.core.config.ScheduleSpec;
import dev.nn.core.kernel.KernelChoice;
import dev.nn.core.kernel.Precision;
import dev.nn.core.network.Network;
import dev.nn.core.optim.SgdProvider;
import dev.nn.core.schedule.LearningRateSchedules;
import dev.nn.core.train.Samples;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainingOptions;
import dev.nn.activations.IdentityProvider;
import dev.nn.activations.TanhProvider;
import dev.nn.losses.SoftmaxCrossEntropyProvider;
import dev.nn.spi.Settings;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Row weights against PyTorch 1.13: {@code engine/torch-row-weights.txt} holds a 4-7-3 network (tanh, identity) as
 * PyTorch initialised it, 30 seeded rows of 3 classes with a weight each (every seventh weighs 0), and the network
 * after 2 epochs of 5 batches of 6 in float64 with plain SGD (0.2) on {@code (cross_entropy(z, y, reduction="none") *
 * w).mean()} (written by {@code engine/torch_row_weights.py}, beside it). nn's trainer on the same rows carrying the
 * same weights must end with the same parameters and report the same epoch losses, on the Java kernels and on
 * OpenBLAS at 1 and 2 threads; without the weights it ends elsewhere.
 */
class RowWeightsAgainstPyTorchTests {
  private static final int[] WIDTHS = {4, 7, 3};

  private static Map<String, double[]> fixture() throws IOException {
    return TorchFixture.read("/engine/torch-row-weights.txt");
  }

  private static double[] train(Map<String, double[]> f, String backend, int threads, boolean weighted,
      double[] epochLosses) {
    List<Activation> phis = List.of(new TanhProvider().create(Settings.empty("tanh")),
        new IdentityProvider().create(Settings.empty("identity")));
    Network net = new Network(WIDTHS, phis, List.of("tanh", "identity"),
        KernelChoice.choose(backend, threads, Precision.FLOAT64, "auto", null, WIDTHS, 6).kernels());
    net.parameters().load(f.get("start"));
    double[] classes = f.get("y");
    double[] y = new double[classes.length * 3];
    for (int r = 0; r < classes.length; r++) {
      y[r * 3 + (int) classes[r]] = 1;
    }
    Samples samples = new Samples(f.get("x"), y, classes.length, 4, 3).withWeights(weighted ? f.get("w") : null);
    TrainingOptions options = new TrainingOptions(2, 6, false, 0.0, 5, 0, TrainingOptions.Monitor.VAL_LOSS, 0.0);
    Trainer trainer = new Trainer(net, new SoftmaxCrossEntropyProvider().create(Settings.empty("softmax")),
        new SgdProvider().create(Settings.empty("sgd")),
        LearningRateSchedules.create(0.2, new ScheduleSpec.Constant(), 0), options, List.of());
    for (int epoch = 1; epoch <= 2; epoch++) {
      epochLosses[epoch - 1] = trainer.runEpoch(samples);
    }
    return net.parameters().toArray();
  }

  private static double worst(double[] a, double[] b) {
    double worst = 0;
    for (int i = 0; i < a.length; i++) {
      worst = Math.max(worst, Math.abs(a[i] - b[i]));
    }
    return worst;
  }

  @ParameterizedTest
  @CsvSource({"java, 1", "blas, 1", "blas, 2"})
  void twoEpochsOfWeightedRowsEndWithPyTorchsParameters(String backend, int threads) throws IOException {
    Map<String, double[]> f = fixture();
    double[] losses = new double[2];
    double[] ours = train(f, backend, threads, true, losses);
    for (int epoch = 1; epoch <= 2; epoch++) {
      double torch = f.get("epoch" + epoch)[0];
      assertEquals(torch, losses[epoch - 1], 1e-13 * torch, "epoch " + epoch + "'s mean loss");
    }
    double fromTorch = worst(ours, f.get("end"));
    assertTrue(fromTorch <= 1e-15, backend + " × " + threads + ": " + fromTorch + " from PyTorch's parameters");
    double unweighted = worst(train(f, backend, threads, false, new double[2]), f.get("end"));
    assertTrue(unweighted > 1e-3, "without the weights: " + unweighted + " from PyTorch's parameters");
  }
}
