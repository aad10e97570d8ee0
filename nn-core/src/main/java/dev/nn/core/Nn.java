package dev.nn.core;

import dev.nn.core.bench.Benchmark;
import dev.nn.core.config.Experiment;
import dev.nn.core.config.ExperimentReader;
import dev.nn.core.experiment.ExperimentGradientCheck;
import dev.nn.core.experiment.TrainingRun;
import dev.nn.core.inject.NnModules;
import dev.nn.core.kernel.JavaKernels;
import dev.nn.core.model.Model;
import dev.nn.core.plugin.PluginRegistry;
import dev.nn.core.run.RunDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Java API of nn: load an experiment, train it, load a model. The {@code nn} command uses exactly
 * this class.
 *
 * <pre>{@code
 * Nn nn = Nn.create();                                        // built-in plugins
 * Experiment e = nn.load(Path.of("examples/digits.yaml"), List.of("training.epochs=5"));
 * TrainingRun.Result run = nn.train(e);                       // writes runs/digits-<timestamp>/
 * Model model = nn.loadModel(run.directory().modelFile());
 * double[] probabilities = model.predict(pixels);             // safe from several threads
 * }</pre>
 */
public final class Nn {
  /** The environment variable that adds plugin jars, like {@code --plugin-path}. */
  public static final String PLUGIN_PATH_ENV = "NN_PLUGIN_PATH";

  private final PluginRegistry registry;

  private Nn(PluginRegistry registry) {
    this.registry = registry;
  }

  /** nn with the plugins on its own class path: the built-ins and any jar added to it. */
  public static Nn create() {
    return new Nn(PluginRegistry.loadDefault());
  }

  /**
   * nn with third-party plugins as well: each entry is a plugin jar, or a directory whose {@code *.jar}
   * files are all added.
   *
   * @throws UncheckedIOException naming an entry that does not exist
   */
  public static Nn withPluginPath(List<Path> entries) {
    if (entries.isEmpty()) {
      return create();
    }
    List<URL> urls = new ArrayList<>();
    for (Path entry : entries) {
      if (!Files.exists(entry)) {
        throw new UncheckedIOException(new NoSuchFileException(entry.toString(), null,
            "plugin path entry does not exist"));
      }
      if (Files.isDirectory(entry)) {
        try (Stream<Path> files = Files.list(entry)) {
          files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().forEach(f -> urls.add(url(f)));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      } else {
        urls.add(url(entry));
      }
    }
    ClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), Nn.class.getClassLoader());
    return new Nn(PluginRegistry.load(loader));
  }

  private static URL url(Path p) {
    try {
      return p.toAbsolutePath().toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(p + " is not a valid path", e);
    }
  }

  /** The plugins this instance uses. */
  public PluginRegistry plugins() {
    return registry;
  }

  /**
   * Reads and validates an experiment file.
   *
   * @param overrides {@code key.path=value}, which win over the file
   * @throws dev.nn.spi.ConfigException with every problem of the file, numbered, with line and column
   * @throws UncheckedIOException when the file cannot be read
   */
  public Experiment load(Path yaml, List<String> overrides) {
    try {
      return new ExperimentReader(registry).read(yaml, overrides);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Trains an experiment into a new run directory under its {@code output.dir}. */
  public TrainingRun.Result train(Experiment experiment) {
    return train(experiment, TrainingRun.Options.defaults());
  }

  /**
   * Trains an experiment with explicit options (output directory, listeners, resume): reads its data,
   * creates its plugins and network, and only then creates the run directory and trains.
   */
  public TrainingRun.Result train(Experiment experiment, TrainingRun.Options options) {
    return NnModules.create(TrainingRun.class, NnModules.forRun(experiment, registry, options)).run();
  }

  /** Continues an interrupted run from its last checkpoint, with the experiment the run recorded. */
  public TrainingRun.Result resume(Path runDirectory, TrainingRun.Options options) {
    RunDirectory dir = RunDirectory.open(runDirectory);
    Experiment experiment = load(dir.experimentFile(), List.of());
    return train(experiment, options.resuming(runDirectory));
  }

  /** The gradient check of an experiment's freshly initialised network on its training data. */
  public ExperimentGradientCheck gradientCheck(Experiment experiment) {
    return NnModules.create(ExperimentGradientCheck.class, NnModules.forRun(experiment, registry));
  }

  /** A benchmark of an experiment's training or inference, on a freshly initialised network. */
  public Benchmark benchmark(Experiment experiment) {
    return NnModules.create(Benchmark.class, NnModules.forRun(experiment, registry));
  }

  /** Loads a saved model, creating its plugins from this instance's registry. */
  public Model loadModel(Path file) {
    return Model.load(file, registry, new JavaKernels());
  }
}
