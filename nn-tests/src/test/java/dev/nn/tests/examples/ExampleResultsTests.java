package dev.nn.tests.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.Nn;
import dev.nn.core.experiment.TrainingRun;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples' published results, reproduced by training them end to end (minutes on two cores:
 * {@code mvn -B verify -Pslow}). The figures the README quotes come from these runs.
 */
@Tag("slow")
class ExampleResultsTests {
  private static final Nn NN = Nn.create();

  @TempDir
  Path runs;

  private TrainingRun.Result train(String example) {
    return NN.train(NN.load(Path.of("..", "examples", example + ".yaml"), List.of("output.dir=" + runs)));
  }

  @Test
  void mnistWithLeCunsThreeHundredHiddenUnitsReachesNinetySevenPercentOnTheOfficialTestSet() {
    TrainingRun.Result r = train("mnist");
    assertEquals(10_000, r.test().rows());
    assertTrue(r.test().accuracy() >= 0.97, "test accuracy " + r.test().accuracy());
  }

  @Test
  void theTiedAutoencoderReconstructsAsWellAsTheUntiedOneWithHalfTheWeights() {
    TrainingRun.Result tied = train("autoencoder-tied");
    TrainingRun.Result untied = train("autoencoder-untied");
    int tiedParams = tied.model().network().parameters().size();
    int untiedParams = untied.model().network().parameters().size();
    assertEquals(784 * 64 + 64 + 784, tiedParams);
    assertEquals(2 * 784 * 64 + 64 + 784, untiedParams);
    assertTrue(tied.test().loss() <= 1.1 * untied.test().loss(),
        "tied test loss " + tied.test().loss() + ", untied " + untied.test().loss());
  }

  @Test
  void penguinsBodyMassFromSpeciesAndIslandOneHotAndFromTheirCodes() {
    // the README's seed-42 figures; cross-validation (nn train --folds 5) finds the two alike within the folds'
    // spread, so no order between them is asserted
    TrainingRun.Result encoded = train("penguins");
    TrainingRun.Result codes = NN.train(NN.load(Path.of("..", "examples", "penguins.yaml"),
        List.of("output.dir=" + runs, "data.one-hot=[]")));
    assertEquals(67, encoded.test().rows());
    assertEquals(11, encoded.model().network().width(0));
    assertEquals(7, codes.model().network().width(0));
    assertTrue(encoded.test().r2() >= 0.84, "one-hot test R² " + encoded.test().r2());
    assertTrue(codes.test().r2() >= 0.8, "codes test R² " + codes.test().r2());
  }

  @Test
  void theConvolutionByTiesBeatsADenseNetworkOfSimilarSize() {
    TrainingRun.Result conv = train("digits-conv");
    TrainingRun.Result dense = train("digits-dense");
    assertEquals(8 * 9 + 8 + 288 * 10 + 10, conv.model().network().parameters().size());
    assertTrue(conv.test().accuracy() >= 0.95, "conv test accuracy " + conv.test().accuracy());
    assertTrue(conv.test().accuracy() >= dense.test().accuracy(),
        "conv " + conv.test().accuracy() + ", dense " + dense.test().accuracy());
  }
}
