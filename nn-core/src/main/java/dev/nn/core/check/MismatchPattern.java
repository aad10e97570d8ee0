package dev.nn.core.check;

import dev.nn.api.Loss;
import dev.nn.api.Seeding;
import dev.nn.core.network.Network;
import dev.nn.core.network.ParameterStore;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a failed gradient check's mismatches point at, when they form one of two patterns that backprop's
 * structure explains. δ(l) = (W(l+1)δ(l+1)) ⊙ φ′(z(l)) is formed top down and every gradient of layer l is made
 * from δ(l), so a wrong φ′ at layer l spoils the gradients of layer l and of every layer below it and none above:
 * the highest layer that mismatches, under layers that all agree, is where δ first goes wrong. And a seed off by a
 * constant factor (a missing ½, a sum where value() takes a mean) scales every gradient by that factor: all the
 * mismatches then share one ratio of backprop to finite difference.
 */
final class MismatchPattern {
  /** How closely the ratios must agree to be called one factor. */
  private static final double SAME_RATIO = 1e-3;

  private MismatchPattern() {}

  /** Layer (from 1) of each free parameter, by the block its slot is in. */
  static int[] layers(ParameterStore params) {
    int[] layer = new int[params.size()];
    for (ParameterStore.Block b : params.blocks()) {
      Arrays.fill(layer, b.offset(), b.offset() + b.length(), b.layer());
    }
    return layer;
  }

  /**
   * The hint for {@code mismatches}, or "" when they form no pattern.
   *
   * @param layerOf each free parameter's layer ({@link #layers})
   * @param checkedPerLayer how many coordinates of each layer were compared (index = layer)
   */
  static String of(Network network, Loss loss, List<GradientCheck.Mismatch> mismatches, int[] layerOf,
      int[] checkedPerLayer) {
    if (mismatches.isEmpty() || mismatches.stream().anyMatch(m -> !Double.isFinite(m.analytic()))) {
      return "";
    }
    double factor = commonFactor(mismatches);
    String scaled = Double.isNaN(factor) ? "" : " (every mismatched gradient is " + factorText(factor)
        + " times its finite difference)";
    int output = network.outputLayer();
    // tied parameters belong to several layers: where δ goes wrong is told for untied networks only
    int top = network.parameters().structure().isDense() ? highestWrongLayer(network, mismatches, layerOf, checkedPerLayer)
        : -1;
    if (top > 0 && top < output) {
      return "hint: the gradients of layers[" + (top + 1) + "] and above agree and those of layers[" + top + "] do"
          + " not, so δ first goes wrong at layers[" + top + "], where it is multiplied by φ′ of its activation "
          + network.activationName(top) + ": check that its φ′ is the derivative of its φ, and that its forward and"
          + " backward leave z and x as they found them" + scaled;
    }
    String atTheSeed = loss.seeding() == Seeding.FUSED ? "the loss's seed"
        : "the loss's seed or the output activation " + network.activationName(output) + "'s φ′";
    if (!Double.isNaN(factor)) {
      return String.format(Locale.ROOT, "hint: every mismatched gradient is %s times its finite difference: one"
          + " factor throughout points at %s, off by that factor from the loss's value() (a ½ in one and not the"
          + " other, a sum against a mean)", factorText(factor), atTheSeed);
    }
    // a plugin that writes into z, x or y (which it must leave alone) shows as a wrong seed or φ′ too
    return top == output ? "hint: the output layer's gradients mismatch too, so δ goes wrong where it starts: at "
        + atTheSeed + ", or in a loss or activation that changes z, x or y, which it must leave as it found them" : "";
  }

  /**
   * The factor with the digits that tell it from 1: four significant ones ("1.010", "0.5000"), more for a factor
   * within 1e-3 of 1 ("1.00010"), which four digits showed as "1.000", no factor at all.
   */
  static String factorText(double factor) {
    double off = Math.abs(factor - 1);
    int digits = off > 0 && off < 1e-3 ? (int) Math.ceil(-Math.log10(off)) + 2 : 4;
    return String.format(Locale.ROOT, "%." + Math.min(digits, 17) + "g", factor);
  }

  /** The ratio backprop / finite difference that every clear mismatch shares, or NaN when they share none. */
  private static double commonFactor(List<GradientCheck.Mismatch> mismatches) {
    double[] ratios = mismatches.stream().filter(m -> Math.abs(m.numeric()) > m.allowed())
        .mapToDouble(m -> m.analytic() / m.numeric()).sorted().toArray();
    if (ratios.length < 3 || ratios.length < mismatches.size() / 2) {
      return Double.NaN;
    }
    double low = ratios[0];
    double high = ratios[ratios.length - 1];
    return low > 0 && high - low <= SAME_RATIO * low ? ratios[ratios.length / 2] : Double.NaN;
  }

  /**
   * The highest layer with a mismatch, when every layer above it had coordinates compared (all of which agreed);
   * -1 when a layer above was not compared, so that nothing says where the error enters.
   */
  private static int highestWrongLayer(Network network, List<GradientCheck.Mismatch> mismatches, int[] layerOf,
      int[] checkedPerLayer) {
    int top = 0;
    for (GradientCheck.Mismatch m : mismatches) {
      top = Math.max(top, layerOf[m.index()]);
    }
    for (int l = top + 1; l <= network.outputLayer(); l++) {
      if (checkedPerLayer[l] == 0) {
        return -1;
      }
    }
    return top;
  }
}
