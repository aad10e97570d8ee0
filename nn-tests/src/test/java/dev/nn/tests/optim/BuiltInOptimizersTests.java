package dev.nn.tests.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.api.Optimizer;
import dev.nn.spi.OptimizerProvider;
import dev.nn.spi.Settings;
import java.lang.reflect.Modifier;
import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What all seven built-in optimizers share: registration, provider shape, and step preconditions. */
class BuiltInOptimizersTests {

  static List<OptimizerProvider> builtIns() {
    List<OptimizerProvider> found = new ArrayList<>();
    for (OptimizerProvider p : ServiceLoader.load(OptimizerProvider.class)) {
      if (p.getClass().getPackageName().equals("dev.nn.core.optim")) {
        found.add(p);
      }
    }
    return found;
  }

  private static Optimizer create(OptimizerProvider provider) {
    return provider.create(Settings.empty("optimizer \"" + provider.name() + "\""));
  }

  @Test
  void serviceLoaderFindsTheSevenBuiltInsByName() {
    TreeSet<String> names = new TreeSet<>();
    for (OptimizerProvider p : builtIns()) {
      assertTrue(names.add(p.name()), "duplicate name " + p.name());
    }
    assertEquals(
        new TreeSet<>(List.of("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw")), names);
  }

  @ParameterizedTest
  @MethodSource("builtIns")
  void providerIsPublicFinalWithAPublicNoArgumentConstructor(OptimizerProvider provider) throws Exception {
    Class<?> type = provider.getClass();
    assertTrue(Modifier.isPublic(type.getModifiers()), type + " is public");
    assertTrue(Modifier.isFinal(type.getModifiers()), type + " is final");
    assertTrue(Modifier.isPublic(type.getConstructor().getModifiers()), type + " constructor is public");
    assertFalse(provider.summary().isEmpty(), type + " has a summary");
  }

  @ParameterizedTest
  @MethodSource("builtIns")
  void aShortBufferFailsBeforeAnythingChanges(OptimizerProvider provider) {
    Optimizer.Updater updater = create(provider).newUpdater(4);
    updater.step(DoubleBuffer.wrap(new double[] {1, 2, 3, 4}), DoubleBuffer.wrap(new double[] {1, 1, 1, 1}), 0.1, 1);
    double[] state = updater.exportState();
    double[] w = {1, 2, 3};
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> updater.step(DoubleBuffer.wrap(w), DoubleBuffer.wrap(new double[] {1, 1, 1, 1}), 0.1, 2));
    assertTrue(e.getMessage().contains("found params limit 3"), e.getMessage());
    assertArrayEquals(new double[] {1, 2, 3}, w, "parameters untouched");
    assertArrayEquals(state, updater.exportState(), "state untouched");
  }

  @ParameterizedTest
  @MethodSource("builtIns")
  void updatesAreCountedFromOne(OptimizerProvider provider) {
    Optimizer.Updater updater = create(provider).newUpdater(1);
    assertThrows(
        IllegalArgumentException.class,
        () -> updater.step(DoubleBuffer.allocate(1), DoubleBuffer.allocate(1), 0.1, 0));
  }

  @ParameterizedTest
  @MethodSource("builtIns")
  void negativeBlockSizesAreRejected(OptimizerProvider provider) {
    assertThrows(IllegalArgumentException.class, () -> create(provider).newUpdater(-1));
  }

  @ParameterizedTest
  @MethodSource("builtIns")
  void anEmptyBlockIsAllowed(OptimizerProvider provider) {
    Optimizer.Updater updater = create(provider).newUpdater(0);
    updater.step(DoubleBuffer.allocate(0), DoubleBuffer.allocate(0), 0.1, 1);
    assertEquals(0, updater.exportState().length);
  }
}
