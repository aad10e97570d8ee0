package dev.nn.spark;

import dev.nn.cli.Main;

/**
 * The class {@code spark-submit} runs: {@code spark-submit --class dev.nn.spark.Submit
 * nn-spark-<version>-submit.jar EXPERIMENT.yaml [nn train options]} is {@code nn train} on the cluster that
 * spark-submit names. The experiment needs a {@code distributed} section (or {@code --set
 * distributed.partitions=N}); spark-submit's master and settings win over the section's.
 */
public final class Submit {
  private Submit() {}

  /** Runs {@code nn train} with {@code args}; exits with its status. */
  public static void main(String[] args) {
    String[] train = new String[args.length + 1];
    train[0] = "train";
    System.arraycopy(args, 0, train, 1, args.length);
    Main.main(train);
  }
}
