package dev.nn.losses;

import dev.nn.api.Loss;
import dev.nn.spi.LossProvider;
import dev.nn.spi.Range;
import dev.nn.spi.Settings;

/**
 * The Huber loss with PyTorch's {@code HuberLoss(delta)} per element, summed over the output nodes:
 * with r = x − y, L_n = Σ_k ½r_k² where |r_k| &lt; δ, else δ(|r_k| − ½δ). Relative to PyTorch:
 * J = {@code HuberLoss(reduction='sum', delta=δ)} / B, i.e. K times {@code HuberLoss(delta=δ)} for K
 * outputs.
 *
 * <p>Found by {@link java.util.ServiceLoader}; an experiment selects it with {@code loss: huber} or
 * {@code loss: {name: huber, delta: 0.5}}. Setting {@code delta}: a number &gt; 0, default 1.0.
 */
public final class HuberProvider implements LossProvider {
  /** PyTorch's default. */
  static final double DEFAULT_DELTA = 1.0;

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public HuberProvider() {}

  @Override
  public String name() {
    return "huber";
  }

  @Override
  public String summary() {
    return "L = Σ_k [½r_k² if |r_k| < delta, else delta·(|r_k| − ½delta)], r = x − y; "
        + "seed ∂L/∂x = r clipped to [−delta, delta]; real targets";
  }

  @Override
  public String settingsHelp() {
    return "delta: number > 0, default 1.0 (the residual at which the quadratic part turns linear)";
  }

  @Override
  public Loss create(Settings settings) {
    return new Huber(settings.number("delta", DEFAULT_DELTA, Range.positive()));
  }
}
