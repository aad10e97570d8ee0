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
   * one the file shows), and writes the CSV to {@code output} atomically; returns the rows. The file is read,
   * predicted and written a block of rows at a time, so that a file of any length is predicted in the memory of
   * one block; a row found wrong leaves no output behind.
   */
  static int write(Model model, Path input, Path output, char separator,
      java.util.function.Consumer<String> notes) {
    ModelSpec spec = model.spec();
    // the model's features alone are read: other columns (an id, a target, notes) are not parsed at all
    FeatureColumns.requireAll(spec.inputs(), CsvReader.columnNames(input, CsvOptions.IndexColumn.AUTO, separator),
        input.toString(), () -> CsvReader.separatorOf(input, separator));
    RawPixels.Count pixels = new RawPixels.Count(spec);
    int[] rows = new int[1];
    AtomicFiles.discardPartialOnExit(output);
    AtomicFiles.write(output, out -> rows[0] = write(model, input, separator, pixels, out));
    pixels.note(input.toString()).ifPresent(notes);
    return rows[0];
  }

  /** How many values a block of rows holds at most, of features or of outputs. */
  private static final int BLOCK_VALUES = 1 << 18;

  /**
   * The predictions as CSV ({@link CsvText}: names and class labels quoted where they hold a comma, a quote or a
   * line break; numbers as {@link Double#toString} writes them), written to {@code out} a block of rows at a time:
   * a classifier of thousands of classes writes some 40 KB a row, and a file of millions of rows would not fit in
   * memory, read whole or written as one text.
   */
  private static int write(Model model, Path input, char separator, RawPixels.Count pixels, OutputStream out)
      throws IOException {
    ModelSpec spec = model.spec();
    int k = model.outputs();
    int block = Math.max(1, BLOCK_VALUES / Math.max(k, model.inputs()));
    double[] predictions = new double[block * k];
    Writer text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    Rows lines = new Rows(model);
    text.write(lines.header());
    String source = input.toString();
    int rows;
    try {
      rows = CsvReader.readBlocks(input, CategoryWords.ofModel(spec.oneHot()), spec.inputs(), separator, block,
          (columns, values, n, first) -> {
            if (Thread.currentThread().isInterrupted()) {
              // cancelled (Thread.interrupt, Future.cancel): the output's write ends here, and nothing is put in place
              throw new Unwritten(new java.io.InterruptedIOException());
            }
            // a model is given exactly the features of the rows it predicts, in its order
            double[] x = FeatureColumns.select(spec.inputs(), columns, values, n, source);
            if (spec.oneHot() != null) {
              spec.oneHot().requireKnown(x, n, source, first);
            }
            pixels.add(x, n);
            RowsOfFile.predict(model, x, n, predictions, input, separator, first);
            try {
              for (int r = 0; r < n; r++) {
                lines.append(text, predictions, r);
              }
            } catch (IOException e) {
              throw new Unwritten(e);
            }
          });
    } catch (Unwritten e) {
      throw e.getCause(); // the output's failure, which the atomic write names
    }
    text.flush();
    return rows;
  }

  /** The output's failure, carried out of a block through the reader. */
  private static final class Unwritten extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unwritten(IOException cause) {
      super(cause);
    }

    @Override
    public synchronized IOException getCause() {
      return (IOException) super.getCause();
    }
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
