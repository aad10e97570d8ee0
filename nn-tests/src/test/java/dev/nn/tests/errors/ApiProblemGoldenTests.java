package dev.nn.tests.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nn.core.schedule.LearningRateSchedules;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pins problems that only Java code can cause, because the experiment reader reports the same mistake
 * first under another id: what a caller sees is the id and the problem's one-line text, as the command line
 * prints a problem that belongs to no file.
 */
class ApiProblemGoldenTests {

  @Test
  void aStepScheduleBuiltInCodeWithoutAStepSize() throws IOException {
    ConfigException e = assertThrows(ConfigException.class,
        () -> LearningRateSchedules.create(0.1, Settings.of("schedule \"step\"", Map.of("name", "step"))));

    assertEquals(golden("api-schedule-without-step-size.txt"), line(e.problems().get(0)));
  }

  private static String line(ConfigProblem p) {
    return "[" + p.id().code() + "] " + p + "\n";
  }

  private static String golden(String name) throws IOException {
    return Files.readString(RunProblemGoldenTests.DIR.resolve(name), StandardCharsets.UTF_8);
  }
}
