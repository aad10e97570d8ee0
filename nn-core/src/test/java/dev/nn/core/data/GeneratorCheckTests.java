package dev.nn.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nn.spi.ConfigException;
import dev.nn.spi.ProblemId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Generators#check}: a generator's settings checked, and its size counted, without drawing its data. */
class GeneratorCheckTests {
  @Test
  void countsTheValuesOfADataSetFarLargerThanTheHeapWithoutDrawingIt() {
    // 2,000,000 samples of 1000 inputs and one target: 16 GB as doubles; two classes are two target columns
    assertEquals(2_002_000_000L, Generators.check("lecture-regression", Map.of("inputs", 1000, "samples", 2_000_000)));
    assertEquals(8L * (2 + 2), Generators.check("xor", Map.of("samples", 8)));
    assertEquals(10L * (2 + 2), Generators.check("spirals", Map.of("samples", "10")));
  }

  @Test
  void reportsEveryBadSettingAsGenerateWould() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> Generators.check("xor", Map.of("samples", 8, "noise", -1, "nois", 1)));
    assertEquals(2, e.problems().size(), e.getMessage());
    assertEquals(ProblemId.INVALID_SETTING, e.problems().get(0).id());
    assertEquals("noise", e.problems().get(0).path());
    assertEquals(ProblemId.UNKNOWN_SETTING, e.problems().get(1).id());
    assertEquals("nois", e.problems().get(1).path());
  }

  @Test
  void reportsASampleCountOutOfTheGeneratorsRange() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> Generators.check("sine", Map.of("samples", 20_000_000)));
    assertEquals("samples", e.problems().get(0).path());
  }
}
