package dev.nn.core.experiment;

import dev.nn.api.TargetKind;
import dev.nn.core.config.ClassWeights;
import dev.nn.core.io.Printable;
import dev.nn.core.text.Counted;
import dev.nn.core.train.Metrics;
import dev.nn.core.train.Samples;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.ProblemId;
import java.util.List;
import java.util.Optional;

/** The numbers {@code training.class-weights} stands for, given the run's prepared data. */
final class ClassWeighting {
  private ClassWeighting() {}

  /**
   * w_c for the training data's classes 0 … K−1 (in the order of its class labels), or {@code null} without the
   * key. {@code balanced} gives w_c = n/(K·n_c) over the training split's n rows; a class without training rows
   * (a split can leave a rare one out) has nothing to weigh and gets 1.
   *
   * @throws ConfigException for a task that has no classes, or a list that does not give one weight per class
   */
  static double[] weights(Optional<ClassWeights> spec, PreparedData data) {
    if (spec.isEmpty()) {
      return null;
    }
    ClassWeights w = spec.get();
    if (!data.classification()) {
      throw new ConfigException(w.where().place(ConfigProblem.of(ProblemId.OUT_OF_RANGE, "", "class weights weigh"
          + " each class's rows, but " + data.train().source() + " is read for " + data.train().task().label()
          + "; they apply to a classification only", "no class-weights key, or a classification")));
    }
    List<String> labels = data.train().classLabels();
    int k = labels.size();
    if (!w.balanced()) {
      if (w.given().size() != k) {
        // found once the data is read, the problem is placed at the key, as a problem of the file
        throw new ConfigException(w.where().place(ConfigProblem.of(ProblemId.SHAPE_MISMATCH, "", Counted.of(w.given().size(), "weight", "weights") + " for "
            + k + " classes (" + Printable.of(String.join(", ", labels)) + ", in that order)",
            "a list of " + k + " numbers > 0, one per class in that order, or balanced")));
      }
      return w.given().stream().mapToDouble(Double::doubleValue).toArray();
    }
    long[] counts = new long[k];
    Samples train = data.trainSamples();
    double threshold = data.targets() == TargetKind.SIGNED ? 0.0 : 0.5;
    for (int r = 0; r < train.rows(); r++) {
      counts[Metrics.classOf(train.y(), r * train.outputs(), train.outputs(), threshold)]++;
    }
    double[] weights = new double[k];
    for (int c = 0; c < k; c++) {
      weights[c] = counts[c] == 0 ? 1.0 : (double) train.rows() / ((double) k * counts[c]);
    }
    return weights;
  }
}
