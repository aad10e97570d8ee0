package dev.nn.cli;

import dev.nn.api.Loss;
import dev.nn.api.Seeding;
import dev.nn.api.TargetKind;
import dev.nn.spi.LossProvider;
import dev.nn.spi.Settings;

/**
 * A test plugin loss: the squared loss, with the interface's default link ({@code link: plain}) or with a link of
 * its own that doubles the output layer ({@code link: doubled}), which no exported file can know. Registered for
 * the tests of this module only.
 */
public final class TestSquaredProvider implements LossProvider {
  /** The name experiments use. */
  static final String NAME = "test-squared";

  /** Creates the provider; ServiceLoader calls this. */
  public TestSquaredProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String summary() {
    return "the squared loss; link: plain (the output layer) or doubled (twice the output layer)";
  }

  @Override
  public Loss create(Settings settings) {
    return "doubled".equals(settings.choice("link", "plain", "plain", "doubled")) ? new Doubled() : new Plain();
  }

  /** Σ (y − x)², predictions x(L+1). */
  private static class Plain implements Loss {
    @Override
    public Seeding seeding() {
      return Seeding.DEFAULT;
    }

    @Override
    public TargetKind targets() {
      return TargetKind.REAL;
    }

    @Override
    public double value(double[] z, double[] x, double[] y, int rows, int cols) {
      double sum = 0;
      for (int i = 0; i < rows * cols; i++) {
        sum += (y[i] - x[i]) * (y[i] - x[i]);
      }
      return sum;
    }

    @Override
    public double seed(double[] z, double[] x, double[] y, double[] delta, int rows, int cols) {
      for (int i = 0; i < rows * cols; i++) {
        delta[i] = -2 * (y[i] - x[i]);
      }
      return value(z, x, y, rows, cols);
    }
  }

  /** The same loss, predicting 2·x(L+1). */
  private static final class Doubled extends Plain {
    @Override
    public void link(double[] z, double[] x, double[] out, int rows, int cols) {
      for (int i = 0; i < rows * cols; i++) {
        out[i] = 2 * x[i];
      }
    }
  }
}
