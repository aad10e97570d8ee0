package dev.nn.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nn.core.Nn;
import dev.nn.core.config.ExperimentWriter;
import dev.nn.core.kernel.Precision;
import dev.nn.core.network.Network;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An executor builds its part's network from the run's experiment as written for it, in the experiment's precision:
 * a float32 run's gradients are computed in float32 on the cluster as in one process.
 */
class ExecutorPrecisionTests {
  @Test
  void anExecutorComputesInTheExperimentsPrecision() {
    String iris = Path.of("../examples/data/iris.csv").toAbsolutePath().toString();
    for (Precision precision : Precision.values()) {
      String yaml = ExperimentWriter.write(Nn.create().parse(SparkTrainingTests.IRIS.replace(
          "../examples/data/iris.csv", iris), List.of("distributed.partitions=2", "compute.precision="
              + precision.yamlName())));
      RunJob job = new RunJob("precision-" + precision, yaml, 2, 0, new PartLayout.Stride(90, 2), null, null);
      Network network = PartitionWork.injector(job).getInstance(Network.class);
      assertEquals(precision, network.kernels().precision(), yaml);
      network.kernels().close();
    }
  }
}
