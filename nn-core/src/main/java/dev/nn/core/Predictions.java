package dev.nn.core;

import dev.nn.core.data.CategoryWords;
import dev.nn.core.data.CsvOptions;
import dev.nn.core.data.CsvReader;
import dev.nn.core.io.AtomicFiles;
import dev.nn.core.io.CsvText;
import dev.nn.core.model.Model;
import dev.nn.core.model.ModelSpec;
import dev.nn.core.train.Metrics;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
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
    AtomicFiles.discardPartialOnExit(output);
    AtomicFiles.write(output, out -> write(model, x, table.rows(), input, separator, out));
    return table.rows();
  }

  /** How many output values a block of rows holds at most: the file is predicted and written a block at a time. */
  private static final int BLOCK_VALUES = 1 << 18;

  /**
   * The predictions as CSV ({@link CsvText}: names and class labels quoted where they hold a comma, a quote or a
   * line break; numbers as {@link Double#toString} writes them), written to {@code out} a block of rows at a time: a classifier of thousands of
   * classes writes some 40 KB a row, and the whole file, held as one text, would be bounded by the longest
   * string Java can make (2 GiB) and take its size again in memory.
   */
  private static void write(Model model, double[] x, int rows, Path input, char separator, OutputStream out)
      throws IOException {
    int k = model.outputs();
    int in = model.inputs();
    int block = Math.max(1, Math.min(rows, BLOCK_VALUES / k));
    double[] features = new double[block * in];
    double[] predictions = new double[block * k];
    Writer text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    Rows lines = new Rows(model);
    text.write(lines.header());
    for (int first = 0; first < rows; first += block) {
      int n = Math.min(block, rows - first);
      // the last block's rows may be fewer: a model is given exactly the features of the rows it predicts
      double[] given = n == block ? features : new double[n * in];
      System.arraycopy(x, first * in, given, 0, n * in);
      RowsOfFile.predict(model, given, n, predictions, input, separator, first);
      for (int r = 0; r < n; r++) {
        lines.append(text, predictions, r);
      }
    }
    text.flush();
  }

  /** How a model's predictions are written as CSV lines: its header, then a line for each row. */
  private static final class Rows {
    private final ModelSpec spec;
    private final int k;
    private final double threshold;
    private final List<String> classes = new ArrayList<>();
    private final boolean margins;
    private final StringBuilder line = new StringBuilder();

    Rows(Model model) {
      spec = model.spec();
      k = model.outputs();
      threshold = Evaluation.threshold(model);
      margins = model.loss().targets() == dev.nn.api.TargetKind.SIGNED;
      for (String label : spec.classes()) {
        classes.add(CsvText.field(label));
      }
    }

    String header() {
      return CsvText.line(Predictions.header(spec, k, margins));
    }

    /** Row {@code r} of {@code predictions} (k values a row), with its class for a classifier, and a line end. */
    void append(Appendable to, double[] predictions, int r) throws IOException {
      line.setLength(0);
      for (int c = 0; c < k; c++) {
        line.append(c == 0 ? "" : ",").append(predictions[r * k + c]);
      }
      if (spec.isClassifier()) {
        line.append(',').append(classes.get(Metrics.classOf(predictions, r * k, k, threshold)));
      }
      to.append(line).append('\n');
    }
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
}
