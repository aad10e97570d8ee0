package dev.nn.cli;

import dev.nn.core.data.CsvReader;
import dev.nn.core.io.AtomicFiles;
import dev.nn.core.model.Model;
import dev.nn.core.model.ModelSpec;
import dev.nn.core.train.Metrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nn predict}: a saved model's predictions for every row of a CSV file, written as CSV. */
@Command(name = "predict", mixinStandardHelpOptions = true,
    header = "Writes a saved model's predictions for a CSV file.",
    description = "Writes a saved model's predictions for every row of a CSV file. Feature columns are matched"
        + " to the model's by header name; other columns are ignored. A classifier writes p_<label> per class"
        + " (one column, p_<label1>, for a single-output binary model) and the predicted class; a regression"
        + " model writes one column per target. Numbers are written so that they read back exactly.",
    footer = "%nExit codes: 0 written, 2 unreadable model or CSV file, or a feature column missing.")
final class PredictCommand implements Callable<Integer> {
  private final NnCommand root;

  @Parameters(index = "0", paramLabel = "MODEL", description = "A model file (model.nnm of a run directory).")
  Path model;

  @Option(names = "--input", required = true, paramLabel = "CSV", description = "The rows to predict.")
  Path input;

  @Option(names = "--output", required = true, paramLabel = "CSV",
      description = "Where to write the predictions; replaced atomically.")
  Path output;

  PredictCommand(NnCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    Model m = Models.load(root, model);
    CsvReader.Table table = CsvReader.readTable(input);
    double[] x = FeatureColumns.select(m.spec().features(), table.columns(), table.values(), table.rows(),
        input.toString());
    double[] predictions = Evaluation.predict(m, x, table.rows());
    AtomicFiles.writeString(output, csv(m, predictions, table.rows()));
    root.out().println("wrote " + table.rows() + (table.rows() == 1 ? " prediction" : " predictions") + " to "
        + output);
    return Main.OK;
  }

  /** The header for a model's predictions. */
  static List<String> header(ModelSpec spec, int outputs) {
    List<String> names = new ArrayList<>();
    if (!spec.isClassifier()) {
      names.addAll(spec.targets());
      return names;
    }
    if (outputs == 1) {
      names.add("p_" + spec.classes().get(1));
    } else {
      for (String label : spec.classes()) {
        names.add("p_" + label);
      }
    }
    names.add("class");
    return names;
  }

  /** The CSV text: the header, then one row per prediction, with {@link Double#toString} numbers. */
  static String csv(Model model, double[] predictions, int rows) {
    ModelSpec spec = model.spec();
    int k = model.outputs();
    double threshold = Evaluation.threshold(model);
    StringBuilder s = new StringBuilder(String.join(",", header(spec, k))).append('\n');
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < k; c++) {
        s.append(c == 0 ? "" : ",").append(predictions[r * k + c]);
      }
      if (spec.isClassifier()) {
        s.append(',').append(spec.classes().get(Metrics.classOf(predictions, r * k, k, threshold)));
      }
      s.append('\n');
    }
    return s.toString();
  }
}
