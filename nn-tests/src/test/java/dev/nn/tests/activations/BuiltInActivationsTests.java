package dev.nn.tests.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.api.Activation;
import dev.nn.spi.ActivationProvider;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** What holds for every built-in activation provider, as ServiceLoader finds them. */
class BuiltInActivationsTests {
  private static final Set<String> EXPECTED = Set.of(
      "identity", "sigmoid", "tanh", "relu", "leaky-relu", "elu", "softplus", "softsign", "gelu", "silu",
      "hard-sigmoid", "hard-tanh");

  private static List<ActivationProvider> providers() {
    List<ActivationProvider> found = new ArrayList<>();
    ServiceLoader.load(ActivationProvider.class).forEach(found::add);
    return found;
  }

  @Test
  void serviceLoaderFindsExactlyTheTwelveBuiltIns() {
    Set<String> names = new TreeSet<>();
    for (ActivationProvider p : providers()) {
      assertTrue(names.add(p.name()), "duplicate name " + p.name());
    }
    assertEquals(new TreeSet<>(EXPECTED), names);
  }

  @Test
  void everyProviderIsAPublicFinalClassWithAPublicNoArgumentConstructor() throws ReflectiveOperationException {
    for (ActivationProvider p : providers()) {
      Class<?> type = p.getClass();
      assertTrue(Modifier.isPublic(type.getModifiers()) && Modifier.isFinal(type.getModifiers()), type.getName());
      assertTrue(Modifier.isPublic(type.getConstructor().getModifiers()), type.getName());
    }
  }

  @Test
  void everyProviderDescribesItself() {
    for (ActivationProvider p : providers()) {
      assertTrue(p.name().matches("[a-z]+(-[a-z]+)*"), "kebab-case name: " + p.name());
      assertFalse(p.summary().isBlank(), "summary of " + p.name());
      assertNotNull(p.settingsHelp(), "settingsHelp of " + p.name());
      assertTrue(p.summary().chars().allMatch(c -> c < 128), "plain ASCII summary, for any terminal: " + p.summary());
    }
  }

  @Test
  void everyBuiltInIsFiniteForEveryFiniteInputWithItsDefaults() {
    double[] extremes = {
      Double.MAX_VALUE, -Double.MAX_VALUE, 1e308, -1e308, 1e155, -1e155, 1e154, -1e154, 800, -800, 710, -710,
      Double.MIN_VALUE, -Double.MIN_VALUE, 0.0, -0.0
    };
    for (ActivationProvider p : providers()) {
      Activation f = Plugins.create(p);
      for (double z : extremes) {
        double x = f.phi(z);
        double d = f.phiPrime(z, x);
        assertTrue(Double.isFinite(x) && Double.isFinite(d), p.name() + " at z = " + z + ": phi " + x + ", phiPrime " + d);
      }
    }
  }

  @Test
  void everyBuiltInReturnsAFreshKinksArray() {
    for (ActivationProvider p : providers()) {
      Activation f = Plugins.create(p);
      double[] first = f.kinks();
      if (first.length > 0) {
        double kink = first[0];
        first[0] = Double.NaN;
        assertEquals(kink, f.kinks()[0], p.name() + ": changing the returned array changed the activation");
      }
    }
  }
}
