package dev.nn.cli;

import dev.nn.api.Activation;
import dev.nn.spi.ActivationProvider;
import dev.nn.spi.Settings;

/**
 * A test plugin whose derivative is 1% too large, so that {@code nn gradcheck} has a real mistake to
 * catch. Registered for the tests of this module only.
 */
public final class SlightlyWrongTanhProvider implements ActivationProvider {
  /** The name experiments use. */
  static final String NAME = "slightly-wrong-tanh";

  /** Creates the provider; ServiceLoader calls this. */
  public SlightlyWrongTanhProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String summary() {
    return "tanh(z) with φ′ = 1.01·(1 − tanh²z), wrong on purpose";
  }

  @Override
  public Activation create(Settings settings) {
    return new Activation() {
      @Override
      public double phi(double z) {
        return Math.tanh(z);
      }

      @Override
      public double phiPrime(double z, double x) {
        return 1.01 * (1 - x * x);
      }
    };
  }
}
