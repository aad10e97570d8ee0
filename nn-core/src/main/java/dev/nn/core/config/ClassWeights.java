package dev.nn.core.config;

import java.util.List;

/**
 * The {@code training.class-weights} key: how much each class's rows weigh in the loss trained on. Row n of
 * class c adds w_c·L_n to J and w_c·δ_n to its gradient, as Keras's {@code fit(class_weight=…)} weighs it (the
 * mean is still over the batch's B rows).
 *
 * @param balanced {@code balanced}: w_c = n/(K·n_c) from the training split's n rows, n_c of class c, K classes
 *     (scikit-learn's {@code compute_class_weight("balanced")})
 * @param given the weights in the classes' order, each finite and {@code > 0}; empty when {@code balanced}
 */
public record ClassWeights(boolean balanced, List<Double> given) {

  /** Copies, and checks that exactly one of the two forms is set. */
  public ClassWeights {
    given = List.copyOf(given);
    if (balanced != given.isEmpty()) {
      throw new IllegalArgumentException("class weights are balanced or given, not both nor neither");
    }
    for (double w : given) {
      if (!(w > 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException("a class weight must be a finite number > 0, found " + w);
      }
    }
  }

  /** {@code balanced}. */
  public static ClassWeights balance() {
    return new ClassWeights(true, List.of());
  }

  /** The weights in the classes' order. */
  public static ClassWeights of(List<Double> weights) {
    return new ClassWeights(false, weights);
  }

  /** How the experiment file writes it: {@code balanced} or the list. */
  public Object yamlValue() {
    return balanced ? "balanced" : given;
  }
}
