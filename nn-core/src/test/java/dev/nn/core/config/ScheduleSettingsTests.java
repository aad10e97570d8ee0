package dev.nn.core.config;

import static dev.nn.core.config.ExperimentReaderTests.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nn.spi.ProblemId;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A schedule's settings are checked once, where the experiment is read: each invalid setting fails with
 * one problem naming it by its path in the file, what was found and what is allowed, and each default is
 * filled in there, so the schedule factory receives a complete record.
 */
class ScheduleSettingsTests {
  private static final String MINIMAL =
      "data: {train: {source: generator, name: lecture-regression, samples: 100}}\n"
          + "network: {layers: [{units: 4}, {units: 1, activation: identity}]}\n"
          + "loss: squared\n";

  private static ScheduleSpec read(String optimizer) {
    return Resources.reader().read(MINIMAL + "optimizer: " + optimizer, "t.yaml", Path.of("/exp"), List.of())
        .optimizer()
        .schedule();
  }

  /** The one problem of an optimizer with learning rate η and this schedule. */
  private static ConfigProblem rejected(double learningRate, String schedule) {
    String yaml = MINIMAL + "optimizer: {name: sgd, learning-rate: " + learningRate + ", schedule: " + schedule + "}";
    List<ConfigProblem> p =
        assertThrows(ConfigException.class, () -> Resources.reader().read(yaml, "t.yaml", Path.of("/exp"), List.of()))
            .problems();
    assertEquals(1, p.size(), p::toString);
    return p.get(0);
  }

  @Test
  void anUnknownNameListsTheSchedules() {
    ConfigProblem p = rejected(0.1, "{name: cosin}");
    assertEquals("optimizer.schedule.name", p.path());
    assertEquals("constant, step, exponential, inverse-time, cosine, plateau", p.allowed());
    assertEquals(List.of("cosine"), p.suggestions());
    assertEquals(List.of("constant", "step", "exponential", "inverse-time", "cosine", "plateau"),
        ScheduleSpec.names());
  }

  @Test
  void theBaseRateMustBePositive() {
    ConfigProblem p = rejected(0.0, "constant");
    assertEquals("optimizer.learning-rate", p.path());
    assertEquals("> 0", p.allowed());
    assertEquals("optimizer.learning-rate", rejected(-1, "constant").path());
  }

  @Test
  void stepNeedsAStepSizeOfAtLeastOne() {
    ConfigProblem missing = rejected(0.1, "{name: step}");
    assertEquals(ProblemId.MISSING_KEY, missing.id());
    assertEquals("optimizer.schedule.step-size: missing key \"step-size\"", text(missing));
    assertEquals("an integer >= 1", missing.allowed());
    ConfigProblem zero = rejected(0.1, "{name: step, step-size: 0}");
    assertEquals("optimizer.schedule.step-size: must be >= 1, found 0", text(zero));
    assertEquals(ProblemId.OUT_OF_RANGE, zero.id());
    assertEquals("optimizer.schedule.step-size", rejected(0.1, "{name: step, step-size: 2.5}").path());
  }

  @Test
  void gammaMustLieInZeroExclusiveToOne() {
    ConfigProblem p = rejected(0.1, "{name: step, step-size: 2, gamma: 1.5}");
    assertEquals("optimizer.schedule.gamma", p.path());
    assertEquals("in (0, 1]", p.allowed());
    assertEquals("optimizer.schedule.gamma", rejected(0.1, "{name: exponential, gamma: 0}").path());
    assertEquals("optimizer.schedule.gamma", rejected(0.1, "{name: exponential}").path());
  }

  @Test
  void theUnitIsUpdatesOrEpochs() {
    ConfigProblem p = rejected(0.1, "{name: exponential, gamma: 0.9, unit: steps}");
    assertEquals("optimizer.schedule.unit", p.path());
    assertEquals("updates, epochs", p.allowed());
  }

  @Test
  void inverseTimeNeedsAPositiveDecay() {
    assertEquals(ProblemId.MISSING_KEY, rejected(0.1, "{name: inverse-time}").id());
    ConfigProblem p = rejected(0.1, "{name: inverse-time, decay: -1}");
    assertEquals("optimizer.schedule.decay", p.path());
    assertEquals("> 0", p.allowed());
  }

  @Test
  void cosineNeedsAPeriodAndAMinimumRateNoAboveTheBaseRate() {
    assertEquals("optimizer.schedule.period", rejected(0.1, "{name: cosine}").path());
    assertEquals("optimizer.schedule.period", rejected(0.1, "{name: cosine, period: 0}").path());
    ConfigProblem p = rejected(0.1, "{name: cosine, period: 10, min-rate: 0.2}");
    assertEquals("optimizer.schedule.min-rate", p.path());
    assertEquals("in [0, 0.1]", p.allowed());
  }

  @Test
  void aSettingTheScheduleDoesNotUseIsReported() {
    ConfigProblem p = rejected(0.1, "{name: constant, gamma: 0.5}");
    assertEquals("optimizer.schedule.gamma", p.path());
  }

  @Test
  void withoutAScheduleTheRateIsConstant() {
    assertEquals(new ScheduleSpec.Constant(), read("{name: sgd, learning-rate: 0.3}"));
    assertEquals(new ScheduleSpec.Constant(), read("{name: sgd, schedule: constant}"));
  }

  @Test
  void theUnitDefaultsToUpdates() {
    assertEquals(new ScheduleSpec.Exponential(0.9, ScheduleUnit.UPDATES), read("{name: sgd, schedule: {name: exponential, gamma: 0.9}}"));
    assertEquals(new ScheduleSpec.InverseTime(0.5, ScheduleUnit.UPDATES), read("{name: sgd, schedule: {name: inverse-time, decay: 0.5}}"));
  }

  @Test
  void stepDefaultsToGammaPointOne() {
    assertEquals(new ScheduleSpec.Step(3, 0.1, ScheduleUnit.UPDATES), read("{name: sgd, schedule: {name: step, step-size: 3}}"));
  }

  @Test
  void cosineDefaultsToAMinimumOfZero() {
    assertEquals(new ScheduleSpec.Cosine(100, 0.0, ScheduleUnit.UPDATES), read("{name: sgd, schedule: {name: cosine, period: 100}}"));
  }
}
