package dev.nn.tests.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.Nn;
import dev.nn.core.data.Dataset;
import dev.nn.core.data.Standardizer;
import dev.nn.core.experiment.TrainingRun;
import dev.nn.core.model.Model;
import dev.nn.core.network.Network;
import dev.nn.core.plugin.PluginRegistry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every parameter of the Java API's entry point, {@link Nn}, that is not documented as optional refuses
 * {@code null} at once with a {@link NullPointerException} that names the parameter and says what it takes —
 * not one that names a variable deep inside nn, thrown half-way through the work. Each public method is called
 * once per such parameter, with {@code null} there and a stand-in everywhere else: the check must come before
 * any stand-in is used. The stand-ins are real objects, not mocks: mocking nn's classes would instrument them for
 * every later test in this JVM (and make the steady state of training allocate).
 */
class NnNullArgumentTests {
  /** Parameters whose {@code null} has a documented meaning: method name and parameter name. */
  private static final Set<String> OPTIONAL = Set.of("train.validation", "resume.validation", "evaluate.target",
      "model.scaler", "model.targetScaler");

  @TestFactory
  Stream<DynamicTest> everyRequiredParameterRefusesNullByName() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Method method : Nn.class.getDeclaredMethods()) {
      if (!Modifier.isPublic(method.getModifiers())) {
        continue;
      }
      Parameter[] parameters = method.getParameters();
      for (int i = 0; i < parameters.length; i++) {
        Parameter parameter = parameters[i];
        if (parameter.getType().isPrimitive() || OPTIONAL.contains(method.getName() + "." + parameter.getName())) {
          continue;
        }
        int nulled = i;
        tests.add(DynamicTest.dynamicTest(method.getName() + Arrays.toString(method.getParameterTypes()) + " "
            + parameter.getName(), () -> assertRefusesNull(method, nulled)));
      }
    }
    assertTrue(tests.size() > 30, "found only " + tests.size() + " parameters; was -parameters dropped?");
    return tests.stream();
  }

  private static void assertRefusesNull(Method method, int nulled) throws IllegalAccessException {
    Parameter[] parameters = method.getParameters();
    Object[] arguments = new Object[parameters.length];
    for (int i = 0; i < parameters.length; i++) {
      arguments[i] = i == nulled ? null : standIn(parameters[i].getType());
    }
    Object target = Modifier.isStatic(method.getModifiers()) ? null : NN;
    InvocationTargetException thrown = assertThrows(InvocationTargetException.class,
        () -> method.invoke(target, arguments));
    NullPointerException refusal = assertInstanceOf(NullPointerException.class, thrown.getCause());
    String message = refusal.getMessage();
    assertTrue(message.startsWith(parameters[nulled].getName() + ": ") && message.endsWith(" is needed, found null"),
        message);
    assertFalse(message.contains("Cannot invoke"), message);
  }

  private static final Nn NN = Nn.create();
  private static final Dataset DATA = Dataset.regression("rows", new double[] {0, 0}, new double[] {0},
      List.of("a", "b"), List.of("y"));
  private static final Network NETWORK = NN.network(new int[] {2, 1}, "identity");

  /** A value of {@code type} that no check above the null check may touch. */
  private static Object standIn(Class<?> type) {
    if (type == char.class) {
      return ',';
    } else if (type == int.class) {
      return 1;
    } else if (type == long.class) {
      return 1L;
    } else if (type == double.class) {
      return 0.0;
    } else if (type == String.class) {
      return "x";
    } else if (type == Path.class) {
      return Path.of("does-not-exist");
    } else if (type == List.class) {
      return List.of();
    } else if (type == int[].class) {
      return new int[] {1};
    } else if (type == String[].class) {
      return new String[0];
    } else if (type.isEnum()) {
      return type.getEnumConstants()[0];
    } else if (type == dev.nn.core.config.Experiment.class) {
      return NN.parse("data: {train: {source: generator, name: xor, samples: 8}}\n"
          + "network: {layers: [{units: 2}, {units: 1, activation: identity}]}\nloss: squared\n", List.of());
    } else if (type == TrainingRun.Options.class) {
      return TrainingRun.Options.defaults();
    } else if (type == Dataset.class) {
      return DATA;
    } else if (type == Network.class) {
      return NETWORK;
    } else if (type == dev.nn.core.train.Samples.class) {
      return NN.samples(DATA);
    } else if (type == Standardizer.class) {
      return Standardizer.of(new double[] {0, 0}, new double[] {1, 1});
    } else if (type == Model.class) {
      return NN.model(NETWORK, "squared", DATA, null);
    } else if (type == PluginRegistry.class) {
      return NN.plugins();
    } else if (type.isInterface()) {
      // a consumer of notes or progress: never called before the check
      return java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
          (proxy, m, args) -> null);
    }
    throw new AssertionError("no stand-in for " + type.getName() + ": add one");
  }

  @Test
  void aNullInsideAListIsNamedByItsIndex() {
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> Nn.create().parse("name: x", Arrays.asList("training.epochs=2", null)));
    assertEquals("overrides: a list of key.path=value overrides (empty for none) is needed, found null at index 1",
        e.getMessage());
  }

  @Test
  void everyExcusedParameterExists() throws Exception {
    // each named parameter exists, so the list above cannot silently excuse a parameter that was renamed
    for (String optional : OPTIONAL) {
      String[] parts = optional.split("\\.");
      boolean found = Arrays.stream(Nn.class.getMethods()).filter(m -> m.getName().equals(parts[0]))
          .flatMap(m -> Arrays.stream(m.getParameters())).anyMatch(p -> p.getName().equals(parts[1]));
      assertTrue(found, optional);
    }
  }
}
