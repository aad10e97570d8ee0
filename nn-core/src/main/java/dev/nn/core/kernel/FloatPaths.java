package dev.nn.core.kernel;

import dev.nn.api.Activation;

/**
 * Whether an activation offers its float paths ({@link Activation#forwardFloats},
 * {@link Activation#backwardFloats}): asked, as the API allows, with a count of 0, so nothing is computed or
 * written. The one place the float32 runtimes ask it.
 */
final class FloatPaths {
  private static final float[] NONE = new float[0];

  private FloatPaths() {}

  /** Whether {@code phi} computes φ on floats exactly. */
  static boolean forward(Activation phi) {
    return phi.forwardFloats(NONE, NONE, 0);
  }

  /** Whether {@code phi} computes δ ⊙ φ′ on floats exactly. */
  static boolean backward(Activation phi) {
    return phi.backwardFloats(NONE, NONE, NONE, 0);
  }
}
