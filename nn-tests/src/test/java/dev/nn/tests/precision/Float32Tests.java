package dev.nn.tests.precision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.Nn;
import dev.nn.core.experiment.TrainingRun;
import dev.nn.core.kernel.KernelChoice;
import dev.nn.core.kernel.Precision;
import dev.nn.core.model.Model;
import dev.nn.core.plugin.PluginRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code compute.precision: float32} end to end: training learns as in float64, the model file records the
 * precision, and a float32 model predicts what the same weights predict in float64 to float32's accuracy.
 */
class Float32Tests {
  private static final Nn NN = Nn.create();
  private static final Path EXAMPLES = Path.of("..", "examples");

  @TempDir
  Path runs;

  private TrainingRun.Result train(String example, String... sets) {
    List<String> overrides = new java.util.ArrayList<>(List.of("output.dir=" + runs));
    overrides.addAll(List.of(sets));
    return NN.train(NN.load(EXAMPLES.resolve(example + ".yaml"), overrides));
  }

  /** Digits (1,797 8×8 images, 360 tested): both precisions reach the same accuracy to within 1.5 points. */
  @ParameterizedTest
  @ValueSource(strings = {"java", "blas"})
  void digitsLearnsAsWellInFloat32AsInFloat64(String backend) {
    TrainingRun.Result f64 = train("digits", "compute.backend=" + backend);
    TrainingRun.Result f32 = train("digits", "compute.backend=" + backend, "compute.precision=float32");
    assertTrue(f64.test().accuracy() > 0.9, "float64 test accuracy " + f64.test().accuracy());
    assertTrue(Math.abs(f32.test().accuracy() - f64.test().accuracy()) <= 0.015,
        "float32 " + f32.test().accuracy() + " against float64 " + f64.test().accuracy());
    assertEquals(Precision.FLOAT32, f32.model().network().kernels().precision());
  }

  /**
   * L2 in float32 with plain sgd moves the weights as it does in float64. Folded into the product's β = 1 − ηλ, a
   * decay rounds to a float: ηλ = 1e-8 (below 2⁻²⁵) vanished, the run's weights those of λ = 0 bit for bit, and
   * ηλ = 1e-7 acted as 1.19e-7. Here both take effect, the second as in float64 to within 5%, at batch size 1 and 8
   * on both backends.
   */
  @ParameterizedTest
  @ValueSource(strings = {"java/1", "java/8", "blas/1", "blas/8"})
  void l2WithSgdActsInFloat32AsInFloat64(String backendAndBatch) {
    String[] b = backendAndBatch.split("/");
    double[] tiny = l2Effect(b[0], b[1], "float32", "0.001");
    assertTrue(java.util.Arrays.stream(tiny).anyMatch(d -> d != 0), "ηλ = 1e-8 moves the float32 weights");
    double[] e64 = l2Effect(b[0], b[1], "float64", "0.01");
    double[] e32 = l2Effect(b[0], b[1], "float32", "0.01");
    double norm64 = 0;
    double diff = 0;
    for (int i = 0; i < e64.length; i++) {
      norm64 += e64[i] * e64[i];
      diff += (e32[i] - e64[i]) * (e32[i] - e64[i]);
    }
    assertTrue(norm64 > 0, "L2 moves the float64 weights");
    assertTrue(Math.sqrt(diff) <= 0.05 * Math.sqrt(norm64), "float32's L2 effect differs from float64's by "
        + Math.sqrt(diff / norm64) + " of its size");
  }

  /** The weights xor trains to with λ = 1e-5 minus those with λ = 0, sgd at {@code rate}. */
  private double[] l2Effect(String backend, String batch, String precision, String rate) {
    double[][] weights = new double[2][];
    for (int k = 0; k < 2; k++) {
      weights[k] = train("xor", "compute.backend=" + backend, "training.batch-size=" + batch,
          "compute.precision=" + precision, "optimizer={name: sgd, learning-rate: " + rate + "}",
          "l2=" + (k == 0 ? "0" : "1e-5"), "training.epochs=20").model().network().parameters().edgesToArray();
    }
    double[] effect = new double[weights[0].length];
    for (int i = 0; i < effect.length; i++) {
      effect[i] = weights[1][i] - weights[0][i];
    }
    return effect;
  }

  @Test
  void aFloat32ModelRecordsItsPrecisionAndPredictsAsItsWeightsDoInFloat64() throws Exception {
    TrainingRun.Result r = train("digits", "compute.precision=float32", "training.epochs=3");
    Path file = r.directory().modelFile();
    assertTrue(Files.exists(file));
    Model f32 = NN.loadModel(file);
    assertEquals(Precision.FLOAT32, f32.network().kernels().precision());
    Model f64 = Model.load(file, PluginRegistry.loadDefault(),
        KernelChoice.choose("java", 1, Precision.FLOAT64, "auto", null, f32.network().widths(), 1).kernels());
    assertEquals(Precision.FLOAT64, f64.network().kernels().precision());
    SplittableRandom rnd = new SplittableRandom(3);
    int in = f32.network().width(0);
    double worst = 0;
    for (int row = 0; row < 200; row++) {
      double[] x = new double[in];
      for (int i = 0; i < in; i++) {
        x[i] = rnd.nextInt(17);
      }
      double[] p32 = f32.predict(x);
      double[] p64 = f64.predict(x);
      // relative to the row's largest prediction (‖p32 − p64‖∞ / ‖p64‖∞): a probability of 1e-9 carries the
      // absolute error of float32 arithmetic, not a relative one
      double scale = 0;
      for (double v : p64) {
        scale = Math.max(scale, Math.abs(v));
      }
      for (int j = 0; j < p32.length; j++) {
        worst = Math.max(worst, Math.abs(p32[j] - p64[j]) / scale);
      }
    }
    assertTrue(worst <= 1e-5, "largest relative difference " + worst);
    assertTrue(worst > 0, "float32 rounds somewhere: " + worst);
  }
}
