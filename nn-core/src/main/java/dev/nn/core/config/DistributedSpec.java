package dev.nn.core.config;

import java.util.Map;
import java.util.Objects;

/**
 * The {@code distributed} section: train the same experiment data-parallel on a cluster (Apache Spark, with
 * the nn-spark module on the class path). Without the section an experiment trains in this process.
 *
 * @param master where to run: a Spark master URL such as {@code local[2]} or {@code spark://host:7077}
 * @param partitions how many parts the training samples are split into, one task each per round
 * @param mode how the parts' work is combined
 * @param averageEvery local updates per part between two averagings, for {@link Mode#AVERAGING}
 * @param conf further Spark settings, {@code key: value}, passed as they are
 */
public record DistributedSpec(String master, int partitions, Mode mode, int averageEvery, Map<String, String> conf) {

  /** How the parts' work is combined. */
  public enum Mode implements YamlName {
    /**
     * Every update: the global batch is split over the parts, each computes its share of Σ∇L, the sums are
     * combined in a fixed order, and one optimizer step is taken. The same updates as training in one process.
     */
    SYNCHRONOUS("synchronous"),
    /**
     * Local SGD: each part takes {@code average-every} updates on its own samples with its own copy of the
     * network, then the parameters and optimizer states of the parts are averaged.
     */
    AVERAGING("averaging");

    private final String yamlName;

    Mode(String yamlName) {
      this.yamlName = yamlName;
    }

    @Override
    public String yamlName() {
      return yamlName;
    }
  }

  /** Checks the values. */
  public DistributedSpec {
    Objects.requireNonNull(master, "master");
    Objects.requireNonNull(mode, "mode");
    if (partitions < 1 || averageEvery < 1) {
      throw new IllegalArgumentException("partitions and average-every must be >= 1");
    }
    conf = Map.copyOf(conf);
  }

  /** {@code average-every} when the experiment gives none. */
  public static final int DEFAULT_AVERAGE_EVERY = 32;

  /**
   * Whether the master is a cluster manager that only the cluster's own spark-submit can reach (YARN,
   * Kubernetes): their clients are not on nn's class path, so outside spark-submit such a master is refused.
   */
  public boolean needsSparkSubmit() {
    String m = master.strip().toLowerCase(java.util.Locale.ROOT);
    return m.equals("yarn") || m.startsWith("k8s://");
  }

  /** Why such a master is refused outside spark-submit, and what nn train runs instead. */
  public String sparkSubmitNeeded() {
    return "distributed.master \"" + master + "\" needs the cluster's spark-submit with nn's submit jar (README,"
        + " \"Training on Spark\"); nn train runs local[N] and spark://host:port masters";
  }
}
