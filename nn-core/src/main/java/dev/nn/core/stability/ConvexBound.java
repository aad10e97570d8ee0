package dev.nn.core.stability;

import dev.nn.core.train.Samples;
import java.util.ArrayList;
import java.util.List;

/**
 * The bound of Hardt, Recht and Singer (2016, "Train faster, generalize better: stability of stochastic
 * gradient descent", Theorem 3.8 and its proof) on the parameter distance of two SGD runs whose training sets
 * differ in one of n samples: for a convex loss that is L-Lipschitz and β-smooth in the parameters, and steps
 * α_t ≤ 2/β, each step is non-expansive, and only a step on the differing sample can move the runs apart, by at
 * most 2α_t·L; that step comes with probability 1/n, so E‖w_T − w′_T‖ ≤ (2L/n)·Σ_{t ≤ T} α_t.
 *
 * <p>For logistic regression (no hidden layer, an identity output read by binary or softmax cross-entropy),
 * the parameters θ = (W, b) enter through z = Wᵀx + b, so with x̃ = (x, 1): ∇_θ ℓ = x̃ ⊗ (p − y) and
 * ∇²_θ ℓ = x̃x̃ᵀ ⊗ (diag p − ppᵀ). For binary cross-entropy |p − y| ≤ 1 and p(1 − p) ≤ 1/4, so L = max‖x̃‖ and
 * β = max‖x̃‖²/4; for softmax cross-entropy ‖p − y‖ ≤ √2 and the eigenvalues of diag p − ppᵀ are at most 1/2,
 * so L = √2·max‖x̃‖ and β = max‖x̃‖²/2. The maximum runs over every row either run trains on: the training split
 * and the held-out rows that may replace one of its samples.
 */
final class ConvexBound {
  private final double lipschitz;
  private final double smoothness;
  private final int n;
  private final String refusal;

  private ConvexBound(double lipschitz, double smoothness, int n, String refusal) {
    this.lipschitz = lipschitz;
    this.smoothness = smoothness;
    this.n = n;
    this.refusal = refusal;
  }

  /**
   * The bound for a study, or the reasons it does not apply.
   *
   * @param rates α_1 … α_T, the step of every update the runs take
   */
  static ConvexBound assess(StabilitySide side, Samples train, Samples pool, double[] rates) {
    List<String> reasons = new ArrayList<>();
    int hidden = side.network.outputLayer() - 1;
    if (hidden > 0) {
      reasons.add("the network has " + hidden + " hidden layer" + (hidden == 1 ? "" : "s") + " (the loss is not "
          + "convex in the parameters)");
    }
    String loss = side.experiment.loss().name();
    boolean binary = loss.equals("binary-cross-entropy");
    if (!binary && !loss.equals("softmax-cross-entropy")) {
      reasons.add("the loss is " + loss + ", not binary-cross-entropy or softmax-cross-entropy");
    }
    String optimizer = side.experiment.optimizer().optimizer().name();
    if (!optimizer.equals("sgd")) {
      reasons.add("the optimizer is " + optimizer + ", not sgd");
    }
    if (side.options.batchSize() != 1) {
      reasons.add("the batch size is " + side.options.batchSize() + ", not 1");
    }
    if (side.experiment.l2() != 0) {
      reasons.add("l2 is " + side.experiment.l2() + ", not 0");
    }
    double maxNorm = Math.max(maxAugmentedNorm(train), maxAugmentedNorm(pool));
    double lipschitz = (binary ? 1 : Math.sqrt(2)) * maxNorm;
    double smoothness = maxNorm * maxNorm / (binary ? 4 : 2);
    double largest = 0;
    for (double a : rates) {
      largest = Math.max(largest, a);
    }
    if (reasons.isEmpty() && largest > 2 / smoothness) {
      reasons.add(String.format(java.util.Locale.ROOT, "a step of %.4g exceeds 2/β = %.4g (β = %.4g, from the "
          + "largest ‖(x, 1)‖ = %.4g)", largest, 2 / smoothness, smoothness, maxNorm));
    }
    return new ConvexBound(lipschitz, smoothness, train.rows(), reasons.isEmpty() ? null : String.join("; ", reasons));
  }

  /** max over rows of ‖(x, 1)‖. */
  static double maxAugmentedNorm(Samples s) {
    double max = 0;
    for (int r = 0; r < s.rows(); r++) {
      double sq = 1;
      for (int c = 0; c < s.inputs(); c++) {
        double v = s.x(r, c);
        sq += v * v;
      }
      max = Math.max(max, Math.sqrt(sq));
    }
    return max;
  }

  /** Whether the bound applies. */
  boolean applies() {
    return refusal == null;
  }

  /** Why it does not apply, or {@code null}. */
  String refusal() {
    return refusal;
  }

  /** L, the loss's Lipschitz constant in the parameters over the data. */
  double lipschitz() {
    return lipschitz;
  }

  /** β, the loss's smoothness in the parameters over the data. */
  double smoothness() {
    return smoothness;
  }

  /** (2L/n)·{@code stepSum}, or NaN when the bound does not apply. */
  double at(double stepSum) {
    return applies() ? 2 * lipschitz / n * stepSum : Double.NaN;
  }
}
