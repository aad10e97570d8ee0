package dev.nn.tests.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.api.Activation;
import dev.nn.core.config.ScheduleSpec;
import dev.nn.core.kernel.KernelChoice;
import dev.nn.core.kernel.Precision;
import dev.nn.core.network.Network;
import dev.nn.core.optim.AdamProvider;
import dev.nn.core.schedule.LearningRateSchedules;
import dev.nn.core.train.Samples;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainingOptions;
import dev.nn.activations.IdentityProvider;
import dev.nn.activations.ReluProvider;
import dev.nn.activations.TanhProvider;
import dev.nn.losses.SoftmaxCrossEntropyProvider;
import dev.nn.spi.Settings;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * nn's trainer against PyTorch 1.13's training loop: {@code engine/torch-training.txt} holds a 5-8-6-3 network
 * (tanh, relu, identity) as PyTorch initialised it, 40 seeded samples of 3 classes, and the network after 3 epochs of
 * 5 batches of 8 in float64 with softmax cross-entropy, Adam (0.01), a linear warm-up over 10 updates, the loss's
 * gradient clipped to norm 0.5 and an L2 term of 0.01 on the weights (written by {@code engine/torch_training.py},
 * beside it). nn's trainer, with the same settings, from the same start, on the same batches, must end with the same
 * parameters (within 1e-15; measured 1.1e-16 on each backend) and report the same epoch losses, on the Java kernels
 * and on OpenBLAS at 1 and 2 threads. Without the clipping, or without the L2 term, it fails.
 */
class TrainingAgainstPyTorchTests {
  private static final int[] WIDTHS = {5, 8, 6, 3};

  private static Map<String, double[]> fixture() throws IOException {
    return TorchFixture.read("/engine/torch-training.txt");
  }

  @ParameterizedTest
  @CsvSource({"java, 1", "blas, 1", "blas, 2"})
  void threeEpochsEndWithPyTorchsParameters(String backend, int threads) throws IOException {
    Map<String, double[]> f = fixture();
    List<Activation> phis = List.of(new TanhProvider().create(Settings.empty("tanh")),
        new ReluProvider().create(Settings.empty("relu")), new IdentityProvider().create(Settings.empty("identity")));
    Network net = new Network(WIDTHS, phis, List.of("tanh", "relu", "identity"),
        KernelChoice.choose(backend, threads, Precision.FLOAT64, "auto", null, WIDTHS, 8).kernels());
    net.parameters().load(f.get("start"));
    double[] classes = f.get("y");
    double[] y = new double[classes.length * 3];
    for (int r = 0; r < classes.length; r++) {
      y[r * 3 + (int) classes[r]] = 1;
    }
    Samples samples = new Samples(f.get("x"), y, classes.length, 5, 3);
    TrainingOptions options = new TrainingOptions(3, 8, false, 0.01, 11, 0, TrainingOptions.Monitor.VAL_LOSS, 0.0,
        0.5);
    Trainer trainer = new Trainer(net, new SoftmaxCrossEntropyProvider().create(Settings.empty("softmax")),
        new AdamProvider().create(Settings.empty("adam")),
        LearningRateSchedules.create(0.01, new ScheduleSpec.Constant(), 10), options, List.of());
    for (int epoch = 1; epoch <= 3; epoch++) {
      double mean = trainer.runEpoch(samples);
      double torch = f.get("epoch" + epoch)[0];
      assertEquals(torch, mean, 1e-13 * torch, "epoch " + epoch + "'s mean loss");
    }
    double[] end = f.get("end");
    double[] ours = net.parameters().toArray();
    double worst = 0;
    double moved = 0;
    double[] start = f.get("start");
    for (int i = 0; i < end.length; i++) {
      worst = Math.max(worst, Math.abs(ours[i] - end[i]));
      moved = Math.max(moved, Math.abs(end[i] - start[i]));
    }
    assertTrue(worst <= 1e-15, backend + " × " + threads + ": " + worst + " from PyTorch's parameters");
    assertTrue(moved > 0.01, "training moved the parameters: " + moved);
  }
}
