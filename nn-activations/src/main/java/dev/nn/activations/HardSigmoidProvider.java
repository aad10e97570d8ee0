package dev.nn.activations;

import dev.nn.api.Activation;
import dev.nn.spi.ActivationProvider;
import dev.nn.spi.Settings;

/** The built-in activation {@code hard-sigmoid}: PyTorch's Hardsigmoid, φ(z) = clip(z/6 + 1/2, 0, 1), with φ′(±3) = 0. It reads no settings. */
public final class HardSigmoidProvider implements ActivationProvider {

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public HardSigmoidProvider() {}

  @Override
  public String name() {
    return "hard-sigmoid";
  }

  @Override
  public String summary() {
    return "clip(z/6 + 1/2, 0, 1); derivative 0 at z = -3 and z = 3";
  }

  @Override
  public Activation create(Settings settings) {
    return new HardSigmoid();
  }
}
