package dev.nn.api;

/**
 * A per-sample loss L_n(y, f) and the seed of the backward pass, δ(L+1).
 *
 * <p>The lecture: "If we are using a loss other than the squared loss, this initialization changes and
 * this is the <em>only</em> change." A loss therefore does one job in training: given a batch's output
 * pre-activations z, activations x = φ(z) and targets y, it writes each row's seed and returns the
 * summed per-sample loss Σ_n L_n. The core divides by the batch size (the objective J of the design);
 * the seeds themselves are per sample, not divided.
 *
 * <p>All arrays are row-major {@code rows × cols}: row n is sample n, column k is output node k.
 * Implementations are immutable and safe to share between threads.
 */
public interface Loss {

  /** Whether this loss writes ∂L/∂x (the core applies φ′) or writes δ = ∂L/∂z itself. */
  Seeding seeding();

  /** The targets this loss accepts; the core rejects others before training. */
  TargetKind targets();

  /**
   * Whether this loss can follow an output layer with the named activation. A {@link Seeding#FUSED}
   * loss owns the output link and accepts {@code identity} only; a default one accepts any.
   */
  default boolean acceptsOutputActivation(String activationName) {
    return seeding() == Seeding.DEFAULT || "identity".equals(activationName);
  }

  /**
   * Returns Σ_n L_n over the rows, without seeding anything.
   *
   * @param z output pre-activations z(L+1). Not modified.
   * @param x output activations x(L+1) = φ(z(L+1)). Not modified.
   * @param y targets. Not modified.
   */
  double value(double[] z, double[] x, double[] y, int rows, int cols);

  /**
   * Writes the seed of every row into {@code delta} and returns Σ_n L_n.
   *
   * <p>For {@link Seeding#DEFAULT} the seed is ∂L_n/∂x(L+1) (the core multiplies it by φ′(z(L+1)));
   * for {@link Seeding#FUSED} it is δ(L+1) = ∂L_n/∂z(L+1).
   *
   * @param z output pre-activations. Not modified.
   * @param x output activations. Not modified.
   * @param y targets. Not modified.
   * @param delta the seed, rows × cols. Modified.
   */
  double seed(double[] z, double[] x, double[] y, double[] delta, int rows, int cols);

  /**
   * The inverse link that prediction applies: what a user receives as the model's output. For a default
   * loss that is x(L+1) itself; a fused loss maps z to probabilities (softmax, sigmoid), never logits.
   *
   * @param z output pre-activations. Not modified.
   * @param x output activations. Not modified.
   * @param out predictions. Modified.
   */
  default void link(double[] z, double[] x, double[] out, int rows, int cols) {
    System.arraycopy(x, 0, out, 0, rows * cols);
  }

  /**
   * Values of the loss's input (x for a default loss, z for a fused one) at which ∂L/∂input is not
   * differentiable for target {@code y}: absolute at x = y, huber at y ± delta, hinge at x = y.
   * Finite-difference checks skip perturbations that cross one. Never {@code null}.
   */
  default double[] kinks(double y) {
    return new double[0];
  }
}
