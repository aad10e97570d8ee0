package dev.nn.tests.losses;

import dev.nn.api.Activation;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Output activations for exercising losses, written here so that these tests do not depend on the
 * activation plugins.
 */
final class TestActivations {
  private TestActivations() {}

  /** identity, tanh and sigmoid, by name. */
  static Map<String, Activation> all() {
    Map<String, Activation> activations = new LinkedHashMap<>();
    activations.put("identity", identity());
    activations.put("tanh", tanh());
    activations.put("sigmoid", sigmoid());
    return activations;
  }

  static Activation identity() {
    return new Activation() {
      @Override
      public double phi(double z) {
        return z;
      }

      @Override
      public double phiPrime(double z, double x) {
        return 1;
      }
    };
  }

  static Activation tanh() {
    return new Activation() {
      @Override
      public double phi(double z) {
        return Math.tanh(z);
      }

      @Override
      public double phiPrime(double z, double x) {
        return 1 - x * x;
      }
    };
  }

  /** The lecture's σ(z) = 1/(1 + e^(−z)), σ′ = σ(1 − σ). */
  static Activation sigmoid() {
    return new Activation() {
      @Override
      public double phi(double z) {
        return 1 / (1 + Math.exp(-z));
      }

      @Override
      public double phiPrime(double z, double x) {
        return x * (1 - x);
      }
    };
  }
}
