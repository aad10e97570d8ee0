package dev.nn.tests.losses;

import static dev.nn.tests.losses.KnownValues.assertLossAndSeed;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.api.Loss;
import dev.nn.losses.HuberProvider;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** huber with its default delta 1.0; {@link HuberWithSmallDeltaTests} covers another delta. */
class HuberTests implements BuiltInLossContract {

  @Override
  public Loss loss() {
    return BuiltInLossContract.create(new HuberProvider());
  }

  private static Loss huber(Object delta) {
    return new HuberProvider().create(Settings.of("loss \"huber\"", Map.of("delta", delta)));
  }

  @Test
  void isQuadraticInsideDeltaAndLinearOutsideWithDefaultDeltaOne() {
    double[] x = {1.5, -3, 2, 0.25};
    double[] y = {1, 0, 1, 0};
    // r = 0.5, −3, 1, 0.25: ½·0.25 + 1·(3 − ½) + 1·(1 − ½) + ½·0.0625; seed r clipped to [−1, 1]
    double expected = 0.125 + 2.5 + 0.5 + 0.03125;
    assertLossAndSeed(loss(), x, y, 1, 4, expected, new double[] {0.5, -1, 1, 0.25}, 1e-15);
  }

  @Test
  void scalesTheLinearPartByANonDefaultDelta() {
    double[] x = {1.5, -3, 2, 0.25};
    double[] y = {1, 0, 1, 0};
    // delta 2: r = 0.5, 1, 0.25 are inside (½r²), r = −3 is outside: 2·(3 − 1)
    double expected = 0.125 + 4 + 0.5 + 0.03125;
    assertLossAndSeed(huber(2.0), x, y, 1, 4, expected, new double[] {0.5, -2, 1, 0.25}, 1e-15);
  }

  @Test
  void matchesHalfSquaredWhileEveryResidualIsInsideDelta() {
    double[] x = {0.3, -0.7, 0.1};
    double[] y = {0, 0.2, -0.4};
    double halfSquares = 0;
    for (int i = 0; i < x.length; i++) {
      halfSquares += 0.5 * (x[i] - y[i]) * (x[i] - y[i]);
    }
    assertEquals(halfSquares, loss().value(x, x, y, 1, 3), 1e-15);
  }

  @Test
  void hasKinksAtTheTargetPlusAndMinusDelta() {
    assertArrayEquals(new double[] {-0.5, 1.5}, loss().kinks(0.5));
    assertArrayEquals(new double[] {-1.5, 2.5}, huber(2).kinks(0.5));
  }

  @Test
  void acceptsDeltaWrittenAsAString() {
    assertEquals(0.5 * 0.25 * 0.25, huber("0.5e0").value(new double[] {0.25}, new double[] {0.25},
        new double[] {0}, 1, 1), 0);
  }

  @Test
  void rejectsANonPositiveDeltaNamingSettingPluginValueAndRange() {
    for (double bad : new double[] {0, -0.5}) {
      ConfigException e = assertThrows(ConfigException.class, () -> huber(bad));
      ConfigProblem problem = e.problems().get(0);
      assertEquals("delta", problem.path());
      assertEquals("> 0", problem.allowed());
      String message = e.getMessage();
      assertTrue(message.contains("\"delta\""), message);
      assertTrue(message.contains("loss \"huber\""), message);
      assertTrue(message.contains("found " + bad), message);
      assertTrue(message.contains("must be > 0"), message);
    }
  }

  @Test
  void rejectsADeltaThatIsNotAFiniteNumber() {
    ConfigException text = assertThrows(ConfigException.class, () -> huber("wide"));
    assertTrue(text.getMessage().contains("must be a number, found \"wide\""), text.getMessage());
    ConfigException infinite = assertThrows(ConfigException.class, () -> huber(Double.POSITIVE_INFINITY));
    assertTrue(infinite.getMessage().contains("found Infinity"), infinite.getMessage());
  }

  @Test
  void readsDeltaSoNoKeyIsReportedUnknown() {
    Settings settings = Settings.of("loss \"huber\"", Map.of("delta", 0.5));
    new HuberProvider().create(settings);
    assertTrue(settings.unreadKeys().isEmpty(), settings.unreadKeys().toString());
  }

  @Test
  void documentsDeltaAndItsDefault() {
    String help = new HuberProvider().settingsHelp();
    assertTrue(help.contains("delta") && help.contains("> 0") && help.contains("default 1.0"), help);
  }
}
