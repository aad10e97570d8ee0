package dev.nn.core.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nn.core.config.Experiment;
import dev.nn.core.config.ExperimentReader;
import dev.nn.core.network.Structure;
import dev.nn.core.testing.FakePlugins;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.ProblemId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tie geometry is checked once, by the experiment reader's tie checker; the network's structure is built
 * from the checked spec, and the checker runs again only for what the reader could not know: widths
 * written {@code auto}, which the data fixes.
 */
class TieCheckOnceTests {
  @TempDir Path dir;

  private Experiment read(String layers) throws IOException {
    Path file = dir.resolve("ties.yaml");
    Files.writeString(file,
        "data: {train: {source: generator, name: lecture-regression, samples: 100}}\n"
            + "network:\n"
            + "  layers: " + layers + "\n"
            + "  ties:\n"
            + "    - {tie: \"layers[2].W\", to: \"layers[1].W\", transpose: true}\n"
            + "loss: squared\n");
    return new ExperimentReader(FakePlugins.lookup()).read(file, List.of());
  }

  @Test
  void aTieAgainstAnAutoWidthIsCheckedWhenTheDataFixesIt() throws IOException {
    Experiment e = read("[{units: auto}, {units: 4, activation: tanh}, {units: auto, activation: identity}]");

    ConfigException bad = assertThrows(ConfigException.class, () -> Structures.from(e.network(), new int[] {3, 4, 2}));
    ConfigProblem p = bad.problems().get(0);
    assertEquals(1, bad.problems().size());
    assertEquals(ProblemId.BAD_TIE, p.id());
    assertEquals("network.ties[0]", p.path());
    assertEquals(5, p.line());
    assertEquals("shapes differ: W(2) is 4×2 but W(1)ᵀ is 4×3", p.message());
    assertNotNull(Structures.from(e.network(), new int[] {2, 4, 2}));
  }

  @Test
  void aTieTheReaderCheckedBuildsItsStructure() throws IOException {
    Experiment e = read("[{units: 2}, {units: 4, activation: tanh}, {units: 2, activation: identity}]");

    Structure s = Structures.from(e.network(), new int[] {2, 4, 2});
    assertNotNull(s);
  }

  @Test
  void aTieThatDoesNotFitWrittenWidthsIsRejectedWhereTheExperimentIsRead() {
    ConfigException bad = assertThrows(ConfigException.class,
        () -> read("[{units: 3}, {units: 4, activation: tanh}, {units: 2, activation: identity}]"));
    assertEquals(ProblemId.BAD_TIE, bad.problems().get(0).id());
    assertEquals(5, bad.problems().get(0).line());
  }
}
