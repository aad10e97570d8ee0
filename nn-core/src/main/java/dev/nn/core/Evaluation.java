package dev.nn.core;

import dev.nn.api.TargetKind;
import dev.nn.core.data.CsvReader;
import dev.nn.core.data.DataException;
import dev.nn.core.data.Dataset;
import dev.nn.core.model.Model;
import dev.nn.core.model.ModelSpec;
import dev.nn.core.train.Metrics;
import java.nio.file.Path;
import java.util.List;

/**
 * A saved model's predictions on a labelled CSV file and the loss-free figures computed from them:
 * accuracy and the confusion matrix for a classifier, RMSE, MAE and R² for regression. {@link Nn#evaluate}
 * makes one.
 *
 * @param rows the number of rows
 * @param predictions rows × outputs, what {@link Model#predict(double[], int, double[])} returned
 * @param metrics the figures; {@code loss} is NaN
 */
public record Evaluation(int rows, double[] predictions, Metrics metrics) {

  /**
   * Evaluates {@code model} on {@code file}.
   *
   * @param target the column of true values: a name, a 0-based index or {@code last}; {@code null} for the
   *     column named as the model's target, or the last column when there is none of that name
   * @throws IllegalArgumentException for a regression model of several targets
   */
  static Evaluation of(Model model, Path file, String target) {
    ModelSpec spec = model.spec();
    String column = target != null ? target : defaultTarget(spec, file);
    Dataset data;
    if (spec.isClassifier()) {
      data = CsvReader.classification(column).withClassesNamed(spec.classes()).forModel().read(file);
      if (model.outputs() == 1) {
        data = data.withBinaryTarget();
      }
    } else {
      if (spec.targets().size() != 1) {
        throw new IllegalArgumentException("this model predicts " + spec.targets().size() + " targets ("
            + String.join(", ", spec.targets()) + "); an evaluation reads one target column");
      }
      data = CsvReader.regression(column).forModel().read(file);
    }
    int rows = data.size();
    double[] x = FeatureColumns.select(spec.features(), data.featureNames(), data.copyX(), rows, file.toString());
    double[] predictions = predict(model, x, rows);
    Metrics metrics = Metrics.of(Double.NaN, predictions, data.copyY(), rows, model.outputs(), spec.isClassifier(),
        threshold(model));
    return new Evaluation(rows, predictions, metrics);
  }

  /** The model's outputs for rows of raw features in its order: the one call evaluate and predict share. */
  static double[] predict(Model model, double[] features, int rows) {
    double[] out = new double[rows * model.outputs()];
    model.predict(features, rows, out);
    return out;
  }

  /**
   * Where a single output column splits the two classes: 0.5 for a probability, 0 for a loss that trains on
   * −1/+1 targets (hinge).
   */
  static double threshold(Model model) {
    return model.loss().targets() == TargetKind.SIGNED ? 0.0 : 0.5;
  }

  /** The model's target column if the header names it, else the last column. */
  private static String defaultTarget(ModelSpec spec, Path file) {
    if (spec.targets().size() == 1 && header(file).contains(spec.targets().get(0))) {
      return spec.targets().get(0);
    }
    return CsvReader.LAST;
  }

  /** The header's names; empty when the file cannot be read, which the CSV reader then reports. */
  private static List<String> header(Path file) {
    try {
      return CsvReader.columnNames(file);
    } catch (DataException e) {
      return List.of();
    }
  }

}
