package dev.nn.tests.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nn.core.schedule.LearningRateSchedules;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.ProblemId;
import dev.nn.spi.Settings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Invalid schedule settings fail with a problem naming the setting, what was found and what is allowed. */
class ScheduleSettingsTests {

  private static ConfigProblem rejected(double baseRate, Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    Settings settings = Settings.of("schedule \"" + map.getOrDefault("name", "constant") + "\"", map);
    ConfigException e = assertThrows(ConfigException.class, () -> LearningRateSchedules.create(baseRate, settings));
    assertEquals(1, e.problems().size());
    return e.problems().get(0);
  }

  @Test
  void anUnknownNameListsTheSchedules() {
    ConfigProblem p = rejected(0.1, "name", "cosin");
    assertEquals("name", p.path());
    assertEquals("constant, step, exponential, inverse-time, cosine", p.allowed());
    assertEquals(List.of("constant", "step", "exponential", "inverse-time", "cosine"), LearningRateSchedules.names());
  }

  @Test
  void theBaseRateMustBePositive() {
    ConfigProblem p = rejected(0.0, "name", "constant");
    assertEquals("learning-rate", p.path());
    assertEquals("setting \"learning-rate\" must be > 0, found 0.0", p.message());
    assertEquals("learning-rate", rejected(Double.NaN).path());
  }

  @Test
  void stepNeedsAStepSizeOfAtLeastOne() {
    ConfigProblem missing = rejected(0.1, "name", "step");
    assertEquals(ProblemId.MISSING_SETTING, missing.id());
    assertEquals("step-size", missing.path());
    assertEquals("setting \"step-size\" of schedule \"step\" is required", missing.message());
    assertEquals("an integer >= 1", missing.allowed());
    ConfigProblem zero = rejected(0.1, "name", "step", "step-size", 0);
    assertEquals("setting \"step-size\" of schedule \"step\" must be >= 1, found 0", zero.message());
    assertEquals("step-size", rejected(0.1, "name", "step", "step-size", 2.5).path());
  }

  @Test
  void gammaMustLieInZeroExclusiveToOne() {
    ConfigProblem p = rejected(0.1, "name", "step", "step-size", 2, "gamma", 1.5);
    assertEquals("gamma", p.path());
    assertEquals("in (0, 1]", p.allowed());
    assertEquals("gamma", rejected(0.1, "name", "exponential", "gamma", 0).path());
    assertEquals("gamma", rejected(0.1, "name", "exponential").path());
  }

  @Test
  void theUnitIsUpdatesOrEpochs() {
    ConfigProblem p = rejected(0.1, "name", "exponential", "gamma", 0.9, "unit", "steps");
    assertEquals("unit", p.path());
    assertEquals("updates, epochs", p.allowed());
  }

  @Test
  void inverseTimeNeedsAPositiveDecay() {
    assertEquals(ProblemId.MISSING_SETTING, rejected(0.1, "name", "inverse-time").id());
    ConfigProblem p = rejected(0.1, "name", "inverse-time", "decay", -1);
    assertEquals("decay", p.path());
    assertEquals("> 0", p.allowed());
  }

  @Test
  void cosineNeedsAPeriodAndAMinimumRateNoAboveTheBaseRate() {
    assertEquals("period", rejected(0.1, "name", "cosine").path());
    assertEquals("period", rejected(0.1, "name", "cosine", "period", 0).path());
    ConfigProblem p = rejected(0.1, "name", "cosine", "period", 10, "min-rate", 0.2);
    assertEquals("min-rate", p.path());
    assertEquals("in [0, 0.1]", p.allowed());
  }

  @Test
  void settingsAScheduleDoesNotUseAreLeftUnreadForTheCoreToReport() {
    Settings settings = Settings.of("schedule \"constant\"", Map.of("name", "constant", "gamma", 0.5));
    LearningRateSchedules.create(0.1, settings);
    assertEquals(List.of("gamma"), settings.unreadKeys());
  }
}
