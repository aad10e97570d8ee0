package dev.nn.tests.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.nn.spi.PluginProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * nn's Java API, written down in one place ({@link #CORE_API}), and the two rules that keep the rest of
 * nn-core out of sight: the command line uses the API alone, and a public nn-core type is either API or used by
 * another package. Everything of nn-api ({@code dev.nn.api}, {@code dev.nn.spi}) is API too, and so are the
 * built-in plugins' providers, which {@link java.util.ServiceLoader} needs public.
 */
class PublicSurfaceTests {
  /**
   * The nn-core types an application uses: the facade {@code Nn} and what a user holds through it. A type's
   * nested types ({@code TrainingRun.Options}, {@code GradientCheck.Result}) belong to it. docs/java-api.md
   * and the README's architecture section name this list.
   */
  static final Set<String> CORE_API = Set.of(
      "dev.nn.core.Nn",                              // the facade: everything the nn command does
      "dev.nn.core.Evaluation",                      // Nn.evaluate: a model's figures on a labelled CSV file
      "dev.nn.core.config.Experiment",               // Nn.load, Nn.parse
      "dev.nn.core.config.DistributedSpec",          // Experiment.distributed: where and how a run trains on Spark
      "dev.nn.core.config.ProblemReport",            // a ConfigException's problems, numbered, for people
      "dev.nn.core.data.Dataset",                    // samples in memory
      "dev.nn.core.data.Standardizer",               // the scaler a model applies
      "dev.nn.core.data.OneHot",                     // the one-hot encoding a model applies: a word's code
      "dev.nn.core.data.DataException",              // unreadable data
      "dev.nn.core.data.CsvReader",                  // a CSV file into a Dataset, as a csv source reads it
      "dev.nn.core.data.IdxReader",                  // IDX files into a Dataset, as an idx source reads them
      "dev.nn.core.data.Generators",                 // a generator's samples, as a generator source draws them
      "dev.nn.core.data.Splits",                     // a Dataset split as a run splits it
      "dev.nn.core.kernel.Precision",                // float64 or float32, for a reader that holds inputs so
      "dev.nn.core.random.RandomStream",             // the seeded streams a run draws from (a split's, say)
      "dev.nn.core.experiment.ClusterException",     // a distributed run that the cluster could not finish
      "dev.nn.core.experiment.TrainingInterruptedException", // a run that failed as the JVM stopped: interrupted
      "dev.nn.core.experiment.JvmShutdown",          // whether the JVM is stopping, for a command's last words
      "dev.nn.core.model.Model",                     // Nn.loadModel, Nn.model: predict, save
      "dev.nn.core.model.ModelSpec",                 // a model's features, targets and classes
      "dev.nn.core.model.ModelFormatException",      // an unreadable model file
      "dev.nn.core.model.UnusableInputException",    // a row Model.predict refuses, with its row and column
      "dev.nn.core.export.ModelExport",              // Nn.export: a model as ONNX or NumPy .npz
      "dev.nn.core.export.ExportFormat",
      "dev.nn.core.export.ExportException",          // a model the format cannot express, an unwritable output
      "dev.nn.core.network.Network",                 // Nn.network: a network built in code
      "dev.nn.core.random.Rng",                      // the seeded generator to initialise it with
      "dev.nn.core.schedule.LearningRateSchedule",   // η(update, epoch) for a Trainer
      "dev.nn.core.train.Trainer",                   // training a network in code
      "dev.nn.core.train.TrainingOptions",
      "dev.nn.core.train.TargetUnits",               // Trainer.train, Evaluator on standardized targets
      "dev.nn.core.train.TrainingResult",
      "dev.nn.core.train.Samples",                   // Nn.samples
      "dev.nn.core.train.Metrics",                   // a run's and an evaluation's figures
      "dev.nn.core.train.ScoreFigures",              // an evaluation's ROC AUC and log loss
      "dev.nn.core.text.Significant",               // numbers as nn prints them: rates, class weights
      "dev.nn.core.text.CommandName",               // how the user runs nn, in the commands messages give
      "dev.nn.core.text.Grouped",                   // a count as nn prints it: 359,400
      "dev.nn.core.text.Counted",                   // a count and its noun as nn prints them: 1 epoch, 2 epochs
      "dev.nn.core.text.Suggestions",               // the nearest allowed names to a misspelt one: keys, options
      "dev.nn.core.text.ControlCharacters",          // text nn did not write, made safe to print on a terminal
      "dev.nn.core.io.ReadOnlyFileSystem",           // an output refused on a read-only file system, said as such
      "dev.nn.core.io.AtomicFiles",                  // after a stop, whether a command's output was written
      "dev.nn.core.io.FolderGoneException",          // a run directory moved or deleted while its run trained
      "dev.nn.core.io.OutputPaths",                  // a folder to write in: made only where its parent exists
      "dev.nn.core.train.ClassWeightedLoss",         // a Trainer's loss weighing each class (training.class-weights)
      "dev.nn.core.train.Spread",                    // repeated figures' mean and spread: folds, seeds, shuffles
      "dev.nn.core.train.TrainingListener",          // progress: a listener in TrainingRun.Options
      "dev.nn.core.train.EpochReport",
      "dev.nn.core.train.TrainingProgress",
      "dev.nn.core.train.TrainingDivergedException", // the loss became NaN or infinite
      "dev.nn.core.experiment.TrainingRun",          // Nn.train: its Options and Result
      "dev.nn.core.experiment.PreTrainingChecks",    // Nn.check: what a run checks before its directory exists
      "dev.nn.core.experiment.ExperimentGradientCheck", // Nn.gradientCheck
      "dev.nn.core.experiment.LearningRateRange",    // Nn.learningRateRange: nn lr-find
      "dev.nn.core.check.GradientCheck",             // its Result
      "dev.nn.core.bench.Benchmark",                 // Nn.benchmark
      "dev.nn.core.bench.BenchResult",
      "dev.nn.core.stability.StabilityStudy",        // Nn.stability: pairs of runs one sample apart
      "dev.nn.core.stability.StabilityOptions",
      "dev.nn.core.stability.StabilityResult",
      "dev.nn.core.stability.StabilityPoint",
      "dev.nn.core.stability.StabilityException",    // a study that cannot run as asked
      "dev.nn.core.run.RunDirectory",                // where a run's files are
      "dev.nn.core.run.RunFileException",            // a run directory that cannot be resumed
      "dev.nn.core.run.RecordedPluginPath",          // the plugin path a run recorded, to resume it with
      "dev.nn.core.run.MetricsColumns",              // a run's metrics.csv read back
      "dev.nn.core.run.RunComparison",               // runs side by side: differing keys, overlaid curves
      "dev.nn.core.sweep.SweepTable",                // a sweep's sweep.csv and sweep.md
      "dev.nn.core.sweep.SweepRecord",               // a sweep's sweep.yaml: what --resume continues it with
      "dev.nn.core.sweep.SweepFileException",        // a sweep folder that cannot be continued
      "dev.nn.core.io.Json",                         // summary.json and nn runs --json, written and read back
      "dev.nn.core.io.TextFiles",                    // a run's files read as UTF-8; a bad byte is told where
      "dev.nn.core.io.SystemReason",                 // a failed file operation's reason, in words
      "dev.nn.core.plugin.PluginRegistry",           // Nn.plugins, Nn.withPlugins
      "dev.nn.core.plugin.PluginDescriptor",
      "dev.nn.core.plugin.PluginKind",
      "dev.nn.core.plugin.PluginException",          // a plugin path entry or a plugin's own code failed
      "dev.nn.core.plugin.PluginPathException",      // Nn.withPluginPath: entries that are not whole jars
      "dev.nn.core.plugin.PluginFailureException");  // a plugin threw: which one, where and when

