package dev.nn.tests.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.Nn;
import dev.nn.core.experiment.TrainingRun;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The published MNIST results of plain fully connected networks without distortions (LeCun, Bottou, Bengio and
 * Haffner 1998; Simard, Steinkraus and Platt 2003), reproduced by training {@code examples/reference/} end to end
 * on the 60,000 training images and testing once on the official 10,000: each reaches or beats its paper's
 * test error. Minutes each on two cores, so they run with {@code mvn -B verify -Pslow}; the README's table comes
 * from these runs.
 */
@Tag("slow")
class ReferenceResultsTests {
  private static final Nn NN = Nn.create();

  @TempDir
  Path runs;

  @ParameterizedTest(name = "{0}: at most {1}% test error")
  @CsvSource({
      "lecun-784-300-10-mse, 4.7",
      "lecun-784-1000-10-mse, 4.5",
      "lecun-784-300-100-10-mse, 3.05",
      "lecun-784-500-150-10-mse, 2.95",
      "simard-784-800-10-ce, 1.6"})
  void reachesThePapersTestError(String experiment, double paperErrorPercent) {
    TrainingRun.Result r = NN.train(NN.load(Path.of("..", "examples", "reference", experiment + ".yaml"),
        List.of("output.dir=" + runs)));
    assertEquals(10_000, r.test().rows());
    double error = 100 * (1 - r.test().accuracy());
    assertTrue(error <= paperErrorPercent, experiment + ": test error " + error + "%, the paper's " + paperErrorPercent
        + "%");
  }
}
