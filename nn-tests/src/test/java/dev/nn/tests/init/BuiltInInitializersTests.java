package dev.nn.tests.init;

import static dev.nn.tests.init.Draws.create;
import static dev.nn.tests.init.Draws.seeded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.api.Initializer;
import dev.nn.spi.InitializerProvider;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What all ten built-in initializers share: registration, provider shape, zero biases, shape checks. */
class BuiltInInitializersTests {

  static List<InitializerProvider> builtIns() {
    List<InitializerProvider> found = new ArrayList<>();
    for (InitializerProvider p : ServiceLoader.load(InitializerProvider.class)) {
      if (p.getClass().getPackageName().equals("dev.nn.core.init")) {
        found.add(p);
      }
    }
    return found;
  }

  @Test
  void serviceLoaderFindsTheTenBuiltInsByName() {
    TreeSet<String> names = new TreeSet<>();
    for (InitializerProvider p : builtIns()) {
      assertTrue(names.add(p.name()), "duplicate name " + p.name());
    }
    assertEquals(
        new TreeSet<>(
            List.of(
                "zeros",
                "constant",
                "uniform",
                "normal",
                "xavier-uniform",
                "xavier-normal",
                "he-uniform",
                "he-normal",
                "lecun-uniform",
                "lecun-normal")),
        names);
  }

  @ParameterizedTest
  @MethodSource("builtIns")
  void providerIsPublicFinalWithAPublicNoArgumentConstructor(InitializerProvider provider) throws Exception {
    Class<?> type = provider.getClass();
    assertTrue(Modifier.isPublic(type.getModifiers()), type + " is public");
    assertTrue(Modifier.isFinal(type.getModifiers()), type + " is final");
    assertTrue(Modifier.isPublic(type.getConstructor().getModifiers()), type + " constructor is public");
    assertFalse(provider.summary().isEmpty(), type + " has a summary");
  }

  @ParameterizedTest
  @MethodSource("builtIns")
  void biasesStartAtZero(InitializerProvider provider) {
    double[] b = {Double.NaN, 3.0, -1.0};
    create(provider, Map.of()).initBiases(b, 4, 3, seeded(1));
    assertEquals("[0.0, 0.0, 0.0]", Arrays.toString(b));
  }

  @ParameterizedTest
  @MethodSource("builtIns")
  void weightsOfTheWrongCountAreRejectedNamingTheShape(InitializerProvider provider) {
    Initializer init = create(provider, Map.of());
    double[] w = new double[11];
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> init.initWeights(w, 4, 3, seeded(1)));
    assertEquals("W(l) is 4×3 = 12 values, found an array of 11", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> init.initWeights(new double[0], 0, 3, seeded(1)));
  }

  @ParameterizedTest
  @MethodSource("builtIns")
  void everyWeightIsWrittenAndFinite(InitializerProvider provider) {
    double[] w = new double[12];
    Arrays.fill(w, Double.NaN);
    create(provider, Map.of()).initWeights(w, 4, 3, seeded(2));
    for (double v : w) {
      assertTrue(Double.isFinite(v), provider.name() + " wrote " + Arrays.toString(w));
    }
  }
}