  /**
   * Engine types that stay public although no other package of today's modules uses them: the module that
   * trains on a cluster (nn-spark) builds on them.
   */
  static final Set<String> ENGINE_FOR_OTHER_MODULES = Set.of(
      "dev.nn.core.network.Network", "dev.nn.core.network.Workspace", "dev.nn.core.network.ParameterStore",
      "dev.nn.core.train.Trainer", "dev.nn.core.train.Samples", "dev.nn.core.train.Evaluator",
      "dev.nn.core.train.Metrics", "dev.nn.core.config.Experiment", "dev.nn.core.experiment.TrainingRun",
      "dev.nn.core.experiment.DataPreparation");

  /** nn-benchmarks and nn-spark are built after this module; their uses of the core are read from their sources. */
  private static final List<Path> LATER_MODULE_SOURCES = List.of(
      Path.of("..", "nn-benchmarks", "src", "main", "java"), Path.of("..", "nn-spark", "src", "main", "java"));
  private static final Pattern CORE_IMPORT = Pattern.compile("^import (dev\\.nn\\.core\\.[\\w.]+);", Pattern.MULTILINE);

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.nn");
  }

  private static JavaClass topLevel(JavaClass c) {
    JavaClass t = c;
    while (t.getEnclosingClass().isPresent()) {
      t = t.getEnclosingClass().get();
    }
    return t;
  }

  /** Whether {@code c} is API: of nn-api, in the list, or a built-in plugin's provider. */
  static boolean isApi(JavaClass c) {
    JavaClass top = topLevel(c);
    return top.getPackageName().startsWith("dev.nn.api") || top.getPackageName().startsWith("dev.nn.spi")
        || CORE_API.contains(top.getName())
        || (top.getModifiers().contains(JavaModifier.PUBLIC) && top.isAssignableTo(PluginProvider.class));
  }

  private static final DescribedPredicate<JavaClass> OUTSIDE_CORE_OR_API =
      DescribedPredicate.describe("outside nn-core or in PublicSurfaceTests.CORE_API",
          c -> !c.getPackageName().startsWith("dev.nn.core") || isApi(c));

  @Test
  void theCommandLineUsesTheApiAlone() {
    classes().that().resideInAPackage("dev.nn.cli..")
        .should().onlyDependOnClassesThat(OUTSIDE_CORE_OR_API)
        .because("the nn command is a thin layer over the facade Nn and the types a user holds through it")
        .check(classes);
  }

  @Test
  void everyPublicCoreTypeIsApiOrUsedByAnotherPackage() throws IOException {
    Set<String> usedElsewhere = namesUsedOutsideTheirPackage();
    List<String> needless = new ArrayList<>();
    for (JavaClass c : classes) {
      if (c.getPackageName().startsWith("dev.nn.core") && c.getModifiers().contains(JavaModifier.PUBLIC)
          && !isApi(c) && !ENGINE_FOR_OTHER_MODULES.contains(c.getName()) && !usedElsewhere.contains(c.getName())) {
        needless.add(c.getName());
      }
    }
    assertEquals(List.of(), needless.stream().sorted().toList(), "public nn-core types that are not API"
        + " (PublicSurfaceTests.CORE_API) and that no other package uses: make them package-private");
  }

  /**
   * The classes that code of another package names, in main code of any module: the dependencies ArchUnit
   * sees, the class names in every class file's constant pool (which also hold what ArchUnit does not record:
   * local variables' types, a lambda's interface, a nested type's outer class), and the imports of
   * nn-benchmarks and nn-spark.
   */
  private static Set<String> namesUsedOutsideTheirPackage() throws IOException {
    Set<String> used = new TreeSet<>(laterModuleImports());
    for (JavaClass origin : classes) {
      for (Dependency d : origin.getDirectDependenciesFromSelf()) {
        if (!d.getTargetClass().getPackageName().equals(origin.getPackageName())) {
          used.add(d.getTargetClass().getName());
        }
      }
      if (origin.getSource().isEmpty()) {
        continue;
      }
      byte[] bytes;
      try (InputStream in = origin.getSource().get().getUri().toURL().openStream()) {
        bytes = in.readAllBytes();
      }
      for (String name : ClassNames.in(bytes)) {
        int dot = name.lastIndexOf('.');
        if (!name.substring(0, Math.max(dot, 0)).equals(origin.getPackageName())) {
          used.add(name);
        }
      }
    }
    return used;
  }

  @Test
  void theEngineOtherModulesBuildOnStaysPublic() {
    for (String name : ENGINE_FOR_OTHER_MODULES) {
      assertTrue(classes.contain(name), name);
      assertTrue(classes.get(name).getModifiers().contains(JavaModifier.PUBLIC), name + " must stay public");
    }
  }

  @Test
  void everyApiTypeExistsAndIsPublic() {
    for (String name : CORE_API) {
      assertTrue(classes.contain(name), name + " is in CORE_API but not in nn-core");
      assertTrue(classes.get(name).getModifiers().contains(JavaModifier.PUBLIC), name + " is API, so public");
    }
  }

  /**
   * The core types the later modules' sources import, and the nested types of those they name as
   * {@code Outer.Inner}.
   */
  private static Set<String> laterModuleImports() throws IOException {
    Set<String> names = new TreeSet<>();
    for (Path sources : LATER_MODULE_SOURCES) {
      assertTrue(Files.isDirectory(sources), sources.toAbsolutePath().toString());
      try (Stream<Path> files = Files.walk(sources)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          String text = Files.readString(f);
          Matcher m = CORE_IMPORT.matcher(text);
          while (m.find()) {
            String imported = m.group(1);
            names.add(imported);
            String simple = imported.substring(imported.lastIndexOf('.') + 1);
            Matcher nested = Pattern.compile("\\b" + simple + "\\.([A-Z]\\w*)").matcher(text);
            while (nested.find()) {
              names.add(imported + "$" + nested.group(1));
            }
          }
        }
      }
    }
    return names;
  }
}
