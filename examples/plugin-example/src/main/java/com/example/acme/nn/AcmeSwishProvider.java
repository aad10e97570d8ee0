package com.example.acme.nn;

import dev.nn.api.Activation;
import dev.nn.spi.ActivationProvider;
import dev.nn.spi.Range;
import dev.nn.spi.Settings;

/**
 * The {@code acme-swish} activation, φ(z) = z·σ(βz). An experiment selects it with
 * {@code activation: acme-swish} or {@code activation: {name: acme-swish, beta: 1.5}}.
 * Setting {@code beta}: a number &gt;= 0, default 1.0.
 *
 * <p>Found by {@link java.util.ServiceLoader}, which needs this class public with a public no-argument
 * constructor.
 */
public final class AcmeSwishProvider implements ActivationProvider {
  /** β = 1 is the SiLU of Elfwing et al. and PyTorch's {@code nn.SiLU}. */
  static final double DEFAULT_BETA = 1.0;

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public AcmeSwishProvider() {}

  @Override
  public String name() {
    return "acme-swish";
  }

  @Override
  public String summary() {
    return "z·sigmoid(beta·z); beta = 1 is SiLU, beta = 0 is z/2, large beta approaches relu";
  }

  @Override
  public String settingsHelp() {
    return "beta: number >= 0, default 1.0 (the slope inside the sigmoid)";
  }

  @Override
  public Activation create(Settings settings) {
    return new AcmeSwish(settings.number("beta", DEFAULT_BETA, Range.atLeast(0)));
  }
}
