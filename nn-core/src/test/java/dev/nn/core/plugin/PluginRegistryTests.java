package dev.nn.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.testing.FakePlugins;
import dev.nn.core.testing.PluginJars;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.ProblemId;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry with real jars on a real class loader. */
class PluginRegistryTests {
  private static final String SPI = "dev.nn.spi.ActivationProvider";

  @TempDir
  Path dir;

  private static URLClassLoader loader(Path... jars) throws Exception {
    return PluginJars.loader(jars);
  }

  /**
   * A jar in a folder whose name a URL escapes (a space, é, 日本, %, #) is named by its real path, and the plugin
   * path's check finds the plugins it provides (its escaped path named no file, and the check warned that
   * nothing on the plugin path provided a plugin).
   */
  @Test
  void aJarUnderAFolderNameThatAUrlEscapesIsNamedByItsPath() throws Exception {
    Path folder = java.nio.file.Files.createDirectories(dir.resolve("my tools é 日本 100% #1"));
    Path jar = PluginJars.build(folder, "acme linear", Map.of("com.acme.Linear",
        PluginJars.activationProvider("com.acme", "Linear", "acme-linear")), Map.of(SPI, "com.acme.Linear\n"));
    try (URLClassLoader cl = loader(jar)) {
      PluginRegistry registry = PluginRegistry.load(cl).fromPluginPath(List.of(jar));
      assertEquals(jar.toString(), registry.descriptors(PluginKind.ACTIVATION).get("acme-linear").origin());
      assertEquals(List.of(), registry.pluginPathWarnings());
    }
  }

  /** Messages name a kind in the plural ("one of nn's built-in losses"): "loss" takes "es". */
  @Test
  void eachKindHasItsPlural() {
    assertEquals(List.of("activations", "losses", "optimizers", "initializers"),
        PluginKind.values().stream().map(PluginKind::pluralLabel).toList());
  }

  @Test
  void findsAPluginInAJarAndRecordsWhereItCameFrom() throws Exception {
    Path jar = PluginJars.build(dir, "acme-linear", Map.of("com.acme.Linear",
        PluginJars.activationProvider("com.acme", "Linear", "acme-linear")), Map.of(SPI, "com.acme.Linear\n"));
    try (URLClassLoader cl = loader(jar)) {
      PluginRegistry registry = PluginRegistry.load(cl);
      PluginDescriptor d = registry.descriptors(PluginKind.ACTIVATION).get("acme-linear");
      assertEquals("com.acme.Linear", d.className());
      assertEquals(jar.toString(), d.origin());
      assertEquals("unknown", d.version());
      assertEquals(2.5, registry.create(PluginKind.ACTIVATION, "acme-linear").phi(2.5));
      assertEquals(List.of(), registry.failures());
    }
  }

  /**
   * Each plugin's version is its own jar's, when two jars of different versions hold plugins of one package: a
   * class loader defines the package once, with the manifest of the first jar a class of it came from, which gave
   * both plugins that jar's version.
   */
  @Test
  void eachPluginHasTheVersionOfItsOwnJarWhenTwoJarsShareAPackage() throws Exception {
    Path one = PluginJars.build(dir, "zz-one", Map.of("com.zz.One", PluginJars.activationProvider("com.zz", "One",
        "zz-one")), Map.of(SPI, "com.zz.One\n"), "1.1.0");
    Path two = PluginJars.build(dir, "zz-two", Map.of("com.zz.Two", PluginJars.activationProvider("com.zz", "Two",
        "zz-two")), Map.of(SPI, "com.zz.Two\n"), "1.0.0");
    for (Path[] order : new Path[][] {{one, two}, {two, one}}) {
      try (URLClassLoader cl = loader(order)) {
        PluginRegistry registry = PluginRegistry.load(cl);
        assertEquals("1.1.0", registry.descriptors(PluginKind.ACTIVATION).get("zz-one").version());
        assertEquals("1.0.0", registry.descriptors(PluginKind.ACTIVATION).get("zz-two").version());
      }
    }
  }

