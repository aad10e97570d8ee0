package dev.nn.tests.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nn.core.Nn;
import dev.nn.core.config.Experiment;
import dev.nn.core.data.Dataset;
import dev.nn.core.experiment.TrainingRun;
import dev.nn.spi.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Validation samples given in code are read by position, their classes as one-hot columns: labels listed in
 * another order, or other labels, would score every row against the wrong class (accuracy 0.08 for 0.92) without a
 * sign. They are refused as other feature names are, naming both lists, before a run directory is made.
 */
class ValidationLabelsInCodeTests {
  private static final String EXPERIMENT = """
      seed: 7
      data: {train: {source: generator, name: xor, samples: 8}}   # a placeholder: the samples come from code
      network: {layers: [{units: auto}, {units: 4, activation: tanh}, {units: auto, activation: identity}]}
      loss: binary-cross-entropy
      training: {epochs: 1, batch-size: 4}
      """;

  @TempDir
  Path tmp;

  /** The four xor rows, class 1 listed as {@code labels.get(1)}: "yes" when the inputs differ. */
  private static Dataset xor(List<String> labels, boolean swapped) {
    int[] classes = swapped ? new int[] {1, 0, 0, 1} : new int[] {0, 1, 1, 0};
    return Dataset.classification("v", new double[] {0, 0, 0, 1, 1, 0, 1, 1}, classes, List.of("a", "b"), "xor",
        labels);
  }

  @Test
  void validationLabelsInAnotherOrderAreRefusedNamingBothLists() throws Exception {
    Nn nn = Nn.create();
    Experiment experiment = nn.parse(EXPERIMENT, List.of());
    Dataset train = xor(List.of("no", "yes"), false);
    Path runs = tmp.resolve("runs");
    ConfigException swapped = assertThrows(ConfigException.class, () -> nn.train(experiment, train,
        xor(List.of("yes", "no"), true), TrainingRun.Options.into(runs)));
    assertEquals("data.validation: v's class labels are [\"yes\", \"no\"] (the same labels in another order), the"
        + " training data's [\"no\", \"yes\"]. Allowed: the class labels of data.train, in its order: [\"no\", \"yes\"]",
        swapped.getMessage());
    ConfigException other = assertThrows(ConfigException.class, () -> nn.train(experiment, train,
        xor(List.of("p", "q"), false), TrainingRun.Options.into(runs)));
    assertEquals("data.validation: v's class labels are [\"p\", \"q\"], the training data's [\"no\", \"yes\"]."
        + " Allowed: the class labels of data.train, in its order: [\"no\", \"yes\"]", other.getMessage());
    assertEquals(false, Files.exists(runs), "no run directory for samples that are refused");
    // the training data's own labels, in its order, train as before
    assertEquals(4, nn.train(experiment, train, xor(List.of("no", "yes"), false), TrainingRun.Options.into(runs))
        .validation().rows());
  }
}
