package dev.nn.core.experiment;

import dev.nn.core.config.Experiment;
import dev.nn.core.kernel.KernelChoice;
import dev.nn.core.kernel.Kernels;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.ProblemId;
import jakarta.inject.Inject;
import jakarta.inject.Provider;

/**
 * The kernels {@code compute} asks for: {@code java}, {@code blas}, or {@code auto}, which picks by the
 * work of one training step of this network at this batch size (see {@link KernelChoice}).
 */
final class KernelsProvider implements Provider<Kernels> {
  private final Experiment experiment;
  private final Widths widths;

  @Inject
  KernelsProvider(Experiment experiment, Widths widths) {
    this.experiment = experiment;
    this.widths = widths;
  }

  @Override
  public Kernels get() {
    try {
      return KernelChoice.choose(experiment.compute().backend().yamlName(), experiment.compute().threads(),
          widths.values(), experiment.training().batchSize());
    } catch (IllegalStateException unavailable) {
      throw new ConfigException(ConfigProblem.of(ProblemId.BACKEND_UNAVAILABLE, "compute.backend",
          unavailable.getMessage(), "auto, java"));
    }
  }
}