  /** Every value the provider refuses is reported at once, and then the keys it never reads. */
  @Test
  void everyRefusedSettingAndEveryUnknownKeyIsReportedTogether() {
    PluginRegistry registry = PluginRegistry.loadDefault();
    java.util.Map<String, Object> values = new java.util.LinkedHashMap<>();
    values.put("beta1", 2);
    values.put("eps", 1e-8);
    values.put("beta2", -1);
    values.put("bogus", 3);
    ConfigException e = assertThrows(ConfigException.class, () -> registry.create(PluginKind.OPTIMIZER, "adam",
        dev.nn.spi.Settings.of("optimizer \"adam\"", values), List.of("learning-rate")));
    assertEquals(List.of("beta1", "beta2", "bogus"), e.problems().stream().map(ConfigProblem::path).toList());
    assertEquals(List.of(ProblemId.INVALID_SETTING, ProblemId.INVALID_SETTING, ProblemId.UNKNOWN_KEY),
        e.problems().stream().map(ConfigProblem::id).toList());
    assertEquals("setting \"beta2\" of optimizer \"adam\" must be in [0, 1), found -1", e.problems().get(1).message());
  }

  /**
   * A provider that refuses a combination of its settings (no one key) ends the search: what was found is
   * reported, and the provider is created at most once per setting more.
   */
  @Test
  void aRefusalOfNoOneSettingEndsTheSearchForMore() {
    int[] created = {0};
    dev.nn.spi.ActivationProvider scaled = new dev.nn.spi.ActivationProvider() {
      @Override
      public String name() {
        return "scaled";
      }

      @Override
      public String summary() {
        return "a·z, clipped to [lo, hi]";
      }

      @Override
      public dev.nn.api.Activation create(dev.nn.spi.Settings settings) {
        created[0]++;
        double a = settings.number("a", 1, dev.nn.spi.Range.positive());
        double lo = settings.number("lo", -1, dev.nn.spi.Range.any());
        double hi = settings.number("hi", 1, dev.nn.spi.Range.any());
        if (lo >= hi) {
          throw new ConfigException(ConfigProblem.of(ProblemId.INVALID_SETTING, "", "lo must be below hi",
              "lo < hi"));
        }
        return new dev.nn.api.Activation() {
          @Override
          public double phi(double z) {
            return Math.max(lo, Math.min(hi, a * z));
          }

          @Override
          public double phiPrime(double z, double x) {
            return a * z > lo && a * z < hi ? a : 0;
          }
        };
      }
    };
    PluginRegistry registry = PluginRegistry.of(List.of(scaled));
    ConfigException e = assertThrows(ConfigException.class, () -> registry.create(PluginKind.ACTIVATION, "scaled",
        dev.nn.spi.Settings.of("activation \"scaled\"", Map.of("a", -2, "lo", 5, "hi", 1))));
    assertEquals(List.of("a", ""), e.problems().stream().map(ConfigProblem::path).toList(), e.getMessage());
    assertEquals(2, created[0], "once with every setting, once without a");
    // a key it never read: without help of the plugin's own, what it asked for is what it reads (it said "reads no
    // settings", then suggested one)
    ConfigException typo = assertThrows(ConfigException.class, () -> registry.create(PluginKind.ACTIVATION, "scaled",
        dev.nn.spi.Settings.of("activation \"scaled\"", Map.of("aa", 2))));
    ConfigProblem p = typo.problems().get(0);
    assertEquals("unknown setting \"aa\" of activation \"scaled\"", p.message());
    assertEquals("activation \"scaled\" reads a, lo, hi", p.allowed());
    assertEquals(List.of("a"), p.suggestions());
  }

