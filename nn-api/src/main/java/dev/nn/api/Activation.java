package dev.nn.api;

/**
 * An element-wise activation φ, applied to every pre-activation z of a layer: x = φ(z).
 *
 * <p>Implementations are immutable and safe to share between threads. The core calls the bulk forms
 * {@link #forward} and {@link #backward} on a layer's batch, or on cache-sized blocks of it from several
 * threads at once (each value depends only on its own z, so any cut gives the same values); built-ins
 * override them with their own loops so that the JIT sees one φ per call site.
 */
public interface Activation {

  /** Returns φ(z). */
  double phi(double z);

  /**
   * Returns φ′(z).
   *
   * @param z the pre-activation
   * @param x φ(z), already computed by the forward pass (sigmoid and tanh use it: x(1 − x), 1 − x²)
   */
  double phiPrime(double z, double x);

  /**
   * Sets {@code x[i] = φ(z[i])} for {@code i < count}.
   *
   * @param z pre-activations. Not modified.
   * @param x activations. Modified.
   */
  default void forward(double[] z, double[] x, int count) {
    for (int i = 0; i < count; i++) {
      x[i] = phi(z[i]);
    }
  }

  /**
   * φ computed on floats, for a run in float32, where this activation can do so exactly: sets
   * {@code x[i]} for {@code i < count} to what {@link #forward} gives for {@code z[i]} widened to double,
   * rounded to float — bit for bit — and returns {@code true}. The default writes nothing and returns
   * {@code false}: the core then hands the activation doubles, as it does for every plugin. Override it only
   * where φ of a float is exact in float arithmetic (max(0, z), z itself); a float32 run then skips two
   * conversions of every value. The answer must not depend on the values or on {@code count}: the core asks
   * once with {@code count == 0} and relies on it. The conformance kit checks both promises.
   *
   * @param z pre-activations. Not modified.
   * @param x activations. Modified when the answer is {@code true}.
   * @return whether {@code x} was written
   */
  default boolean forwardFloats(float[] z, float[] x, int count) {
    return false;
  }

  /**
   * Multiplies {@code delta[i]} by φ′(z[i]) for {@code i < count}, turning ∂L/∂x into ∂L/∂z in place.
   *
   * @param z pre-activations. Not modified.
   * @param x activations φ(z). Not modified.
   * @param delta on entry ∂L/∂x, on exit ∂L/∂z. Modified.
   */
  default void backward(double[] z, double[] x, double[] delta, int count) {
    for (int i = 0; i < count; i++) {
      delta[i] *= phiPrime(z[i], x[i]);
    }
  }

  /**
   * {@link #backward} computed on floats, for a run in float32, where this activation can do so exactly: sets
   * {@code delta[i]} for {@code i < count} to what {@link #backward} gives for the values widened to double,
   * rounded to float — bit for bit — and returns {@code true}. The default writes nothing and returns
   * {@code false}, as {@link #forwardFloats} does, and the same rules hold: offer it only where the float
   * computation is exact (δ times relu's 0 or 1; identity's δ·1), and answer the same whatever the values
   * and {@code count}.
   *
   * @param z pre-activations. Not modified.
   * @param x activations φ(z). Not modified.
   * @param delta on entry ∂L/∂x, on exit ∂L/∂z when the answer is {@code true}.
   * @return whether {@code delta} was written
   */
  default boolean backwardFloats(float[] z, float[] x, float[] delta, int count) {
    return false;
  }

  /**
   * The points z where φ′ is discontinuous (relu at 0, hard-tanh at ±1, …), in increasing order.
   * Finite-difference checks skip coordinates whose perturbation moves some z across one of them.
   * Never {@code null}; empty for smooth activations.
   */
  default double[] kinks() {
    return new double[0];
  }
}
