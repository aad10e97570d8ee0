package dev.nn.tests.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nn.core.config.ScheduleSpec;
import dev.nn.core.config.ScheduleUnit;
import dev.nn.core.schedule.LearningRateSchedule;
import dev.nn.core.schedule.LearningRateSchedules;
import org.junit.jupiter.api.Test;

/**
 * Each schedule at given updates and epochs, against its formula evaluated by hand. The schedules are
 * built from the typed records the experiment reader produces; the reader's defaults (unit, gamma,
 * min-rate) are tested where it fills them in, {@code dev.nn.core.config.ScheduleSettingsTests}.
 */
class ScheduleKnownValuesTests {

  private static LearningRateSchedule schedule(double baseRate, ScheduleSpec spec) {
    return LearningRateSchedules.create(baseRate, spec);
  }

  @Test
  void constantIsTheBaseRateAtEveryUpdate() {
    LearningRateSchedule s = schedule(0.05, new ScheduleSpec.Constant());
    assertEquals(0.05, s.rate(1, 1));
    assertEquals(0.05, s.rate(123_456_789_000L, 40));
  }

  @Test
  void stepInUpdatesKeepsTheRateForStepSizeUpdates() {
    LearningRateSchedule s = schedule(1.0, new ScheduleSpec.Step(2, 0.5, ScheduleUnit.UPDATES));
    assertEquals(1.0, s.rate(2, 1), 1e-15);
    assertEquals(0.5, s.rate(3, 1), 1e-15);
  }

  @Test
  void constantIgnoresTheUpdateAndEpoch() {
    assertEquals(0.3, schedule(0.3, new ScheduleSpec.Constant()).rate(99, 7));
  }

  @Test
  void stepInEpochsMultipliesByGammaEveryStepSizeEpochs() {
    LearningRateSchedule s = schedule(0.1, new ScheduleSpec.Step(2, 0.5, ScheduleUnit.EPOCHS));
    // epochs 1, 2 → η₀; 3, 4 → η₀/2; 5 → η₀/4; the update number does not matter
    assertEquals(0.1, s.rate(1, 1), 1e-15);
    assertEquals(0.1, s.rate(500, 2), 1e-15);
    assertEquals(0.05, s.rate(501, 3), 1e-15);
    assertEquals(0.05, s.rate(1000, 4), 1e-15);
    assertEquals(0.025, s.rate(1001, 5), 1e-15);
  }

  @Test
  void stepWithGammaPointOneDividesByTen() {
    LearningRateSchedule s = schedule(1.0, new ScheduleSpec.Step(3, 0.1, ScheduleUnit.EPOCHS));
    assertEquals(1.0, s.rate(1, 3), 1e-15);
    assertEquals(0.1, s.rate(1, 4), 1e-15);
    assertEquals(0.01, s.rate(1, 7), 1e-15);
  }

  @Test
  void stepInUpdatesCountsUpdatesFromOne() {
    LearningRateSchedule s = schedule(0.2, new ScheduleSpec.Step(10, 0.5, ScheduleUnit.UPDATES));
    assertEquals(0.2, s.rate(1, 1), 1e-15);
    assertEquals(0.2, s.rate(10, 1), 1e-15);
    assertEquals(0.1, s.rate(11, 1), 1e-15);
    assertEquals(0.05, s.rate(21, 9), 1e-15);
  }

  @Test
  void exponentialMultipliesByGammaEveryUnit() {
    LearningRateSchedule updates = schedule(0.1, new ScheduleSpec.Exponential(0.9, ScheduleUnit.UPDATES));
    assertEquals(0.1, updates.rate(1, 1), 1e-15);
    assertEquals(0.09, updates.rate(2, 1), 1e-15);
    assertEquals(0.081, updates.rate(3, 1), 1e-15);
    assertEquals(0.1 * Math.pow(0.9, 99), updates.rate(100, 2), 1e-15);
    LearningRateSchedule epochs = schedule(0.1, new ScheduleSpec.Exponential(0.5, ScheduleUnit.EPOCHS));
    assertEquals(0.1, epochs.rate(77, 1), 1e-15);
    assertEquals(0.0125, epochs.rate(78, 4), 1e-15);
  }

  @Test
  void inverseTimeDividesByOnePlusDecayTimesElapsedUnits() {
    LearningRateSchedule epochs = schedule(0.1, new ScheduleSpec.InverseTime(0.5, ScheduleUnit.EPOCHS));
    assertEquals(0.1, epochs.rate(1, 1), 1e-15);
    assertEquals(0.1 / 1.5, epochs.rate(10, 2), 1e-15);
    assertEquals(0.05, epochs.rate(20, 3), 1e-15);
    LearningRateSchedule updates = schedule(1.0, new ScheduleSpec.InverseTime(0.01, ScheduleUnit.UPDATES));
    assertEquals(1.0, updates.rate(1, 1), 1e-15);
    assertEquals(0.5, updates.rate(101, 1), 1e-15);
  }

  @Test
  void cosineFallsFromTheBaseRateToTheMinimumOverThePeriodThenStays() {
    LearningRateSchedule s = schedule(0.1, new ScheduleSpec.Cosine(4, 0.01, ScheduleUnit.EPOCHS));
    assertEquals(0.1, s.rate(1, 1), 1e-15);
    assertEquals(0.01 + 0.045 * (1 + Math.cos(Math.PI / 4)), s.rate(1, 2), 1e-15);
    assertEquals(0.055, s.rate(1, 3), 1e-15);
    assertEquals(0.01 + 0.045 * (1 + Math.cos(3 * Math.PI / 4)), s.rate(1, 4), 1e-15);
    assertEquals(0.01, s.rate(1, 5), 1e-15);
    assertEquals(0.01, s.rate(1, 9), 1e-15);
  }

  @Test
  void cosineInUpdatesFallsToAMinimumOfZero() {
    LearningRateSchedule s = schedule(0.2, new ScheduleSpec.Cosine(100, 0.0, ScheduleUnit.UPDATES));
    assertEquals(0.2, s.rate(1, 1), 1e-15);
    assertEquals(0.1, s.rate(51, 1), 1e-15);
    assertEquals(0.0, s.rate(101, 3), 1e-15);
    assertEquals(0.0, s.rate(5000, 30), 1e-15);
  }

  @Test
  void updatesAndEpochsAreCountedFromOne() {
    LearningRateSchedule s = schedule(0.1, new ScheduleSpec.Exponential(0.9, ScheduleUnit.EPOCHS));
    assertThrows(IllegalArgumentException.class, () -> s.rate(0, 1));
    assertThrows(IllegalArgumentException.class, () -> s.rate(1, 0));
    assertThrows(IllegalArgumentException.class, () -> schedule(0.1, new ScheduleSpec.Constant()).rate(0, 1));
  }
}
