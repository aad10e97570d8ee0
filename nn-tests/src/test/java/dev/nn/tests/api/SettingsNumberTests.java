package dev.nn.tests.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.spi.ConfigException;
import dev.nn.spi.Range;
import dev.nn.spi.Settings;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A plugin's number setting given as a string (YAML 1.1 reads 1e-3 as one) is read as the experiment's own keys
 * read numbers: a decimal number. Java's wider syntax took a typo such as "2d" or "0.5f", or a hexadecimal float,
 * silently as a number, where the core refuses it.
 */
class SettingsNumberTests {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"1e-3|0.001", "'-2.5'|-2.5", "+.5|0.5", "3.|3.0", "1_000|1000.0",
      "' 0.25 '|0.25", "2.5E+2|250.0"})
  void aDecimalStringIsANumber(String given, double expected) {
    assertEquals(expected, Settings.of("loss \"huber\"", Map.of("delta", given)).number("delta", 1.0,
        Range.any()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2d", "0.5f", "0x0.4p0", "1e", ".", "NaN", "Infinity", "1,5", ""})
  void anythingElseIsRefusedNamingTheSetting(String given) {
    ConfigException e = assertThrows(ConfigException.class, () -> Settings.of("loss \"huber\"",
        Map.of("delta", given)).number("delta", 1.0, Range.positive()));
    assertTrue(e.getMessage().contains("setting \"delta\" of loss \"huber\" must be a number, found \"" + given
        + "\""), e.getMessage());
  }
}
