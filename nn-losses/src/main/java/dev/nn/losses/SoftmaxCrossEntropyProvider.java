package dev.nn.losses;

import dev.nn.api.Loss;
import dev.nn.spi.LossProvider;
import dev.nn.spi.Settings;

/**
 * Softmax cross-entropy on logits, fused with the softmax: L_n = logsumexp(z) − Σ_k y_k z_k for
 * one-hot y, δ(L+1) = softmax(z) − y, and prediction reports softmax(z). The output layer must be
 * {@code identity}. J equals PyTorch's {@code CrossEntropyLoss()} (mean over the batch) given the
 * class indices.
 *
 * <p>Found by {@link java.util.ServiceLoader}; an experiment selects it with
 * {@code loss: softmax-cross-entropy}. It reads no settings.
 */
public final class SoftmaxCrossEntropyProvider implements LossProvider {

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public SoftmaxCrossEntropyProvider() {}

  @Override
  public String name() {
    return "softmax-cross-entropy";
  }

  @Override
  public String summary() {
    return "L = logsumexp(z) − Σ_k y_k·z_k on logits; δ = softmax(z) − y; "
        + "predicts softmax(z); one-hot targets; identity output only";
  }

  @Override
  public Loss create(Settings settings) {
    return new SoftmaxCrossEntropy();
  }
}
