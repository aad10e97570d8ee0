package dev.nn.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A generator source without its {@code samples} still has its other settings checked: the misspelt key that is why
 * samples is missing, and a bad value beside it, are reported with the missing key, not after it is mended.
 */
class GeneratorSourceProblemsTests {
  @Test
  void aMissingSampleCountHidesNoOtherProblemOfTheSource() {
    String yaml = "data:\n  train: {source: generator, name: spirals, sampels: 100, noise: lots}\n"
        + "network: {layers: [{units: auto}, {units: 4, activation: tanh}, {units: auto, activation: identity}]}\n"
        + "loss: softmax-cross-entropy\n";
    List<ConfigProblem> p = assertThrows(ConfigException.class,
        () -> Resources.reader().read(yaml, "g1.yaml", Path.of("/exp"), List.of())).problems();

    assertEquals(List.of("data.train.samples", "data.train.sampels", "data.train.noise"),
        p.stream().map(ConfigProblem::path).toList(), p::toString);
    assertEquals(List.of("samples"), p.get(1).suggestions());
    assertEquals("setting \"noise\" of generator \"spirals\" must be a number, found \"lots\"", p.get(2).message());
  }
}
