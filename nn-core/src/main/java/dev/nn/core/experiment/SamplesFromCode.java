package dev.nn.core.experiment;

import dev.nn.core.data.Dataset;
import dev.nn.core.io.Sha256;
import java.nio.charset.StandardCharsets;

/**
 * Samples an application handed to a run in code, instead of the sources its experiment names: what the run
 * records of them (their source's name and a digest of their numbers), so that a resume can tell whether it is
 * given the same samples again, and refuses to go on with the experiment's sources instead.
 *
 * @param source the training data set's source, as the application named it
 * @param sha256 the SHA-256 of the training samples' shape and numbers, and of the validation samples' after
 *     them when they were given
 */
record SamplesFromCode(String source, String sha256) {
  /** What the run records of {@code train} and {@code validation} (or {@code null}). */
  static SamplesFromCode of(Dataset train, Dataset validation) {
    String digest = digest(train) + (validation == null ? "" : digest(validation));
    return new SamplesFromCode(train.source(), Sha256.of(digest.getBytes(StandardCharsets.US_ASCII)));
  }

  /** The SHA-256 of the rows, inputs and targets counts, then every input, then every target, row by row. */
  private static String digest(Dataset d) {
    long n = d.size();
    int inputs = d.featureCount();
    int targets = d.targetCount();
    long xs = n * inputs;
    return Sha256.ofNumbers(3 + xs + n * targets, i -> {
      if (i < 3) {
        return i == 0 ? n : i == 1 ? inputs : targets;
      }
      long k = i - 3;
      return k < xs ? d.x((int) (k / inputs), (int) (k % inputs))
          : d.y((int) ((k - xs) / targets), (int) ((k - xs) % targets));
    });
  }

  /** The entry a run's provenance lists among its data files: a path no file has, and the digest. */
  String entry() {
    return "(samples given in code: " + source + ")";
  }
}
