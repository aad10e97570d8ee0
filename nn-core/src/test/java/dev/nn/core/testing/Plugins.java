package dev.nn.core.testing;

import dev.nn.api.Activation;
import dev.nn.api.Loss;
import dev.nn.api.Optimizer;
import dev.nn.api.Seeding;
import dev.nn.api.TargetKind;

/**
 * Small plugins written out in test scope, so the engine's tests do not depend on the built-in plugin
 * modules (which are tested against the conformance kit in nn-tests).
 */
public final class Plugins {
  private Plugins() {}

  /** φ(z) = z. */
  public static final Activation IDENTITY = new Activation() {
    @Override
    public double phi(double z) {
      return z;
    }

    @Override
    public double phiPrime(double z, double x) {
      return 1.0;
    }
  };

  /** φ(z) = 1/(1 + e^−z), φ′ = x(1 − x). */
  public static final Activation SIGMOID = new Activation() {
    @Override
    public double phi(double z) {
      return 1.0 / (1.0 + Math.exp(-z));
    }

    @Override
    public double phiPrime(double z, double x) {
      return x * (1.0 - x);
    }
  };

  /** φ(z) = tanh z, φ′ = 1 − x². */
  public static final Activation TANH = new Activation() {
    @Override
    public double phi(double z) {
      return Math.tanh(z);
    }

    @Override
    public double phiPrime(double z, double x) {
      return 1.0 - x * x;
    }
  };

  /** φ(z) = max(0, z), φ′(0) = 0, kink at 0. */
  public static final Activation RELU = new Activation() {
    @Override
    public double phi(double z) {
      return z > 0 ? z : 0.0;
    }

    @Override
    public double phiPrime(double z, double x) {
      return z > 0 ? 1.0 : 0.0;
    }

    @Override
    public double[] kinks() {
      return new double[] {0.0};
    }
  };

  /** The lecture's squared loss: L_n = Σ_k (y_k − x_k)², seed −2(y − x). */
  public static final Loss SQUARED = new Loss() {
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
      double s = 0;
      for (int i = 0; i < rows * cols; i++) {
        s += (y[i] - x[i]) * (y[i] - x[i]);
      }
      return s;
    }

    @Override
    public double seed(double[] z, double[] x, double[] y, double[] delta, int rows, int cols) {
      for (int i = 0; i < rows * cols; i++) {
        delta[i] = -2 * (y[i] - x[i]);
      }
      return value(z, x, y, rows, cols);
    }
  };

  /** Softmax cross-entropy on logits (fused): seed softmax(z) − y. */
  public static final Loss SOFTMAX_CROSS_ENTROPY = new Loss() {
    @Override
    public Seeding seeding() {
      return Seeding.FUSED;
    }

    @Override
    public TargetKind targets() {
      return TargetKind.ONE_HOT;
    }

    @Override
    public double value(double[] z, double[] x, double[] y, int rows, int cols) {
      double s = 0;
      for (int r = 0; r < rows; r++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < cols; k++) {
          max = Math.max(max, z[r * cols + k]);
        }
        double sum = 0;
        for (int k = 0; k < cols; k++) {
          sum += Math.exp(z[r * cols + k] - max);
        }
        double lse = max + Math.log(sum);
        for (int k = 0; k < cols; k++) {
          s += y[r * cols + k] * (lse - z[r * cols + k]);
        }
      }
      return s;
    }

    @Override
    public double seed(double[] z, double[] x, double[] y, double[] delta, int rows, int cols) {
      for (int r = 0; r < rows; r++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < cols; k++) {
          max = Math.max(max, z[r * cols + k]);
        }
        double sum = 0;
        for (int k = 0; k < cols; k++) {
          sum += Math.exp(z[r * cols + k] - max);
        }
        for (int k = 0; k < cols; k++) {
          delta[r * cols + k] = Math.exp(z[r * cols + k] - max) / sum - y[r * cols + k];
        }
      }
      return value(z, x, y, rows, cols);
    }
  };

  /** The lecture's SGD step w ← w − η·g, stateless. */
  public static final Optimizer SGD = size -> (w, g, rate, t) -> {
    for (int i = 0; i < size; i++) {
      w.put(i, w.get(i) - rate * g.get(i));
    }
  };

  /** SGD with heavy-ball momentum 0.9 (v ← 0.9v + g, w ← w − ηv), whose state a checkpoint must carry. */
  public static final Optimizer MOMENTUM = size -> new Optimizer.Updater() {
    private final double[] v = new double[size];

    @Override
    public void step(java.nio.DoubleBuffer w, java.nio.DoubleBuffer g, double rate, long t) {
      for (int i = 0; i < size; i++) {
        v[i] = 0.9 * v[i] + g.get(i);
        w.put(i, w.get(i) - rate * v[i]);
      }
    }

    @Override
    public double[] exportState() {
      return v.clone();
    }

    @Override
    public void importState(double[] state) {
      System.arraycopy(state, 0, v, 0, size);
    }
  };
}
