package dev.nn.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.Range;
import dev.nn.spi.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A setting that is NaN or infinite (YAML's .nan, .inf) is refused by the typed getters as not finite: ".inf" is
 * "> 0", so "must be > 0, found Infinity" contradicted itself.
 */
class NonFiniteSettingTests {
  private static ConfigProblem refusal(Runnable read) {
    return assertThrows(ConfigException.class, read::run).problems().get(0);
  }

  @Test
  void aNumberThatIsNotFiniteIsToldAFiniteNumberIsNeeded() {
    Settings s = Settings.of("activation \"xq-isru\"", Map.of("alpha", Double.POSITIVE_INFINITY, "beta", Double.NaN,
        "gamma", Double.NEGATIVE_INFINITY));
    ConfigProblem alpha = refusal(() -> s.number("alpha", 1, Range.positive()));
    assertEquals("setting \"alpha\" of activation \"xq-isru\" must be a finite number > 0, found Infinity",
        alpha.message());
    assertEquals("a finite number > 0", alpha.allowed());
    ConfigProblem beta = refusal(() -> s.number("beta", 1, Range.closed(0, 1)));
    assertEquals("setting \"beta\" of activation \"xq-isru\" must be a finite number in [0, 1], found NaN",
        beta.message());
    ConfigProblem gamma = refusal(() -> s.number("gamma", 1, Range.any()));
    assertEquals("setting \"gamma\" of activation \"xq-isru\" must be a finite number, found -Infinity",
        gamma.message());
    assertEquals("a finite number", gamma.allowed());
  }

  @Test
  void anIntegerThatIsNotFiniteIsToldAFiniteIntegerIsNeeded() {
    Settings s = Settings.of("optimizer \"xq\"", Map.of("steps", Double.POSITIVE_INFINITY));
    ConfigProblem steps = refusal(() -> s.integer("steps", 1, Range.atLeast(1)));
    assertEquals("setting \"steps\" of optimizer \"xq\" must be a finite integer >= 1, found Infinity",
        steps.message());
    assertEquals("a finite integer >= 1", steps.allowed());
  }

  /** A built-in plugin's setting is read by the same getter, and so refused the same way. */
  @Test
  void aBuiltInPluginsSettingThatIsNotFiniteIsToldTheSame() {
    ConfigProblem p = refusal(() -> PluginRegistry.loadDefault().create(PluginKind.OPTIMIZER, "adam",
        Settings.of("optimizer \"adam\"", Map.of("eps", Double.POSITIVE_INFINITY))));
    assertEquals("setting \"eps\" of optimizer \"adam\" must be a finite number > 0, found Infinity", p.message());
  }
}
