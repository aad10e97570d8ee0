package dev.nn.core.stability;

import java.nio.file.Path;

/**
 * How to run a stability study.
 *
 * @param pairs how many pairs of runs, at least 1
 * @param replaceIndex the position in the training split of the sample every pair replaces, or −1 for a
 *     position drawn per pair from the experiment seed's {@code STABILITY} stream
 * @param every record every this many updates as well as at each epoch's end; 0 for epoch ends only
 * @param self replace the sample by itself: a control whose two runs must stay identical
 * @param outputDir where to create the study's folder, or {@code null} for the experiment's {@code output.dir}
 */
public record StabilityOptions(int pairs, int replaceIndex, int every, boolean self, Path outputDir) {
  /** Sentinel for {@link #replaceIndex}: a random position per pair. */
  public static final int RANDOM = -1;

  /** Checks the numbers. */
  public StabilityOptions {
    if (pairs < 1) {
      throw new StabilityException("--pairs must be at least 1, found " + pairs);
    }
    if (replaceIndex < RANDOM) {
      throw new StabilityException("--replace must be a position in the training split (0, 1, …) or random, found "
          + replaceIndex);
    }
    if (every < 0) {
      throw new StabilityException("--every must be at least 1 update, or 0 (the default) for epoch ends only, found "
          + every);
    }
  }

  /** {@code pairs} pairs, each replacing a random training sample by a held-out row, recorded per epoch. */
  public static StabilityOptions of(int pairs) {
    return new StabilityOptions(pairs, RANDOM, 0, false, null);
  }

  /** The same, replacing the sample at {@code index} in every pair. */
  public StabilityOptions replacing(int index) {
    return new StabilityOptions(pairs, index, every, self, outputDir);
  }

  /** The same, recording every {@code updates} updates too. */
  public StabilityOptions every(int updates) {
    return new StabilityOptions(pairs, replaceIndex, updates, self, outputDir);
  }

  /** The same, with each sample replaced by itself (the control). */
  public StabilityOptions selfReplacing() {
    return new StabilityOptions(pairs, replaceIndex, every, true, outputDir);
  }

  /** The same, writing the study's folder under {@code dir}. */
  public StabilityOptions into(Path dir) {
    return new StabilityOptions(pairs, replaceIndex, every, self, dir);
  }
}
