package dev.nn.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An integer key refused as out of range states the whole range it allows, both bounds, so that the allowed text
 * never admits the value it refuses (an {@code epochs} of 10^12 is not "an integer >= 1" it failed to be).
 */
class IntegerRangeTests {
  private static final String MINIMAL =
      "data: {train: {source: generator, name: xor, samples: 8}}\n"
          + "network: {layers: [{units: auto}, {units: 4, activation: tanh}, {units: auto, activation: identity}]}\n"
          + "loss: softmax-cross-entropy\n";

  private static ConfigProblem rejected(String yaml) {
    List<ConfigProblem> p = assertThrows(ConfigException.class,
        () -> Resources.reader().read(MINIMAL + yaml, "t.yaml", Path.of("/exp"), List.of())).problems();
    assertEquals(1, p.size(), p::toString);
    return p.get(0);
  }

  @Test
  void aCountBeyondAnIntNamesBothBounds() {
    ConfigProblem p = rejected("training: {epochs: 1000000000000}\n");
    assertEquals("training.epochs", p.path());
    assertEquals("must be <= 2147483647, found 1000000000000", p.message());
    assertEquals("an integer from 1 to 2147483647", p.allowed());
    assertEquals("an integer from 1 to 2147483647", rejected("training: {batch-size: 0}\n").allowed());
  }

  @Test
  void unitsKeepTheirAlternative() {
    String yaml = MINIMAL.replace("{units: 4, activation: tanh}", "{units: 2147483648, activation: tanh}");
    List<ConfigProblem> p = assertThrows(ConfigException.class,
        () -> Resources.reader().read(yaml, "t.yaml", Path.of("/exp"), List.of())).problems();
    assertEquals("network.layers[1].units", p.get(0).path());
    assertEquals("an integer from 1 to 2147483647", p.get(0).allowed());
  }

  @Test
  void aSeedBeyondALongNamesTheLongRange() {
    ConfigProblem p = rejected("seed: 99999999999999999999\n");
    assertEquals("seed", p.path());
    assertEquals("an integer from -9223372036854775808 to 9223372036854775807", p.allowed());
  }

  @Test
  void aGeneratorSettingBeyondAnIntNamesItsOwnRange() {
    String yaml = "data: {train: {source: generator, name: lecture-regression, samples: 8, inputs: 99999999999}}\n"
        + "network: {layers: [{units: auto}, {units: 1, activation: identity}]}\nloss: squared\n";
    List<ConfigProblem> p = assertThrows(ConfigException.class,
        () -> Resources.reader().read(yaml, "t.yaml", Path.of("/exp"), List.of())).problems();
    assertEquals(1, p.size(), p::toString);
    assertEquals("setting \"inputs\" of generator \"lecture-regression\" must be <= 100000, found 99999999999",
        p.get(0).message());
    assertEquals("an integer from 1 to 100000", p.get(0).allowed());
  }

  @Test
  void theRangeReplacesOnlyAnOpenBound() {
    assertEquals("auto or an integer from 1 to 2147483647", NodeReader.withRange("auto or an integer >= 1", 1,
        Integer.MAX_VALUE));
    assertEquals("an integer from 1 to 9: updates", NodeReader.withRange("an integer >= 1: updates", 1, 9));
    assertEquals("an integer in [2, 100]", NodeReader.withRange("an integer in [2, 100]", 2, 100));
    assertEquals("an integer from 0 to 5", NodeReader.withRange("an integer", 0, 5));
  }
}
