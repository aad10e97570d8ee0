package dev.nn.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.api.Optimizer;
import dev.nn.core.kernel.KernelChoice;
import dev.nn.core.kernel.Kernels;
import dev.nn.core.kernel.Precision;
import dev.nn.core.network.Network;
import dev.nn.core.optim.SgdProvider;
import dev.nn.core.testing.Plugins;
import dev.nn.spi.Settings;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Plain SGD in float32 takes its step on the batch's summed gradient wherever a fused step would round W after every
 * row: on the Java kernels, whose product adds each row's share to W in turn. A cluster's synchronous run steps on
 * the summed gradient, and one process ended 1,000 times farther from float64 than it (digits, 3 epochs).
 */
class Float32StepTests {
  private static final Optimizer CORE_SGD = new SgdProvider().create(Settings.empty("sgd"));
  private static final int[] WIDTHS = {2, 8, 1};

  private static Kernels kernels(String backend) {
    return KernelChoice.choose(backend, 1, Precision.FLOAT32, "auto", null, WIDTHS, 16).kernels();
  }

  private static Network network(Kernels kernels) {
    Network net = new Network(WIDTHS, List.of(Plugins.TANH, Plugins.IDENTITY), List.of("tanh", "identity"), kernels);
    SplittableRandom rnd = new SplittableRandom(3);
    double[] theta = new double[net.parameters().size()];
    for (int k = 0; k < theta.length; k++) {
      theta[k] = rnd.nextDouble(-0.5, 0.5);
    }
    net.parameters().load(theta);
    return net;
  }

  private static ParameterUpdate update(Network network, int batchSize) {
    return ParameterUpdate.choose(network, CORE_SGD, new Optimizer.Updater[0], 0.0, 0.0, batchSize);
  }

  @Test
  void theStepIsFusedOnlyWhereWIsRoundedOncePerStep() {
    Kernels java = kernels("java");
    assertFalse(java.sumsProductsBeforeAddingToC());
    assertInstanceOf(OptimizerUpdate.class, update(network(java), 16), "java float32, a batch of 16: summed first");
    assertInstanceOf(FusedSgdUpdate.class, update(network(java), 1), "one row: one rounding either way");
    Kernels blas = kernels("blas");
    assertTrue(blas.sumsProductsBeforeAddingToC());
    assertInstanceOf(FusedSgdUpdate.class, update(network(blas), 16), "sgemm sums before it adds to W");
    blas.close();
  }

  /** Trained through the chosen step, float32 on the Java kernels ends bit for bit where the optimizer's step ends. */
  @Test
  void float32OnJavaKernelsEndsWhereTheStepOnTheSummedGradientEnds() {
    Samples data = TrainerTests.regression(64, 5);
    TrainingOptions options = TrainingOptions.of(3, 16, 7);
    Network chosen = network(kernels("java"));
    new Trainer(chosen, Plugins.SQUARED, CORE_SGD, (t, e) -> 0.05, options, List.of()).train(data, null, false);
    // a clip norm no gradient reaches takes the optimizer's step, never the fused one
    Network summed = network(kernels("java"));
    new Trainer(summed, Plugins.SQUARED, CORE_SGD, (t, e) -> 0.05,
        new TrainingOptions(3, 16, true, 0.0, 7, 0, TrainingOptions.Monitor.VAL_LOSS, 0.0, 1e300), List.of())
        .train(data, null, false);
    assertArrayEquals(summed.parameters().toArray(), chosen.parameters().toArray(), 0.0);
  }
}
