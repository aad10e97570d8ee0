package com.example.acme.nn;

import dev.nn.api.Loss;
import dev.nn.spi.LossProvider;
import dev.nn.spi.Range;
import dev.nn.spi.Settings;

/**
 * The {@code acme-pseudo-huber} loss: with r = x − y, L_n = Σ_k δ²(√(1 + (r_k/δ)²) − 1), for real
 * targets. An experiment selects it with {@code loss: acme-pseudo-huber} or
 * {@code loss: {name: acme-pseudo-huber, delta: 0.5}}. Setting {@code delta}: a number &gt; 0,
 * default 1.0.
 *
 * <p>Found by {@link java.util.ServiceLoader}, which needs this class public with a public no-argument
 * constructor.
 */
public final class AcmePseudoHuberProvider implements LossProvider {
  /** 1.0, the default of nn's built-in huber loss too. */
  static final double DEFAULT_DELTA = 1.0;

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public AcmePseudoHuberProvider() {}

  @Override
  public String name() {
    return "acme-pseudo-huber";
  }

  @Override
  public String summary() {
    return "L = Σ_k delta²·(√(1 + (r_k/delta)²) − 1), r = x − y; seed ∂L/∂x = r/√(1 + (r/delta)²); "
        + "real targets";
  }

  @Override
  public String settingsHelp() {
    return "delta: number > 0, default 1.0 (the residual scale at which the loss turns from quadratic to linear)";
  }

  @Override
  public Loss create(Settings settings) {
    return new AcmePseudoHuber(settings.number("delta", DEFAULT_DELTA, Range.positive()));
  }
}
