package dev.nn.core.config;

import static dev.nn.core.config.ExperimentReaderTests.texts;
import static dev.nn.core.config.Resources.problems;
import static dev.nn.core.config.Resources.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.spi.ConfigProblem;
import dev.nn.spi.ProblemId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The {@code training.class-weights} key: {@code balanced} or a list of numbers > 0; absent by default; refused
 * for a regression and a spark source at its line; written back as read.
 */
class ClassWeightsConfigTests {
  private static String experiment(String task, String weights) {
    return "data:\n"
        + "  train: {source: csv, path: data/digits.csv, target: last, task: " + task + "}\n"
        + "network:\n"
        + "  layers: [{units: auto}, {units: 16, activation: relu}, {units: auto, activation: identity}]\n"
        + "loss: " + (task.equals("classification") ? "softmax-cross-entropy" : "squared") + "\n"
        + "training:\n"
        + "  epochs: 3\n"
        + weights;
  }

  @Test
  void balancedOrAListIsReadAndNothingIsTheDefault() {
    assertEquals(Optional.of(ClassWeights.balance()),
        read(experiment("classification", "  class-weights: balanced\n")).training().classWeights());
    assertEquals(Optional.of(ClassWeights.of(List.of(1.0, 2.5, 0.25))),
        read(experiment("classification", "  class-weights: [1, 2.5, 0.25]\n")).training().classWeights());
    assertEquals(Optional.empty(), read(experiment("classification", "")).training().classWeights());
    assertEquals(Optional.of(ClassWeights.of(List.of(3.0, 1.0))),
        read(experiment("classification", ""), "training.class-weights=[3, 1]").training().classWeights(),
        "set by --set");
  }

  @Test
  void badWeightsAreOneProblemEachAtTheirLine() {
    List<ConfigProblem> zero = problems(experiment("classification", "  class-weights: [1, 0]\n"));
    assertEquals(List.of("training.class-weights[1]: must be > 0, found 0"), texts(zero));
    assertEquals(8, zero.get(0).line());
    assertEquals(ProblemId.OUT_OF_RANGE, zero.get(0).id());
    assertEquals(List.of("training.class-weights[0]: must be > 0, found -2"),
        texts(problems(experiment("classification", "  class-weights: [-2, 1]\n"))));
    assertEquals(ProblemId.OUT_OF_RANGE,
        problems(experiment("classification", "  class-weights: [.inf, 1]\n")).get(0).id());
    List<ConfigProblem> word = problems(experiment("classification", "  class-weights: balance\n"));
    assertEquals(List.of("training.class-weights: expected balanced, or a list of numbers > 0, one per class, such as"
        + " [1, 4.5, 2], found \"balance\""), texts(word));
    assertEquals(ProblemId.WRONG_TYPE, word.get(0).id());
    assertEquals(List.of("training.class-weights: the list of class weights is empty"),
        texts(problems(experiment("classification", "  class-weights: []\n"))));
    assertEquals(ProblemId.WRONG_TYPE,
        problems(experiment("classification", "  class-weights: {0: 2}\n")).get(0).id());
    assertEquals(ProblemId.WRONG_TYPE,
        problems(experiment("classification", "  class-weights: [1, heavy]\n")).get(0).id());
  }

  @Test
  void aRegressionOrASparkSourceIsRefusedAtTheKey() {
    List<ConfigProblem> regression = problems(experiment("regression", "  class-weights: balanced\n"));
    assertEquals(List.of("training.class-weights: class weights weigh each class's rows, but the task is regression;"
        + " they apply to a classification only"), texts(regression));
    assertEquals(8, regression.get(0).line());
    String spark = experiment("classification", "  class-weights: [1, 2]\n")
        .replace("{source: csv, path: data/digits.csv, target: last,", "{source: spark, format: csv, path: t.csv,"
            + " target: label,") + "distributed: {}\n";
    List<ConfigProblem> table = problems(spark);
    assertEquals(ProblemId.BACKEND_UNAVAILABLE, table.get(0).id());
    assertTrue(texts(table).get(0).startsWith("training.class-weights: a spark source's rows are never in one"
        + " place"), texts(table).toString());
    // a csv source with a distributed section keeps them: every part weighs its rows alike
    assertTrue(read(experiment("classification", "  class-weights: balanced\n") + "distributed: {}\n").training()
        .classWeights().isPresent());
  }

  @Test
  void theKeyIsWrittenBackAsRead() {
    for (String weights : List.of("  class-weights: balanced\n", "  class-weights: [1, 2.5, 0.25]\n")) {
      Experiment e = read(experiment("classification", weights));
      String text = ExperimentWriter.write(e);
      assertTrue(text.contains("class-weights"), text);
      assertEquals(e, read(text));
    }
    assertFalse(ExperimentWriter.write(read(experiment("classification", ""))).contains("class-weights"));
  }

  @Test
  void theRecordRefusesWhatTheFileCannotSay() {
    assertThrows(IllegalArgumentException.class, () -> new ClassWeights(true, List.of(1.0)));
    assertThrows(IllegalArgumentException.class, () -> new ClassWeights(false, List.of()));
    assertThrows(IllegalArgumentException.class, () -> ClassWeights.of(List.of(1.0, Double.NaN)));
  }
}
