package dev.nn.core.train;

/**
 * Maps a regression's values from the standardized units a network was trained in back to its targets' own
 * units, in place: what a run's target scaler does ({@code data.standardize-targets}), for the figures an
 * {@link Evaluator} reports.
 */
@FunctionalInterface
public interface TargetUnits {
  /**
   * Maps {@code rows} rows of values back, in place.
   *
   * @param values rows × targets, row-major. Modified.
   */
  void restore(double[] values, int rows);
}
