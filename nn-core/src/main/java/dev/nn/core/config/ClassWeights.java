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
 * @param where where the experiment file gives the key, for a problem found once the classes are known (a list of
 *     another length); never part of equality
 */
public record ClassWeights(boolean balanced, List<Double> given, Position where) {

  /** The key's path, for weights given in code or by an override. */
  static final String KEY = "training.class-weights";

  /** Weights with no place in a file. */
  public ClassWeights(boolean balanced, List<Double> given) {
    this(balanced, given, Position.unknown(KEY));
  }

  /** Copies, and checks that exactly one of the two forms is set. */
  public ClassWeights {
    given = List.copyOf(given);
    java.util.Objects.requireNonNull(where, "where");
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

  /** These weights, written at {@code where} in the experiment file. */
  ClassWeights at(Position where) {
    return new ClassWeights(balanced, given, where);
  }

  /** How the experiment file writes it: {@code balanced} or the list. */
  public Object yamlValue() {
    return balanced ? "balanced" : given;
  }
}
