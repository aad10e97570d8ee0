package dev.nn.losses;

import dev.nn.api.Loss;
import dev.nn.spi.LossProvider;
import dev.nn.spi.Range;
import dev.nn.spi.Settings;

/**
 * Softmax cross-entropy on logits, fused with the softmax: L_n = logsumexp(z) − Σ_k y_k z_k for
 * one-hot y, δ(L+1) = softmax(z) − y, and prediction reports softmax(z). The output layer must be
 * {@code identity}. J equals PyTorch's {@code CrossEntropyLoss()} (mean over the batch) given the
 * class indices.
 *
 * <p>Found by {@link java.util.ServiceLoader}; an experiment selects it with
 * {@code loss: softmax-cross-entropy}, or {@code loss: {name: softmax-cross-entropy, label-smoothing: 0.1}}.
 * Setting {@code label-smoothing}: ε in [0, 1), default 0; the target becomes (1 − ε)·y + ε/K.
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
  public String settingsHelp() {
    return "label-smoothing: number in [0, 1), default 0 (the share of each target spread evenly over the classes)";
  }

  @Override
  public Loss create(Settings settings) {
    return new SoftmaxCrossEntropy(settings.number("label-smoothing", 0.0, Range.closedOpen(0, 1)));
  }
}