  /**
   * A refusal of no one setting written with a null key (as plugin authors write it) is one of the plugin as a whole,
   * placed at the plugin's own key (it surfaced as "create() threw NullPointerException: path").
   */
  @Test
  void aRefusalWithANullKeyIsTheWholePlugins() {
    ConfigProblem p = ConfigProblem.of(ProblemId.INVALID_SETTING, null, "mode b needs k <= 3", "k <= 3");
    assertEquals("", p.path());
    assertEquals("network.layers[1].activation", p.at("network.layers[1].activation", 7, 31).path());
  }

  @Test
  void twoPluginsWithOneNameAreRejectedNamingBothJars() throws Exception {
    Path a = PluginJars.build(dir, "first", Map.of("com.first.Twin",
        PluginJars.activationProvider("com.first", "Twin", "twin")), Map.of(SPI, "com.first.Twin\n"));
    Path b = PluginJars.build(dir, "second", Map.of("com.second.Twin",
        PluginJars.activationProvider("com.second", "Twin", "twin")), Map.of(SPI, "com.second.Twin\n"));
    try (URLClassLoader cl = loader(a, b)) {
      ConfigException e = assertThrows(ConfigException.class, () -> PluginRegistry.load(cl));
      ConfigProblem p = e.problems().get(0);
      assertEquals(ProblemId.DUPLICATE_PLUGIN, p.id());
      assertEquals("two activation plugins are named \"twin\": com.first.Twin from " + a + " and com.second.Twin from "
          + b, p.message());
    }
  }

