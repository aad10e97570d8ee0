package dev.nn.core.experiment;

import dev.nn.core.config.Experiment;
import dev.nn.core.config.LayerSpec;
import dev.nn.core.data.Task;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.ProblemId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * The widths n(0) … n(L+1) of the network a run trains: {@code auto} on the input layer is the number of
 * features, on the output layer the number of target columns; written widths must agree with the data.
 * Known only once the data is read, which is why this is not part of the experiment.
 */
@Singleton
final class Widths {
  private final int[] widths;

  /**
   * The widths of the experiment's network for its prepared data.
   *
   * @throws ConfigException (placed at the layer's line) when a written width disagrees with the data
   */
  @Inject
  public Widths(Experiment experiment, PreparedData data) {
    this.widths = of(experiment.network().layers(), data.train().featureCount(), data.train().targetCount(),
        data.train().task() == Task.CLASSIFICATION);
  }

  static int[] of(List<LayerSpec> layers, int features, int targets) {
    return of(layers, features, targets, false);
  }

  /** @param classes whether the targets are classes, one-hot or one 0/1 column (for the message) */
  static int[] of(List<LayerSpec> layers, int features, int targets, boolean classes) {
    int[] widths = new int[layers.size()];
    List<ConfigProblem> problems = new ArrayList<>();
    for (int l = 0; l < widths.length; l++) {
      LayerSpec layer = layers.get(l);
      int fromData = l == 0 ? features : l == widths.length - 1 ? targets : -1;
      if (layer.isAuto()) {
        widths[l] = fromData;
      } else {
        widths[l] = layer.units();
        if (fromData >= 0 && layer.units() != fromData) {
          problems.add(layer.where().place(ConfigProblem.of(ProblemId.SHAPE_MISMATCH, "units",
              (l == 0 ? "the input layer has " : "the output layer has ") + layer.units()
                  + (layer.units() == 1 ? " unit" : " units") + ", but the data has "
                  + fromData + (l == 0 ? " features" : " target columns") + twoClassHint(l == 0, layer.units(),
                  fromData, classes), fromData + " or auto")));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return widths;
  }

  /**
   * For one output unit on two classes held one-hot: only a loss of class targets (binary-cross-entropy, hinge)
   * reads two classes as one column; a loss of real targets, such as squared, gets the one-hot pair.
   */
  private static String twoClassHint(boolean input, int units, int fromData, boolean classes) {
    return !input && classes && units == 1 && fromData == 2
        ? " (the two classes one-hot; one output of 0/1 targets is for the losses of class targets,"
            + " binary-cross-entropy and hinge)"
        : "";
  }

  /** n(0) … n(L+1), a copy. */
  public int[] values() {
    return widths.clone();
  }
}
