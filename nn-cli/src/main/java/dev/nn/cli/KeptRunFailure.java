package dev.nn.cli;

import java.nio.file.Path;

/**
 * A training that failed once its run directory existed: the run is kept with its checkpoints (and marked
 * failed, where the disk still allowed that write), and can be resumed once the cause is mended (disk space freed,
 * a plugin fixed, a file made readable). What failed is reported as usual, followed by the line that says so —
 * without it a user reads "No space left on device" and starts the run again from nothing.
 */
final class KeptRunFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String hint;

  KeptRunFailure(Throwable failure, Path runDirectory) {
    // a plugin's failure is mended in the plugin, whose changed jar a resume takes only when told to
    this(failure, "nn: the run is kept in " + runDirectory + "; once that is mended, "
        + dev.nn.core.text.CommandName.resume(runDirectory) + " continues it"
        + (failure instanceof dev.nn.core.plugin.PluginFailureException ? PLUGIN_MENDED
            : failure instanceof dev.nn.core.experiment.ClusterException ? clusterMended(runDirectory) : ""));
  }

  /**
   * What the hint adds when Spark failed: a resume takes the experiment the run recorded, so a setting of its own
   * that Spark refused (a distributed.conf too small for a result) would fail it again.
   */
  private static String clusterMended(Path runDirectory) {
    return " (it reads the run's " + runDirectory.resolve("experiment.yaml") + ": if one of its distributed.conf"
        + " settings caused this, mend it there, or start a new run without it)";
  }

  private KeptRunFailure(Throwable failure, String hint) {
    super(failure.getMessage(), failure);
    this.hint = hint;
  }

  /** The same kept run, failed by {@code failure} as it is to be reported (blamed on a plugin, say). */
  KeptRunFailure about(Throwable failure) {
    return new KeptRunFailure(failure, hint);
  }

  /** What the hint adds when the failure is a plugin's. */
  private static final String PLUGIN_MENDED = " (with --allow-changed-plugins if the plugin's jar itself was"
      + " changed; a library added beside it needs no flag)";

  /** The line printed after the failure's own message. */
  String hint() {
    return hint;
  }
}
