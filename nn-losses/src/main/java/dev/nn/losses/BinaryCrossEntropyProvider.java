package dev.nn.losses;

import dev.nn.api.Loss;
import dev.nn.spi.LossProvider;
import dev.nn.spi.Settings;

/**
 * Binary cross-entropy on logits, fused with the sigmoid: L_n = Σ_k −[y_k log σ(z_k) + (1 − y_k)
 * log(1 − σ(z_k))], δ(L+1) = σ(z) − y, and prediction reports σ(z). The output layer must be
 * {@code identity}. Relative to PyTorch: J = {@code BCEWithLogitsLoss(reduction='sum')} / B, i.e.
 * K times {@code BCEWithLogitsLoss()} for K outputs (equal for K = 1).
 *
 * <p>Found by {@link java.util.ServiceLoader}; an experiment selects it with
 * {@code loss: binary-cross-entropy}. It reads no settings.
 */
public final class BinaryCrossEntropyProvider implements LossProvider {

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public BinaryCrossEntropyProvider() {}

  @Override
  public String name() {
    return "binary-cross-entropy";
  }

  @Override
  public String summary() {
    return "L = Σ_k [max(z_k, 0) − z_k·y_k + log(1 + e^(−|z_k|))] on logits; δ = σ(z) − y; "
        + "predicts σ(z); targets 0/1; identity output only";
  }

  @Override
  public Loss create(Settings settings) {
    return new BinaryCrossEntropy();
  }
}
