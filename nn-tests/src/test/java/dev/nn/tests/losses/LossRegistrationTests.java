package dev.nn.tests.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.api.Loss;
import dev.nn.spi.LossProvider;
import dev.nn.spi.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class LossRegistrationTests {

  private static final Set<String> BUILT_IN = Set.of("squared", "half-squared", "mean-squared", "absolute", "huber",
      "log-cosh", "hinge", "squared-hinge", "binary-cross-entropy", "softmax-cross-entropy");

  private static List<LossProvider> builtIns() {
    List<LossProvider> found = new ArrayList<>();
    for (LossProvider provider : ServiceLoader.load(LossProvider.class, LossRegistrationTests.class.getClassLoader())) {
      if (provider.getClass().getPackageName().equals("dev.nn.losses")) {
        found.add(provider);
      }
    }
    return found;
  }

  @Test
  void serviceLoaderFindsAllTenBuiltInLossesOnceEach() {
    List<String> names = new ArrayList<>();
    for (LossProvider provider : builtIns()) {
      names.add(provider.name());
    }
    assertEquals(new TreeSet<>(BUILT_IN), new TreeSet<>(names));
    assertEquals(BUILT_IN.size(), names.size(), "a name is registered twice: " + names);
  }

  @Test
  void everyBuiltInHasAKebabCaseNameASummaryAndCreatesALossFromNoSettings() {
    for (LossProvider provider : builtIns()) {
      String name = provider.name();
      assertTrue(name.matches("[a-z]+(-[a-z]+)*"), name);
      assertTrue(provider.summary().contains("L = "), name + ": summary should give the formula: "
          + provider.summary());
      Settings none = Settings.empty("loss \"" + name + "\"");
      Loss loss = provider.create(none);
      assertNotNull(loss, name);
      assertTrue(none.unreadKeys().isEmpty(), name);
      assertEquals(List.of("huber", "softmax-cross-entropy").contains(name), !provider.settingsHelp().isEmpty(),
          name + ": settings help is \"" + provider.settingsHelp() + "\"");
    }
  }

  @Test
  void providersArePublicFinalAndLossesArePackagePrivate() {
    for (LossProvider provider : builtIns()) {
      Class<?> type = provider.getClass();
      int modifiers = type.getModifiers();
      assertTrue(java.lang.reflect.Modifier.isPublic(modifiers) && java.lang.reflect.Modifier.isFinal(modifiers),
          type.getName());
      Class<?> loss = provider.create(Settings.empty("loss \"" + provider.name() + "\"")).getClass();
      assertFalse(java.lang.reflect.Modifier.isPublic(loss.getModifiers()), loss.getName());
      assertTrue(java.lang.reflect.Modifier.isFinal(loss.getModifiers()), loss.getName());
    }
  }
}
