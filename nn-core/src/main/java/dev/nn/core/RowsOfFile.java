package dev.nn.core;

import dev.nn.core.data.CsvReader;
import dev.nn.core.data.DataException;
import dev.nn.core.model.Model;
import dev.nn.core.model.UnusableInputException;
import java.nio.file.Path;

/**
 * A model's predictions for the rows of a CSV file, with a row the model refuses named by its file and line, as
 * a value training refuses is: what evaluate and predict share.
 */
final class RowsOfFile {
  private RowsOfFile() {}

  /**
   * The model's outputs for rows of raw features in its order, read from {@code file}.
   *
   * @throws DataException for a row the model cannot predict ({@link UnusableInputException}): its file, line,
   *     column and value
   */
  static double[] predict(Model model, double[] features, int rows, Path file, char separator) {
    double[] out = new double[rows * model.outputs()];
    predict(model, features, rows, out, file, separator, 0);
    return out;
  }

  /**
   * The model's outputs for {@code rows} rows of raw features into {@code out}: rows {@code firstRow} on of the
   * file, for a caller that predicts a file a block of rows at a time.
   */
  static void predict(Model model, double[] features, int rows, double[] out, Path file, char separator,
      int firstRow) {
    try {
      model.predict(features, rows, out);
    } catch (UnusableInputException e) {
      int line = CsvReader.lineOfRow(file, separator, firstRow + e.row());
      throw new DataException(file + (line > 0 ? ":" + line : "") + ": " + e.reason(), e);
    }
  }
}
