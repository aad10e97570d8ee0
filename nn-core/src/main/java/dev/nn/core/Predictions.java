package dev.nn.core;

import dev.nn.core.data.CategoryWords;
import dev.nn.core.data.CsvOptions;
import dev.nn.core.data.CsvReader;
import dev.nn.core.io.AtomicFiles;
import dev.nn.core.io.CsvText;
import dev.nn.core.model.Model;
import dev.nn.core.model.ModelSpec;
import dev.nn.core.train.Metrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A saved model's predictions for every row of a CSV file, written as CSV: what {@link Nn#predict} does. */
final class Predictions {
  private Predictions() {}

  /**
   * Predicts every row of {@code input}, its fields split at {@code separator} ({@link Nn#DETECT_SEPARATOR}: the
   * one the file shows), and writes the CSV to {@code output} atomically; returns the rows.
   */
  static int write(Model model, Path input, Path output, char separator,
      java.util.function.Consumer<String> notes) {
    ModelSpec spec = model.spec();
    // the model's features alone are read: other columns (an id, a target, notes) are not parsed at all
    FeatureColumns.requireAll(spec.inputs(), CsvReader.columnNames(input, CsvOptions.IndexColumn.AUTO, separator),
        input.toString());
    CsvReader.Table table = CsvReader.readTable(input, CategoryWords.ofModel(spec.oneHot()), spec.inputs(),
        separator);
    double[] x = FeatureColumns.select(model.spec().inputs(), table.columns(), table.values(), table.rows(),
        input.toString());
    if (model.spec().oneHot() != null) {
      model.spec().oneHot().requireKnown(x, table.rows(), input.toString());
    }
    RawPixels.note(spec, x, table.rows(), input.toString()).ifPresent(notes);
    double[] predictions = RowsOfFile.predict(model, x, table.rows(), input, separator);
    AtomicFiles.discardPartialOnExit(output);
    AtomicFiles.writeString(output, csv(model, predictions, table.rows()));
    return table.rows();
  }

  /**
   * The header for a model's predictions: a classifier's columns are {@code p_<label>}, its probabilities, or
   * {@code score_<label>} for a loss of −1/+1 targets (hinge), whose outputs are margins, not probabilities.
   */
  static List<String> header(ModelSpec spec, int outputs, boolean margins) {
    List<String> names = new ArrayList<>();
    if (!spec.isClassifier()) {
      names.addAll(spec.targets());
      return names;
    }
    String prefix = margins ? "score_" : "p_";
    if (outputs == 1) {
      names.add(prefix + spec.classes().get(1));
    } else {
      for (String label : spec.classes()) {
        names.add(prefix + label);
      }
    }
    names.add("class");
    return names;
  }

  /**
   * The CSV text ({@link CsvText}: names and class labels quoted where they hold a comma, a quote or a line
   * break): the header, then one row per prediction, with {@link Double#toString} numbers.
   */
  static String csv(Model model, double[] predictions, int rows) {
    ModelSpec spec = model.spec();
    int k = model.outputs();
    double threshold = Evaluation.threshold(model);
    StringBuilder s = new StringBuilder(CsvText.line(header(spec, k,
        model.loss().targets() == dev.nn.api.TargetKind.SIGNED)));
    List<String> classes = new ArrayList<>();
    for (String label : spec.classes()) {
      classes.add(CsvText.field(label));
    }
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < k; c++) {
        s.append(c == 0 ? "" : ",").append(predictions[r * k + c]);
      }
      if (spec.isClassifier()) {
        s.append(',').append(classes.get(Metrics.classOf(predictions, r * k, k, threshold)));
      }
      s.append('\n');
    }
    return s.toString();
  }
}
