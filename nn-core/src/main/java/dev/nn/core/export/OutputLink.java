package dev.nn.core.export;

import dev.nn.api.Loss;
import dev.nn.core.model.PluginUse;
import java.util.Locale;
import java.util.Optional;

/**
 * What a loss's {@link Loss#link link} does to the output layer at prediction time: nothing for a loss that
 * keeps the interface's default (it passes x(L+1) through), softmax or the logistic sigmoid for the two fused
 * cross-entropies of nn-losses. A plugin loss that overrides {@code link} computes something only its code
 * knows, which no exported file can say.
 */
enum OutputLink {
  /** Predictions are x(L+1). */
  IDENTITY,
  /** Predictions are σ(z(L+1)), element by element. */
  SIGMOID,
  /** Predictions are softmax(z(L+1)), row by row. */
  SOFTMAX;

  private static final String BUILT_IN_PACKAGE = "dev.nn.losses.";

  /** The link of the loss {@code use} names, whose instance is {@code loss}; empty when it is unknown. */
  static Optional<OutputLink> of(PluginUse use, Loss loss) {
    if (!overridesLink(loss)) {
      return Optional.of(IDENTITY);
    }
    if (loss.getClass().getName().startsWith(BUILT_IN_PACKAGE)) {
      switch (use.name()) {
        case "softmax-cross-entropy":
          return Optional.of(SOFTMAX);
        case "binary-cross-entropy":
          return Optional.of(SIGMOID);
        default:
          break;
      }
    }
    return Optional.empty();
  }

  /** {@code identity}, {@code sigmoid} or {@code softmax}. */
  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  private static boolean overridesLink(Loss loss) {
    try {
      return loss.getClass().getMethod("link", double[].class, double[].class, double[].class, int.class, int.class)
          .getDeclaringClass() != Loss.class;
    } catch (NoSuchMethodException e) {
      throw new AssertionError("Loss.link is part of the interface", e);
    }
  }
}
