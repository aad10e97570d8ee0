package dev.nn.activations;

import dev.nn.api.Activation;

/** φ(z) = z, φ′(z) = 1: the output layer of a regression, or of a loss that owns its link. */
final class Identity implements Activation {

  @Override
  public double phi(double z) {
    return z;
  }

  @Override
  public double phiPrime(double z, double x) {
    return 1.0;
  }

  @Override
  public void forward(double[] z, double[] x, int count) {
    System.arraycopy(z, 0, x, 0, count);
  }

  @Override
  public boolean forwardFloats(float[] z, float[] x, int count) {
    System.arraycopy(z, 0, x, 0, count);
    return true;
  }

  @Override
  public void backward(double[] z, double[] x, double[] delta, int count) {
    // δ · 1 = δ: nothing to do.
  }

  @Override
  public boolean backwardFloats(float[] z, float[] x, float[] delta, int count) {
    return true;
  }

  @Override
  public String toString() {
    return "identity";
  }
}
