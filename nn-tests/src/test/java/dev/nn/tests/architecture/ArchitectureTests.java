package dev.nn.tests.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.google.inject.Guice;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.nn.spi.PluginProvider;
import dev.nn.spi.Settings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of nn's code, checked on its compiled classes: no package depends on itself through others,
 * the core's packages form the layers the README's architecture section draws, and a few doors have one
 * key each (plugins are created only by the registry, injectors are made only by the wiring).
 */
class ArchitectureTests {
  /**
   * nn-core's packages from the bottom up: a package may use the packages of lower rows, never its own
   * row's other packages nor a higher row. A new package must be placed here.
   */
  static final List<List<String>> CORE_LAYERS = List.of(
      List.of("text", "io", "random", "kernel", "init", "optim"), // foundations: no other core package
      List.of("network", "data", "plugin"),                // the engine's numbers; data sets; the plugin registry
      List.of("config"),                                   // the experiment as typed records, read from YAML
      List.of("schedule", "check", "model"),               // learning rates; gradient check; saved models
      List.of("train", "export"),                          // the trainer: epochs, batches, SGD steps; ONNX, npz
      List.of("run", "sweep"),                             // run directories: checkpoints, metrics, report; sweeps' tables
      List.of("experiment"),                               // one run's objects, built from an experiment
      List.of("bench", "inject"),                          // benchmarks; the Guice modules and the injector
      List.of("stability"),                                // pairs of runs one sample apart, and their distance
      List.of(""));                                        // the Nn facade

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.nn");
  }

  private static String pkg(String name) {
    return name.isEmpty() ? "dev.nn.core" : "dev.nn.core." + name + "..";
  }

  @Test
  void noPackageDependsOnItselfThroughOthers() {
    slices().matching("dev.nn.(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void eachCorePackageUsesOnlyLowerLayers() {
    for (int rank = 0; rank < CORE_LAYERS.size(); rank++) {
      for (String name : CORE_LAYERS.get(rank)) {
        List<String> forbidden = new ArrayList<>();
        for (int other = rank; other < CORE_LAYERS.size(); other++) {
          for (String o : CORE_LAYERS.get(other)) {
            if (!o.equals(name)) {
              forbidden.add(pkg(o));
            }
          }
        }
        noClasses().that().resideInAPackage(pkg(name))
            .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
            .because("core package \"" + name + "\" sits in layer " + rank + " of ArchitectureTests.CORE_LAYERS")
            .allowEmptyShould(true)
            .check(classes);
      }
    }
  }

  @Test
  void theEngineDoesNotKnowWhereItsNumbersComeFrom() {
    noClasses().that().resideInAnyPackage("dev.nn.core.kernel..", "dev.nn.core.network..", "dev.nn.core.train..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.nn.core.data..", "dev.nn.core.config..")
        .because("the trainer computes on Samples and draws from RandomStream; reading data and experiments is "
            + "the business of the layers above")
        .check(classes);
  }

  @Test
  void everyCorePackageHasItsPlaceInTheLayers() {
    List<String> all = new ArrayList<>();
    CORE_LAYERS.forEach(row -> row.forEach(name -> all.add(pkg(name))));
    classes().that().resideInAPackage("dev.nn.core..").should().resideInAnyPackage(all.toArray(String[]::new))
        .check(classes);
  }

  @Test
  void theApiDependsOnTheJdkAlone() {
    classes().that().resideInAnyPackage("dev.nn.api..", "dev.nn.spi..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.nn.api..", "dev.nn.spi..")
        .check(classes);
  }

  @Test
  void builtInPluginsUseTheApiAlone() {
    classes().that().resideInAnyPackage("dev.nn.activations..", "dev.nn.losses..")
        .should().onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "dev.nn.api..", "dev.nn.spi..", "dev.nn.activations..", "dev.nn.losses..")
        .check(classes);
  }

  @Test
  void onlyThePluginRegistryCreatesPlugins() {
    noClasses().that().resideInAnyPackage("dev.nn.core..", "dev.nn.cli..")
        .and().resideOutsideOfPackage("dev.nn.core.plugin")
        .should().callMethod(PluginProvider.class, "create", Settings.class)
        .because("PluginRegistry.create is the one door from a plugin's name to a typed plugin")
        .check(classes);
  }

  @Test
  void onlyTheWiringMakesInjectors() {
    noClasses().that().resideInAnyPackage("dev.nn..").and().resideOutsideOfPackage("dev.nn.core.inject")
        .should().dependOnClassesThat().areAssignableTo(Guice.class)
        .because("NnModules.injector is the one place an injector is made")
        .check(classes);
  }

  @Test
  void theCoreKnowsNoClusterEngine() {
    noClasses().that().resideInAnyPackage("dev.nn.core..", "dev.nn.api..", "dev.nn.spi..", "dev.nn.cli..")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "scala..", "org.apache.hadoop..")
        .because("Spark lives in the optional nn-spark module, found through DistributedTraining")
        .check(classes);
  }
}
