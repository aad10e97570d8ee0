package dev.nn.core.config;

import static dev.nn.core.config.ExperimentReaderTests.texts;
import static dev.nn.core.config.Resources.problems;
import static dev.nn.core.config.Resources.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.spi.ConfigProblem;
import dev.nn.spi.ProblemId;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code data.stratify} key: false when absent, a classification's only, written back when true. */
class StratifyConfigTests {
  private static final Path DIR = Path.of("/exp/dir");

  private static String experiment(String task, String stratify) {
    return "data:\n"
        + "  train: {source: csv, path: data/digits.csv, target: last, task: " + task + "}\n"
        + "  test: {split: 0.2}\n"
        + stratify
        + "network:\n"
        + "  layers: [{units: auto}, {units: 16, activation: relu}, {units: auto, activation: identity}]\n"
        + "loss: " + (task.equals("classification") ? "softmax-cross-entropy" : "squared") + "\n";
  }

  @Test
  void theKeyIsReadAndIsFalseWhenAbsent() {
    assertTrue(read(experiment("classification", "  stratify: true\n")).data().stratify());
    assertFalse(read(experiment("classification", "")).data().stratify());
    assertTrue(read(experiment("classification", ""), "data.stratify=true").data().stratify(), "set by --set");
  }

  @Test
  void aRegressionIsOneProblemAtTheKey() {
    List<ConfigProblem> p = problems(experiment("regression", "  stratify: true\n"));
    assertEquals(List.of("data.stratify: stratify splits by class, but the task is regression; it applies to a"
        + " classification only"), texts(p));
    assertEquals(ProblemId.OUT_OF_RANGE, p.get(0).id());
    assertEquals(4, p.get(0).line());
    // a csv source is split alike by the driver and by each executor: a distributed run keeps the key
    assertTrue(Resources.reader().read(experiment("classification", "  stratify: true\n")
        + "distributed: {master: \"local[2]\"}\n", "s.yaml", DIR, List.of()).data().stratify());
    assertEquals(ProblemId.WRONG_TYPE, problems(experiment("classification", "  stratify: often\n")).get(0).id());
  }

  @Test
  void theKeyIsWrittenBackOnlyWhenTrue() {
    ExperimentReader reader = Resources.reader();
    Experiment e = reader.read(experiment("classification", "  stratify: true\n"), "s.yaml", DIR, List.of());
    String text = ExperimentWriter.write(e);
    assertTrue(text.contains("stratify: true"), text);
    assertEquals(e, reader.read(text, "again.yaml", DIR, List.of()));
    assertFalse(ExperimentWriter.write(reader.read(experiment("classification", ""), "p.yaml", DIR, List.of()))
        .contains("stratify"));
  }
}
