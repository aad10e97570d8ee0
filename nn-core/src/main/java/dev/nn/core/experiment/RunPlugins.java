package dev.nn.core.experiment;

import dev.nn.api.Activation;
import dev.nn.api.Initializer;
import dev.nn.api.Loss;
import dev.nn.api.Optimizer;
import dev.nn.core.config.Experiment;
import dev.nn.core.config.LayerSpec;
import dev.nn.core.config.PluginRef;
import dev.nn.core.model.PluginUse;
import dev.nn.core.plugin.PluginDescriptor;
import dev.nn.core.plugin.PluginFailureException;
import dev.nn.core.plugin.PluginKind;
import dev.nn.core.plugin.PluginRegistry;
import dev.nn.core.train.NonFiniteSource;
import dev.nn.core.train.TrainingDivergedException;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The plugins one run uses, each created once from the experiment through the registry, with what
 * provenance and the model file record of it (name, version, settings). Everything downstream — the
 * network, the trainer, the run directory — takes its plugins from here rather than from the experiment.
 */
final class RunPlugins {
  private final List<Activation> activations = new ArrayList<>();
  private final List<String> activationNames = new ArrayList<>();
  private final List<PluginUse> activationUses = new ArrayList<>();
  private final Loss loss;
  private final PluginUse lossUse;
  private final Optimizer optimizer;
  private final Initializer initializer;
  private final Map<String, PluginDescriptor> used = new LinkedHashMap<>();
  private final PluginRegistry registry;
  private final String optimizerName;

  /**
   * Creates every plugin the experiment names.
   *
   * @throws dev.nn.spi.ConfigException placed at the reference's line, for a plugin that cannot be created
   */
  @Inject
  public RunPlugins(Experiment experiment, PluginRegistry registry) {
    this.registry = registry;
    List<LayerSpec> layers = experiment.network().layers();
    for (int l = 1; l < layers.size(); l++) {
      PluginRef ref = layers.get(l).activation().orElseThrow(
          () -> new IllegalStateException("the experiment reader gives every layer after the input an activation"));
      activations.add(ref.create(registry, PluginKind.ACTIVATION));
      activationNames.add(ref.name());
      activationUses.add(use(PluginKind.ACTIVATION, ref));
    }
    loss = experiment.loss().create(registry, PluginKind.LOSS);
    lossUse = use(PluginKind.LOSS, experiment.loss());
    optimizer = experiment.optimizer().optimizer().create(registry, PluginKind.OPTIMIZER);
    use(PluginKind.OPTIMIZER, experiment.optimizer().optimizer());
    optimizerName = experiment.optimizer().optimizer().name();
    initializer = experiment.network().init().create(registry, PluginKind.INITIALIZER);
    use(PluginKind.INITIALIZER, experiment.network().init());
  }

  private PluginUse use(PluginKind<?> kind, PluginRef ref) {
    String version = registry.descriptor(kind, ref.name()).map(d -> {
      used.putIfAbsent(kind.label() + "/" + ref.name(), d);
      return d.version();
    }).orElse("unknown");
    return new PluginUse(ref.name(), version, ref.settings());
  }

  /** Whether the experiment's optimizer is a third-party plugin, whose steps the trainer watches. */
  public boolean optimizerFromAPlugin() {
    return registry.descriptor(PluginKind.OPTIMIZER, optimizerName).filter(d -> !d.builtIn()).isPresent();
  }

  /**
   * The failure of the third-party plugin that made the loss not finite although what it was given was finite
   * (see {@link TrainingDivergedException#source()}): its contract, not the learning rate, was broken. Empty
   * for a divergence of training, and for nn's own plugins, whose non-finite values mean the values they were
   * given are extreme.
   */
  public Optional<PluginFailureException> nonFiniteFault(TrainingDivergedException diverged) {
    Optional<NonFiniteSource> source = diverged.source();
    if (source.isEmpty()) {
      return Optional.empty();
    }
    NonFiniteSource s = source.get();
    if (s.layer() == NonFiniteSource.OPTIMIZER) {
      String name = optimizerName;
      return registry.descriptor(PluginKind.OPTIMIZER, name).filter(d -> !d.builtIn()).map(d ->
          PluginFailureException.of(d, "optimizer \"" + name + "\" from " + d.origin() + " " + s.detail() + ", at"
              + " epoch " + diverged.epoch() + "; a plugin must return finite values for finite arguments: the"
              + " plugin's author can fix it", diverged));
    }
    boolean loss = s.layer() == 0;
    PluginKind<?> kind = loss ? PluginKind.LOSS : PluginKind.ACTIVATION;
    String name = loss ? lossUse.name() : activationNames.get(s.layer() - 1);
    Optional<PluginDescriptor> plugin = registry.descriptor(kind, name).filter(d -> !d.builtIn());
    return plugin.map(d -> PluginFailureException.of(d, kind.label() + " \"" + name + "\" from " + d.origin()
        + (loss ? "" : " (layers[" + s.layer() + "])") + " " + s.detail() + ", at epoch " + diverged.epoch()
        + ", update " + diverged.step() + "; a plugin must return finite values for finite arguments"
        // a gradient check runs in float64, where a value beyond a float's range is finite
        + (s.detail().contains(NonFiniteSource.IN_FLOAT32) ? "" : " (nn gradcheck runs it, on the first 4 training rows;"
            + " --samples N takes more)")
        + ": the plugin's author can fix it", diverged));
  }

  /**
   * {@code failure} as nn reports it when a plugin of this run threw it (the plugin, its jar and the method, as
   * {@link PluginRegistry#blame} words it), else {@code failure} itself.
   */
  public Throwable attributed(Throwable failure, String during) {
    return registry.blame(failure, during).<Throwable>map(f -> f).orElse(failure);
  }

  /** φ of layers 1 … L+1, in order. */
  public List<Activation> activations() {
    return List.copyOf(activations);
  }

  /** The activations' names, layer 1 … L+1. */
  public List<String> activationNames() {
    return List.copyOf(activationNames);
  }

  /** The activations as the model file records them. */
  public List<PluginUse> activationUses() {
    return List.copyOf(activationUses);
  }

  /** The loss. */
  public Loss loss() {
    return loss;
  }

  /** The loss as the model file records it. */
  public PluginUse lossUse() {
    return lossUse;
  }

  /** The optimizer. */
  public Optimizer optimizer() {
    return optimizer;
  }

  /** The initializer. */
  public Initializer initializer() {
    return initializer;
  }

  /** The plugin path the plugins were loaded from, absolute; empty for the built-ins alone. */
  public List<Path> pluginPath() {
    return registry.pluginPath();
  }

  /** Every distinct plugin used, as the registry found it: for provenance. */
  public List<PluginDescriptor> descriptors() {
    return List.copyOf(used.values());
  }
}
