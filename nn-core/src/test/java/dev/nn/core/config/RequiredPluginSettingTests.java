package dev.nn.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.api.Loss;
import dev.nn.spi.ProblemId;
import dev.nn.core.testing.FakePlugins;
import dev.nn.spi.LossProvider;
import dev.nn.spi.Range;
import dev.nn.spi.Settings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A plugin that refuses a missing setting itself, as docs/plugin-api.md shows (read every setting, then throw
 * MISSING_KEY): what the file wrote beside it is reported with it, once each — a misspelling of the missing key as
 * unknown (it was hidden), and a value already refused as it was read not said to be missing as well.
 */
class RequiredPluginSettingTests {
  /** A loss "needs-scale" whose setting scale has no default; offset it reads too. */
  private static final LossProvider NEEDS_SCALE = new LossProvider() {
    @Override
    public String name() {
      return "needs-scale";
    }

    @Override
    public String summary() {
      return "scale·Σ(y − x)² + offset";
    }

    @Override
    public String settingsHelp() {
      return "scale: a number > 0, required; offset: a number (0)";
    }

    @Override
    public Loss create(Settings settings) {
      // asked for with has() alone, as a plugin may: its misspelling is still matched to it
      settings.number("offset", 0, Range.any());
      if (!settings.has("scale")) {
        throw new ConfigException(ConfigProblem.of(ProblemId.MISSING_KEY, "scale", "setting \"scale\" of "
            + settings.plugin() + " is required", "a number > 0"));
      }
      settings.number("scale", 1, Range.positive());
      throw new AssertionError("not created in these tests");
    }
  };

  private static List<ConfigProblem> problems(String loss) {
    ExperimentReader reader = new ExperimentReader(FakePlugins.lookup().with(List.of(NEEDS_SCALE)));
    String yaml = "data: {train: {source: generator, name: lecture-regression, samples: 100}}\n"
        + "network: {layers: [{units: 4}, {units: 1, activation: identity}]}\n"
        + "loss: " + loss + "\n";
    return assertThrows(ConfigException.class, () -> reader.read(yaml, "test.yaml", Path.of("/exp"), List.of()))
        .problems();
  }

  @Test
  void aMisspellingOfTheMissingKeyIsReportedWithIt() {
    List<ConfigProblem> p = problems("{name: needs-scale, scael: 2}");
    assertEquals(List.of("loss.scale", "loss.scael"), p.stream().map(ConfigProblem::path).toList(), p::toString);
    assertEquals(List.of(ProblemId.MISSING_KEY, ProblemId.UNKNOWN_KEY), p.stream().map(ConfigProblem::id).toList());
    assertEquals(List.of("scale"), p.get(1).suggestions());
    // a key its help names, though unread when it refused, is not called unknown
    List<ConfigProblem> named = problems("{name: needs-scale, offset: 1}");
    assertEquals(List.of("loss.scale"), named.stream().map(ConfigProblem::path).toList(), named::toString);
  }

  @Test
  void aValueRefusedAsItWasReadIsNotAlsoSaidToBeMissing() {
    List<ConfigProblem> p = problems("{name: needs-scale, scale: [1, 2]}");
    assertEquals(1, p.size(), p::toString);
    assertEquals(ProblemId.WRONG_TYPE, p.get(0).id());
    assertEquals("loss.scale", p.get(0).path());
  }
}