  /**
   * One provider given twice — nn's own sgd passed to with() of a registry that holds it — is said to be given twice,
   * not as two plugins of one name whose class and jar read the same.
   */
  @Test
  void oneProviderGivenTwiceIsSaidToBe() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> PluginRegistry.loadDefault().with(List.of(new dev.nn.core.optim.SgdProvider())));
    ConfigProblem p = e.problems().get(0);
    assertEquals(ProblemId.DUPLICATE_PLUGIN, p.id());
    assertTrue(p.message().startsWith("the optimizer plugin \"sgd\" is given twice, both times as"
        + " dev.nn.core.optim.SgdProvider from "), p.message());
    assertTrue(p.message().endsWith("; a registry's with() adds to the providers it holds (loadDefault() holds nn's"
        + " own and the class path's)"), p.message());
    assertEquals("each provider once", p.allowed());
  }

  @Test
  void aProviderThatFailsToLoadIsReportedAndTheOthersStillWork() throws Exception {
    Path jar = PluginJars.build(dir, "mixed", Map.of(
        "com.acme.Good", PluginJars.activationProvider("com.acme", "Good", "good"),
        "com.acme.Bad", PluginJars.activationProvider("com.acme", "Bad", "Not_Kebab")),
        Map.of(SPI, "com.acme.Missing\ncom.acme.Good\ncom.acme.Bad\n"));
    try (URLClassLoader cl = loader(jar)) {
      PluginRegistry registry = PluginRegistry.load(cl);
      assertTrue(registry.names(PluginKind.ACTIVATION).contains("good"));
      assertEquals(2, registry.failures().size(), registry.failures().toString());
      assertTrue(registry.failures().get(0).contains("com.acme.Missing"), registry.failures().get(0));
      assertTrue(registry.failures().get(1).contains("\"Not_Kebab\", which is not lowercase kebab-case"),
          registry.failures().get(1));
    }
  }

  @Test
  void anUnknownNameListsWhatIsAllowedAndTheClosestMatch() throws Exception {
    Path jar = PluginJars.build(dir, "two", Map.of(
        "com.acme.Relu", PluginJars.activationProvider("com.acme", "Relu", "relu"),
        "com.acme.Tanh", PluginJars.activationProvider("com.acme", "Tanh", "tanh")),
        Map.of(SPI, "com.acme.Relu\ncom.acme.Tanh\n"));
    try (URLClassLoader cl = loader(jar)) {
      PluginRegistry registry = PluginRegistry.load(cl);
      ConfigException e = assertThrows(ConfigException.class, () -> registry.create(PluginKind.ACTIVATION, "rleu"));
      ConfigProblem p = e.problems().get(0);
      assertEquals(ProblemId.UNKNOWN_PLUGIN, p.id());
      assertEquals("unknown activation \"rleu\"", p.message());
      assertEquals("relu, tanh", p.allowed());
      assertEquals(List.of("relu"), p.suggestions());
    }
  }

  /**
   * A name like no installed one, with no plugin path given, is most often a plugin whose jar was left out: the
   * message says how to give it. With a plugin path, or a close name, it does not.
   */
  @Test
  void anUnknownNameLikeNoneInstalledPointsAtThePluginPath() throws Exception {
    Path jar = PluginJars.build(dir, "one", Map.of(
        "com.acme.Relu", PluginJars.activationProvider("com.acme", "Relu", "relu")), Map.of(SPI, "com.acme.Relu\n"));
    try (URLClassLoader cl = loader(jar)) {
      PluginRegistry registry = PluginRegistry.load(cl);
      ConfigProblem p = assertThrows(ConfigException.class,
          () -> registry.create(PluginKind.ACTIVATION, "acme-isru")).problems().get(0);
      assertEquals("unknown activation \"acme-isru\"; a plugin's name is known once its jar is on the plugin path"
          + " (--plugin-path JAR, or NN_PLUGIN_PATH)", p.message());
      ConfigProblem withPath = assertThrows(ConfigException.class, () -> registry.fromPluginPath(List.of(jar))
          .create(PluginKind.ACTIVATION, "acme-isru")).problems().get(0);
      assertEquals("unknown activation \"acme-isru\"", withPath.message());
    }
  }

  /**
   * An installed name with a part of its own ("relu-acme") is most often a plugin whose jar was left out too: the
   * message points at the plugin path and still suggests the installed name; a misspelling ("rleu") only suggests.
   */
  @Test
  void anInstalledNameWithAPartOfItsOwnPointsAtThePluginPathToo() throws Exception {
    Path jar = PluginJars.build(dir, "own", Map.of(
        "com.acme.Relu", PluginJars.activationProvider("com.acme", "Relu", "relu")), Map.of(SPI, "com.acme.Relu\n"));
    try (URLClassLoader cl = loader(jar)) {
      PluginRegistry registry = PluginRegistry.load(cl);
      ConfigProblem p = assertThrows(ConfigException.class,
          () -> registry.create(PluginKind.ACTIVATION, "relu-acme")).problems().get(0);
      assertEquals("unknown activation \"relu-acme\"; a plugin's name is known once its jar is on the plugin path"
          + " (--plugin-path JAR, or NN_PLUGIN_PATH)", p.message());
      assertEquals(List.of("relu"), p.suggestions());
      ConfigProblem typo = assertThrows(ConfigException.class,
          () -> registry.create(PluginKind.ACTIVATION, "rleu")).problems().get(0);
      assertEquals("unknown activation \"rleu\"", typo.message());
    }
    // made of two installed names (gelu-tanh, momentum-sgd): nn's own words, not a plugin's
    Path two = PluginJars.build(dir, "two-names", Map.of(
        "com.acme.Relu", PluginJars.activationProvider("com.acme", "Relu", "relu"),
        "com.acme.Tanh", PluginJars.activationProvider("com.acme", "Tanh", "tanh")),
        Map.of(SPI, "com.acme.Relu\ncom.acme.Tanh\n"));
    try (URLClassLoader cl = loader(two)) {
      ConfigProblem p = assertThrows(ConfigException.class,
          () -> PluginRegistry.load(cl).create(PluginKind.ACTIVATION, "relu-tanh")).problems().get(0);
      assertEquals("unknown activation \"relu-tanh\"", p.message());
    }
  }

  /**
   * A registry given its providers in code says to give it the missing one, not to add a jar (there is none), and
   * so does a model loaded with it that needs a plugin it lacks.
   */
  @Test
  void aRegistryGivenInCodeSaysToGiveItTheProvider() throws Exception {
    PluginRegistry inCode = PluginRegistry.of(List.of(new dev.nn.core.optim.SgdProvider()));
    assertTrue(inCode.givenInCode());
    assertFalse(PluginRegistry.loadDefault().givenInCode());
    ConfigProblem p = assertThrows(ConfigException.class,
        () -> inCode.create(PluginKind.INITIALIZER, "xavier-uniform")).problems().get(0);
    assertEquals("unknown initializer \"xavier-uniform\"; this registry was given its providers in code: give it"
        + " this one too (PluginRegistry.of, or with)", p.message());
    assertEquals("(none: this registry holds the providers given to it in code)", p.allowed());
    assertTrue(inCode.with(List.of()).givenInCode());
  }

  /**
   * A plugin jar packaged without its service file loads nothing, without a word once another jar provides
   * plugins: a name like no installed one then names the jars on the plugin path that provide none, given or in a
   * directory given.
   */
  @Test
  void anUnknownNameNamesTheJarsOnThePluginPathThatProvideNoPlugin() throws Exception {
    Path jar = PluginJars.build(dir, "one", Map.of(
        "com.acme.Relu", PluginJars.activationProvider("com.acme", "Relu", "relu")), Map.of(SPI, "com.acme.Relu\n"));
    Path lib = java.nio.file.Files.createDirectories(dir.resolve("lib"));
    Path bare = PluginJars.build(lib, "bare", Map.of(
        "com.acme.Isru", PluginJars.activationProvider("com.acme", "Isru", "acme-isru")), Map.of());
    try (URLClassLoader cl = loader(jar, bare)) {
      PluginRegistry registry = PluginRegistry.load(cl).fromPluginPath(List.of(jar, lib));
      ConfigProblem p = assertThrows(ConfigException.class,
          () -> registry.create(PluginKind.ACTIVATION, "acme-isru")).problems().get(0);
      assertEquals("unknown activation \"acme-isru\"; on the plugin path, " + bare + " provides no plugin (a library,"
          + " or a plugin jar without its META-INF/services files; jar tf JAR shows what a jar holds)", p.message());
      // a close name is a typo: the jars are not the story then
      assertEquals("unknown activation \"rleu\"", assertThrows(ConfigException.class,
          () -> registry.create(PluginKind.ACTIVATION, "rleu")).problems().get(0).message());
    }
  }

  @Test
  void aJarThatBundlesItsOwnCopyOfTheApiIsNamed() throws Exception {
    Path jar = PluginJars.build(dir, "fat", Map.of(
        "com.acme.Fat", PluginJars.activationProvider("com.acme", "Fat", "fat"),
        "dev.nn.spi.PluginProvider", "package dev.nn.spi; public interface PluginProvider<T> {}"),
        Map.of(SPI, "com.acme.Fat\n"));
    try (URLClassLoader cl = loader(jar)) {
      ConfigException e = assertThrows(ConfigException.class, () -> PluginRegistry.load(cl));
      ConfigProblem p = e.problems().get(0);
      assertEquals(ProblemId.BUNDLED_API, p.id());
      assertEquals("nn-api is on the plugin path a second time: " + jar + " holds its class"
          + " dev.nn.spi.PluginProvider, which nn has from " + PluginRegistry.origin(dev.nn.spi.PluginProvider.class),
          p.message());
    }
  }

  /**
   * A jar that bundles only part of nn-api (a shaded jar whose filter kept dev.nn.api and not dev.nn.spi) is
   * refused as a whole copy is, naming the classes it holds; a copy that comes with nn's class path, not the plugin
   * path, is said to be there.
   */
  @Test
  void aJarThatBundlesPartOfTheApiIsNamedWithTheClassesItHolds() throws Exception {
    Path plugin = PluginJars.build(dir, "isru", Map.of(
        "com.acme.Isru", PluginJars.activationProvider("com.acme", "Isru", "acme-isru")),
        Map.of(SPI, "com.acme.Isru\n"));
    List<String> api = BundledApi.apiClasses().stream().filter(c -> c.startsWith("dev/nn/api/")).toList();
    Path partial = withClassesOfTheTestsLoader(plugin, dir.resolve("isru-with-api.jar"), api);
    String names = api.stream().limit(3).map(c -> c.replace('/', '.').replace(".class", "")).toList().toString();
    String holds = " a second time: " + partial + " holds " + api.size() + " of its classes ("
        + names.substring(1, names.length() - 1) + " and " + (api.size() - 3) + " more), which nn has from "
        + PluginRegistry.origin(dev.nn.spi.PluginProvider.class);
    try (URLClassLoader cl = loader(partial)) {
      ConfigProblem p = assertThrows(ConfigException.class, () -> PluginRegistry.load(cl)).problems().get(0);
      assertEquals(ProblemId.BUNDLED_API, p.id());
      assertEquals("nn-api is on the plugin path" + holds, p.message());
      assertTrue(p.allowed().contains("<scope>provided</scope>"), p.allowed());
    }
    Path other = PluginJars.build(dir, "other", Map.of(
        "com.acme.Other", PluginJars.activationProvider("com.acme", "Other", "acme-other")),
        Map.of(SPI, "com.acme.Other\n"));
    try (URLClassLoader classPath = loader(partial);
        URLClassLoader cl = new URLClassLoader(new java.net.URL[] {other.toUri().toURL()}, classPath)) {
      ConfigProblem p = assertThrows(ConfigException.class, () -> PluginRegistry.load(cl)).problems().get(0);
      assertEquals("nn-api is on the class path" + holds, p.message());
    }
  }

  /** A copy of {@code jar} that also holds {@code resources}, as the test's class loader has them. */
  private static Path withClassesOfTheTestsLoader(Path jar, Path copy, List<String> resources) throws Exception {
    try (java.util.jar.JarFile in = new java.util.jar.JarFile(jar.toFile());
        java.util.jar.JarOutputStream out =
            new java.util.jar.JarOutputStream(java.nio.file.Files.newOutputStream(copy))) {
      for (java.util.jar.JarEntry e : java.util.Collections.list(in.entries())) {
        out.putNextEntry(new java.util.jar.JarEntry(e.getName()));
        in.getInputStream(e).transferTo(out);
        out.closeEntry();
      }
      for (String resource : resources) {
        out.putNextEntry(new java.util.jar.JarEntry(resource));
        try (java.io.InputStream bytes = PluginRegistryTests.class.getClassLoader().getResourceAsStream(resource)) {
          bytes.transferTo(out);
        }
        out.closeEntry();
      }
    }
    return copy;
  }

  /** An activation defined in code beside every plugin the default registry has, without listing them. */
  @Test
  void withAddsProvidersToEveryPluginTheRegistryHas() {
    PluginRegistry defaults = PluginRegistry.loadDefault();
    PluginRegistry more = defaults.with(List.of(FakePlugins.activation("square-plus")));
    assertTrue(more.descriptor(PluginKind.ACTIVATION, "square-plus").isPresent());
    for (PluginKind<?> kind : PluginKind.values()) {
      for (PluginDescriptor d : defaults.all()) {
        if (d.kind() == kind) {
          assertTrue(more.descriptor(kind, d.name()).isPresent(), kind + " " + d.name());
        }
      }
    }
    assertEquals(defaults.all().size() + 1, more.all().size());
    String taken = defaults.all().get(0).kind() == PluginKind.ACTIVATION ? defaults.all().get(0).name() : null;
    if (taken != null) {
      assertThrows(ConfigException.class, () -> defaults.with(List.of(FakePlugins.activation(taken))));
    }
    assertThrows(ConfigException.class, () -> more.with(List.of(FakePlugins.activation("square-plus"))));
  }
}
