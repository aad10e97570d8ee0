package dev.nn.core.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nn.core.config.ScheduleSpec;
import dev.nn.core.config.ScheduleUnit;
import org.junit.jupiter.api.Test;

/** Linear warm-up: the first W updates climb in equal steps to the schedule's own rate, which then runs as is. */
class WarmupScheduleTests {

  @Test
  void theFirstUpdatesClimbInEqualStepsToTheBaseRate() {
    LearningRateSchedule s = LearningRateSchedules.create(0.1, new ScheduleSpec.Constant(), 4);
    assertEquals(0.1 / 4, s.rate(1, 1), 0.0);
    assertEquals(0.1 * 2 / 4, s.rate(2, 1), 0.0);
    assertEquals(0.1 * 3 / 4, s.rate(3, 1), 0.0);
    assertEquals(0.1, s.rate(4, 1), 0.0);
    assertEquals(0.1, s.rate(5, 2), 0.0);
    assertEquals(0.1, s.rate(1_000_000, 40), 0.0);
  }

  /** Warm-up scales the schedule's own rate at the same update, here a step schedule halving every 2 updates. */
  @Test
  void itScalesWhateverScheduleFollowsAndThenLeavesItAlone() {
    ScheduleSpec step = new ScheduleSpec.Step(2, 0.5, ScheduleUnit.UPDATES);
    LearningRateSchedule plain = LearningRateSchedules.create(0.8, step);
    LearningRateSchedule warmed = LearningRateSchedules.create(0.8, step, 5);
    for (long t = 1; t <= 12; t++) {
      double expected = t < 5 ? plain.rate(t, 1) * t / 5 : plain.rate(t, 1);
      assertEquals(expected, warmed.rate(t, 1), 0.0, "update " + t);
    }
    // update 3: the step schedule gives 0.8·0.5 = 0.4, three fifths of it
    assertEquals(0.4 * 3 / 5, warmed.rate(3, 1), 1e-16);
  }

  @Test
  void noWarmupIsTheScheduleItselfAndAWarmupBelowOneIsRefused() {
    LearningRateSchedule plain = LearningRateSchedules.create(0.3, new ScheduleSpec.Constant(), 0);
    assertEquals(ConstantSchedule.class, plain.getClass());
    LearningRateSchedule one = LearningRateSchedules.create(0.3, new ScheduleSpec.Constant(), 1);
    assertEquals(0.3, one.rate(1, 1), 0.0);
    assertThrows(IllegalArgumentException.class, () -> new WarmupSchedule(plain, 0));
    assertSame(plain, new WarmupSchedule(plain, 3).inner());
  }
}
