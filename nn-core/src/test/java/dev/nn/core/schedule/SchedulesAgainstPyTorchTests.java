package dev.nn.core.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.config.ScheduleSpec;
import dev.nn.core.config.ScheduleUnit;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * nn's schedules against PyTorch 1.13's schedulers, update by update: {@code schedules/torch-schedules.csv} holds the
 * rate {@code StepLR}, {@code ExponentialLR}, {@code CosineAnnealingLR} and {@code LinearLR} (nn's warm-up) gave each
 * update, stepped once per update (written by {@code schedules/torch_schedules.py}, beside it). PyTorch computes most
 * of them recursively, each rate from the last, and nn in closed form, so they agree to rounding.
 */
class SchedulesAgainstPyTorchTests {
  private static final double BASE = 0.1;

  private static final Map<String, LearningRateSchedule> NN = Map.of(
      "step", LearningRateSchedules.create(BASE, new ScheduleSpec.Step(7, 0.5, ScheduleUnit.UPDATES)),
      "exponential", LearningRateSchedules.create(BASE, new ScheduleSpec.Exponential(0.95, ScheduleUnit.UPDATES)),
      "cosine", LearningRateSchedules.create(BASE, new ScheduleSpec.Cosine(40, 0.001, ScheduleUnit.UPDATES)),
      "warmup", LearningRateSchedules.create(BASE, new ScheduleSpec.Constant(), 8));

  @Test
  void everyUpdatesRateIsPyTorchsToRounding() throws IOException {
    Map<String, List<double[]>> cases = new LinkedHashMap<>();
    try (InputStream in = getClass().getResourceAsStream("/schedules/torch-schedules.csv")) {
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
      for (int i = 1; i < lines.length; i++) {
        String[] cells = lines[i].split(",");
        cases.computeIfAbsent(cells[0], k -> new ArrayList<>())
            .add(new double[] {Double.parseDouble(cells[1]), Double.parseDouble(cells[2])});
      }
    }
    assertEquals(NN.keySet(), cases.keySet());
    for (Map.Entry<String, List<double[]>> c : cases.entrySet()) {
      LearningRateSchedule schedule = NN.get(c.getKey());
      double lowest = BASE;
      for (double[] row : c.getValue()) {
        long update = (long) row[0];
        double expected = row[1];
        assertEquals(expected, schedule.rate(update, 1), 1e-15 * expected, c.getKey() + ", update " + update);
        lowest = Math.min(lowest, expected);
      }
      assertTrue(lowest < 0.5 * BASE, c.getKey() + ": the rate moved");
    }
  }
}
