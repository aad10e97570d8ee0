package dev.nn.core.config;

import static dev.nn.core.config.ExperimentReaderTests.texts;
import static dev.nn.core.config.Resources.problems;
import static dev.nn.core.config.Resources.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.spi.ConfigProblem;
import dev.nn.spi.ProblemId;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code data.test: {fold: i, of: k}}: fold i of k of the training source as the test data, for cross-validation;
 * for the test data only, with room left for validation and training, kept by a distributed run on a csv
 * source, and written back as it was read.
 */
class FoldConfigTests {
  private static final Path DIR = Path.of("/exp/dir");

  private static final String PENGUINS =
      "data:\n"
          + "  train: {source: csv, path: data/penguins.csv, target: species, task: classification}\n"
          + "  test: TEST\n"
          + "network: {layers: [{units: auto}, {units: auto, activation: identity}]}\n"
          + "loss: softmax-cross-entropy\n";

  private static String penguins(String test) {
    return PENGUINS.replace("TEST", test);
  }

  @Test
  void aFoldIsReadAndWrittenBack() {
    Experiment e = read(penguins("{fold: 2, of: 5}"));
    assertEquals(new HoldOut.Fold(2, 5), e.data().test());
    assertTrue(e.data().test().isPresent());
    String text = ExperimentWriter.write(e);
    assertTrue(text.contains("  test: {fold: 2, of: 5}\n"), text);
    assertEquals(e, Resources.reader().read(text, "x.yaml", DIR, List.of()));
    assertEquals(new HoldOut.Fold(0, 3), read(penguins("{split: 0.2}"), "data.test={fold: 0, of: 3}").data().test(),
        "set by --set, as nn train --folds does");
  }

  @Test
  void aFoldOutOfRangeOrWithoutItsCountIsOneProblemAtItsKey() {
    List<ConfigProblem> p = problems(penguins("{fold: 5, of: 5}"));
    assertEquals(List.of("data.test.fold: must be <= 4, found 5"), texts(p));
    assertEquals(ProblemId.OUT_OF_RANGE, p.get(0).id());
    assertEquals(3, p.get(0).line());
    assertEquals(List.of("data.test.of: must be >= 2, found 1"), texts(problems(penguins("{fold: 0, of: 1}"))));
    assertEquals(List.of("data.test.of: must be <= 100, found 101"), texts(problems(penguins("{fold: 0, of: 101}"))));
    assertEquals(1, problems(penguins("{fold: 1}")).size());
    assertEquals(List.of("data.test.of: missing key \"of\""), texts(problems(penguins("{fold: 1}"))));
    assertEquals(List.of("data.test.fold: must be >= 0, found -1"), texts(problems(penguins("{fold: -1, of: 3}"))));
  }

  @Test
  void foldsAreForTheTestDataAndLeaveRoomForValidationAndTraining() {
    List<ConfigProblem> p = problems(penguins("{split: 0.2}").replace("  test:", "  validation: {fold: 1, of: 5}\n"
        + "  test:"));
    assertEquals(List.of("data.validation: folds are for data.test, the data a cross-validation holds out; the"
        + " validation data is split off what the fold leaves"), texts(p));
    assertEquals(List.of("data.validation.split: validation.split + 1/2 (the fold's share) must be < 1 so that"
        + " samples remain for training, found 0.5 + 0.5 (from --set data.validation.split=0.5)"),
        texts(problems(penguins("{fold: 0, of: 2}"), "data.validation.split=0.5")));
    assertEquals(new HoldOut.Fold(0, 2), read(penguins("{fold: 0, of: 2}"), "data.validation.split=0.49").data().test());
  }

  @Test
  void aDistributedRunOnACsvSourceKeepsTheFold() {
    assertEquals(new HoldOut.Fold(0, 5), read(penguins("{fold: 0, of: 5}") + "distributed: {master: \"local[2]\"}\n")
        .data().test());
  }
}
