package dev.nn.core.export;

import dev.nn.core.model.Model;
import dev.nn.core.model.ModelSpec;
import dev.nn.core.network.Network;
import dev.nn.core.network.ParameterStore;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's numbers as exported files hold them: each layer's W(l) in the lecture's layout, n(l−1) rows of
 * n(l) columns (row i, column j is w(l)ij, the weight from node i of layer l−1 to node j of layer l), and b(l).
 * A network whose edges share parameters or are absent is exported as the dense matrices its kernels
 * compute with: each shared parameter repeated on its edges, absent edges 0.
 */
final class ModelParts {
  private ModelParts() {}

  /** W(l), row-major, n(l−1)×n(l). */
  static double[] weights(Model model, int l) {
    Network network = model.network();
    ParameterStore p = network.parameters();
    int rows = network.width(l - 1);
    int cols = network.width(l);
    double[] w = new double[rows * cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        w[i * cols + j] = p.weight(l, i, j);
      }
    }
    return w;
  }

  /** b(l). */
  static double[] bias(Model model, int l) {
    Network network = model.network();
    double[] b = new double[network.width(l)];
    for (int j = 0; j < b.length; j++) {
      b[j] = network.parameters().bias(l, j);
    }
    return b;
  }

  /** The element type the model computes in. */
  static ElementType elementType(Model model) {
    return ElementType.of(model.network().kernels().precision());
  }

  /**
   * The one-hot encoded columns and their categories, in input order, as JSON writes them: empty for a model
   * without an encoding.
   */
  static Map<String, Object> oneHotCategories(ModelSpec spec) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (spec.oneHot() != null) {
      spec.oneHot().categories().forEach((column, c) -> m.put(column, Arrays.stream(c).boxed().toList()));
    }
    return m;
  }

  /** The encoded columns of words and their words, code by code: empty for a model without them. */
  static Map<String, Object> oneHotWords(ModelSpec spec) {
    return spec.oneHot() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(spec.oneHot().words());
  }

  /** Whether inputs are standardised before the first layer. */
  static boolean hasScaler(ModelSpec spec) {
    return spec.means() != null;
  }
}
