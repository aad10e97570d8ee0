package dev.nn.core.experiment;

import dev.nn.core.config.ComputeSpec;
import dev.nn.core.config.Experiment;
import dev.nn.core.kernel.KernelChoice;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.ProblemId;
import jakarta.inject.Inject;
import jakarta.inject.Provider;

/**
 * The kernel runtime {@code compute} asks for — {@code java}, {@code blas}, or {@code auto}, which picks by
 * the work of one forward pass of this network at this batch size against {@code compute.blas-from} (see
 * {@link KernelChoice}) — in {@code compute.precision}, with {@code compute.loops}. One per injector, so one
 * per run; the run closes it.
 */
final class KernelsProvider implements Provider<KernelChoice.Choice> {
  private final Experiment experiment;
  private final Widths widths;

  private final PreparedData data;

  @Inject
  KernelsProvider(Experiment experiment, Widths widths, PreparedData data) {
    this.experiment = experiment;
    this.widths = widths;
    this.data = data;
  }

  @Override
  public KernelChoice.Choice get() {
    ComputeSpec c = experiment.compute();
    try {
      return KernelChoice.choose(c.backend().yamlName(), c.threads(), c.precision(), c.loops().yamlName(),
          c.blasFrom(), c.blasKernels(), widths.values(), ExperimentBatch.rows(experiment.training().batchSize(),
              data.train() == null ? 0 : data.train().size()));
    } catch (IllegalStateException unavailable) {
      String message = unavailable.getMessage();
      String key = message.contains("Vector API") ? "compute.loops"
          : message.contains("reads its core type once") ? "compute.blas-kernels" : "compute.backend";
      String allowed = key.equals("compute.loops") ? "auto, scalar"
          : key.equals("compute.blas-kernels") ? "the setting of the first run in this JVM" : "auto, java";
      throw new ConfigException(ConfigProblem.of(ProblemId.BACKEND_UNAVAILABLE, key, message, allowed));
    } catch (IllegalArgumentException cannotRun) {
      // a forced core type this CPU cannot run
      throw new ConfigException(ConfigProblem.of(ProblemId.BACKEND_UNAVAILABLE, "compute.blas-kernels",
          cannotRun.getMessage(), "auto, inherit"));
    }
  }
}
