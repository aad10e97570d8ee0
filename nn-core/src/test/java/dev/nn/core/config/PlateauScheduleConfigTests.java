package dev.nn.core.config;

import static dev.nn.core.config.ExperimentReaderTests.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.ProblemId;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code optimizer.schedule: {name: plateau, …}}: its settings read with PyTorch's defaults, each bad one reported
 * at its path, refused without validation data and on the accuracy of a regression, and written back as read.
 */
class PlateauScheduleConfigTests {
  private static final String DIGITS =
      "data: {train: {source: csv, path: data/digits.csv, target: last, task: classification}VALIDATION}\n"
          + "network: {layers: [{units: auto}, {units: auto, activation: identity}]}\n"
          + "loss: softmax-cross-entropy\n"
          + "optimizer: {name: sgd, learning-rate: 0.1, schedule: SCHEDULE}\n";

  private static Experiment read(String schedule, String... overrides) {
    return Resources.read(DIGITS.replace("VALIDATION", "").replace("SCHEDULE", schedule), overrides);
  }

  private static List<ConfigProblem> problems(String yaml) {
    return assertThrows(ConfigException.class, () -> Resources.read(yaml)).problems();
  }

  @Test
  void theDefaultsArePyTorchsWithAnAbsoluteThreshold() {
    assertEquals(new ScheduleSpec.Plateau(Monitor.VAL_LOSS, 0.1, 10, 0.0, 0, 0.0), read("plateau").optimizer()
        .schedule());
    assertEquals(new ScheduleSpec.Plateau(Monitor.VAL_ACCURACY, 0.5, 2, 0.001, 3, 0.01),
        read("{name: plateau, monitor: val-accuracy, factor: 0.5, patience: 2, min-delta: 0.001, cooldown: 3,"
            + " min-rate: 0.01}").optimizer().schedule());
    assertEquals(0, ((ScheduleSpec.Plateau) read("{name: plateau, patience: 0}").optimizer().schedule()).patience(),
        "a patience of 0 reduces after any epoch without improvement");
  }

  @Test
  void eachBadSettingIsOneProblemAtItsPath() {
    String[][] cases = {
        {"{name: plateau, factor: 1}", "optimizer.schedule.factor: must be in (0, 1), found 1"},
        {"{name: plateau, factor: 0}", "optimizer.schedule.factor: must be in (0, 1), found 0"},
        {"{name: plateau, patience: -1}", "optimizer.schedule.patience: must be >= 0, found -1"},
        {"{name: plateau, cooldown: 1.5}", "optimizer.schedule.cooldown: expected an integer >= 0, found 1.5"},
        {"{name: plateau, min-delta: -0.1}", "optimizer.schedule.min-delta: must be >= 0, found -0.1"},
        {"{name: plateau, min-rate: 0.2}", "optimizer.schedule.min-rate: must be <= learning-rate 0.1, found 0.2"},
        {"{name: plateau, monitor: val-los}", "optimizer.schedule.monitor: unknown monitor \"val-los\""},
        {"{name: plateau, patiance: 3}", "optimizer.schedule.patiance: unknown key \"patiance\""},
    };
    for (String[] c : cases) {
      List<ConfigProblem> p = problems(DIGITS.replace("VALIDATION", "").replace("SCHEDULE", c[0]));
      assertEquals(List.of(c[1]), texts(p), c[0]);
    }
  }

  @Test
  void itNeedsValidationFiguresAndAClassificationToWatchTheAccuracy() {
    List<ConfigProblem> none = problems(DIGITS.replace("VALIDATION", ", validation: {split: 0}")
        .replace("SCHEDULE", "plateau"));
    assertEquals(List.of("optimizer.schedule: the plateau schedule watches the validation figures, but"
        + " data.validation.split is 0"), texts(none));
    assertEquals(4, none.get(0).line());
    String regression = DIGITS.replace("task: classification", "task: regression")
        .replace("softmax-cross-entropy", "squared").replace("VALIDATION", "");
    List<ConfigProblem> accuracy = problems(regression.replace("SCHEDULE", "{name: plateau, monitor: val-accuracy}"));
    assertEquals(List.of("optimizer.schedule.monitor: val-accuracy is a classification's figure, but the task is"
        + " regression"), texts(accuracy));
    assertEquals(ProblemId.OUT_OF_RANGE, accuracy.get(0).id());
    assertTrue(Resources.read(regression.replace("SCHEDULE", "plateau")).optimizer().schedule()
        instanceof ScheduleSpec.Plateau, "the loss of a regression is watched");
  }

  @Test
  void theScheduleIsWrittenBackAsRead() {
    Experiment e = read("{name: plateau, monitor: val-accuracy, factor: 0.5, patience: 2, cooldown: 1}");
    String text = ExperimentWriter.write(e);
    assertTrue(text.contains("plateau"), text);
    assertEquals(e, Resources.reader().read(text, "again.yaml", Path.of("/exp/dir"), List.of()));
    assertEquals(e.optimizer(), read("plateau", "optimizer.schedule={name: plateau, monitor: val-accuracy, factor: 0.5,"
        + " patience: 2, cooldown: 1}").optimizer(), "set by --set");
  }
}
