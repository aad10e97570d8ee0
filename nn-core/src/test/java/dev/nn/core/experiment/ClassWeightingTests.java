package dev.nn.core.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nn.core.config.ClassWeights;
import dev.nn.core.config.Experiment;
import dev.nn.core.config.ExperimentReader;
import dev.nn.core.testing.FakePlugins;
import dev.nn.core.testing.Plugins;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.ProblemId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code training.class-weights} stands for in a run: {@code balanced} is n/(K·n_c) over the training split's
 * rows, a list must give one weight per class, and a regression has no classes to weigh.
 */
class ClassWeightingTests {
  @TempDir Path dir;

  /** 10 rows of class 0, 30 of class 1 and 20 of class 2, one feature. */
  private PreparedData data(String rest) throws IOException {
    StringBuilder csv = new StringBuilder("x,label\n");
    int[] counts = {10, 30, 20};
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < counts[c]; i++) {
        csv.append(i * 0.1 + c).append(',').append(c).append('\n');
      }
    }
    Files.writeString(dir.resolve("d.csv"), csv);
    Path file = dir.resolve("e.yaml");
    Files.writeString(file, "data:\n"
        + "  train: {source: csv, path: d.csv, target: label, task: classification}\n"
        + rest
        + "network: {layers: [{units: auto}, {units: auto, activation: identity}]}\n"
        + "loss: softmax-cross-entropy\n");
    Experiment e = new ExperimentReader(FakePlugins.lookup()).read(file, List.of());
    return new DataPreparation(e, Plugins.SOFTMAX_CROSS_ENTROPY).get();
  }

  @Test
  void balancedIsNOverKTimesEachClassesCountInTheTrainingSplit() throws IOException {
    PreparedData all = data("  validation: {split: 0}\n");
    assertArrayEquals(new double[] {60.0 / 30, 60.0 / 90, 60.0 / 60},
        ClassWeighting.weights(Optional.of(ClassWeights.balance()), all), 1e-15);
    // after a stratified split, the training split's own counts: 8, 24 and 16 of 48
    PreparedData split = data("  validation: {split: 0.2}\n  stratify: true\n");
    assertEquals(48, split.train().size());
    assertArrayEquals(new double[] {48.0 / 24, 48.0 / 72, 48.0 / 48},
        ClassWeighting.weights(Optional.of(ClassWeights.balance()), split), 1e-15);
  }

  @Test
  void aListIsTakenAsItIsAndMustGiveOneWeightPerClass() throws IOException {
    PreparedData d = data("");
    assertArrayEquals(new double[] {1, 2, 0.5},
        ClassWeighting.weights(Optional.of(ClassWeights.of(List.of(1.0, 2.0, 0.5))), d), 0.0);
    assertNull(ClassWeighting.weights(Optional.empty(), d), "no key: no weights");
    ConfigProblem p = assertThrows(ConfigException.class,
        () -> ClassWeighting.weights(Optional.of(ClassWeights.of(List.of(1.0, 2.0))), d)).problems().get(0);
    assertEquals(ProblemId.SHAPE_MISMATCH, p.id());
    assertEquals("training.class-weights", p.path());
    assertEquals("2 weights for 3 classes (0, 1, 2, in that order)", p.message());
    assertEquals("a list of 3 numbers > 0, one per class in that order, or balanced", p.allowed());
  }
}
