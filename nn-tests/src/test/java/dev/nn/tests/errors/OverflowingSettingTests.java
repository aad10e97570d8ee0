package dev.nn.tests.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.Nn;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A plugin's setting written as a number beyond float64 ({@code 1e400}) reads as infinity, and the plugin refuses
 * infinity; the problem shows the number as the file or the command line wrote it ("found Infinity" named a value
 * the user never wrote), while a written {@code .inf} is still shown as the infinity it is.
 */
class OverflowingSettingTests {
  private static final String EXPERIMENT = """
      name: overflow
      network:
        layers:
          - units: 2
          - {units: 3, activation: {name: leaky-relu, slope: %s}}
          - {units: 1, activation: sigmoid}
      data: {train: {source: generator, name: xor, samples: 8}}
      loss: squared
      optimizer: {name: sgd, learning-rate: 0.1}
      training: {epochs: 1}
      """;

  private static ConfigProblem problem(String slope, List<String> overrides) {
    Nn nn = Nn.create();
    ConfigException e = assertThrows(ConfigException.class,
        () -> nn.parse(EXPERIMENT.formatted(slope), overrides));
    assertEquals(1, e.problems().size(), e.getMessage());
    return e.problems().get(0);
  }

  @Test
  void aNumberTooLargeForFloat64IsShownAsWritten() {
    ConfigProblem p = problem("1e400", List.of());
    assertEquals("network.layers[1].activation.slope", p.path());
    assertEquals("setting \"slope\" of activation \"leaky-relu\" must be a finite number in [0, 1], found 1e400"
        + " (beyond the largest float64 number, about 1.8e308)", p.message());
    ConfigProblem negative = problem("-2E+999", List.of());
    assertEquals("setting \"slope\" of activation \"leaky-relu\" must be a finite number in [0, 1], found -2E+999"
        + " (beyond the largest float64 number, about 1.8e308)", negative.message());
  }

  @Test
  void anOverrideTooLargeIsShownAsWrittenToo() {
    ConfigProblem p = problem("0.1", List.of("network.layers[1].activation.slope=1e309"));
    assertEquals("setting \"slope\" of activation \"leaky-relu\" must be a finite number in [0, 1], found 1e309"
        + " (beyond the largest float64 number, about 1.8e308)", p.message().replaceAll(" \\(from --set.*", ""));
  }

  /** An integer beyond 64 bits is a number as 1e20 is: a number setting takes it (it was "integer too large"). */
  @Test
  void anIntegerBeyond64BitsIsANumber() {
    Nn nn = Nn.create();
    String softplus = EXPERIMENT.formatted("0.1").replace("{name: leaky-relu, slope: 0.1}",
        "{name: softplus, threshold: 100000000000000000000}");
    assertEquals("softplus", nn.parse(softplus, List.of()).network().layers().get(1).activation().orElseThrow()
        .name());
  }

  /** A number too small for float64 would read as 0 without a word: refused, in a plugin's setting and a core key. */
  @Test
  void aNumberBelowFloat64IsRefusedRatherThanReadAsZero() {
    ConfigProblem p = problem("1e-400", List.of());
    assertEquals("network.layers[1].activation.slope", p.path());
    assertEquals("found 1e-400, below the smallest float64 number (about 4.9e-324), which reads as 0", p.message());
    ConfigProblem core = problem("0.1", List.of("l2=1e-999"));
    assertEquals("l2", core.path());
    assertTrue(core.message().startsWith("found 1e-999, below the smallest float64 number"), core.message());
    assertEquals(">= 0", core.allowed(), "what the key allows");
    // the other end is still the plugin's to refuse, in its words
    assertEquals("setting \"slope\" of activation \"leaky-relu\" must be in [0, 1], found 2",
        problem("2", List.of()).message());
  }

  @Test
  void aWrittenInfinityIsShownAsInfinity() {
    assertEquals("setting \"slope\" of activation \"leaky-relu\" must be a finite number in [0, 1], found Infinity",
        problem(".inf", List.of()).message());
  }
}
