package dev.nn.spark;

import dev.nn.cli.Main;

/**
 * The class {@code spark-submit} runs: {@code spark-submit --class dev.nn.spark.Submit
 * nn-spark-<version>-submit.jar EXPERIMENT.yaml [nn train options]} is {@code nn train} on the cluster that
 * spark-submit names. The experiment needs a {@code distributed} section (or {@code --set
 * distributed.partitions=N}), and one without it is refused: nn would train it in the driver alone.
 * spark-submit's master and settings win over the section's.
 */
public final class Submit {
  private Submit() {}

  /** Runs {@code nn train} with {@code args} on the cluster; exits with its status. */
  public static void main(String[] args) {
    Main.trainOnCluster(args);
  }
}
