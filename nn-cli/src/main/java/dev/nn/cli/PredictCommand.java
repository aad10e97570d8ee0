package dev.nn.cli;

import dev.nn.core.model.Model;
import dev.nn.core.text.Counted;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nn predict}: a saved model's predictions for every row of a CSV file, written as CSV. */
@Command(name = "predict", mixinStandardHelpOptions = true,
    header = "Writes a saved model's predictions for a CSV file.",
    description = "Writes a saved model's predictions for every row of a CSV file. Feature columns are matched"
        + " to the model's by header name; other columns (a target column too) are ignored, and not read. A"
        + " classifier writes p_<label> per class"
        + " (one column, p_<label1>, for a single-output binary model) and the predicted class; a regression"
        + " model writes one column per target. Numbers are written so that they read back exactly; a name or class"
        + " label holding a comma, a quote or a line break is quoted as RFC 4180 has it.",
    footer = "%nExit codes: 0 written, 2 unreadable model or CSV file, or a feature column missing.")
final class PredictCommand implements Callable<Integer> {
  private final NnCommand root;

  @Parameters(index = "0", paramLabel = "MODEL", description = "A model file (model.nnm of a run directory).")
  Path model;

  @Option(names = "--input", required = true, paramLabel = "CSV", description = "The rows to predict.")
  Path input;

  @Mixin
  SeparatorArgument separator;

  @Option(names = "--output", required = true, paramLabel = "CSV",
      description = "Where to write the predictions; replaced atomically. Its folder must exist, and it must"
          + " not be the input or the model file.")
  Path output;

  PredictCommand(NnCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    // before the model is loaded: a bad --output costs nothing and leaves the input as it was
    OutputFile.check("--output", output, inputs());
    // before the model is loaded, which takes seconds for a large one: a stop then is said too
    OutputStopNotice stop = new OutputStopNotice(output, root.err(), ProgressBar::stopLive, root.env());
    int rows;
    try {
      rows = OutOfMemory.sized(() -> {
        Model m = Models.load(root, model);
        return WorkingLine.during(root, "predicting " + dev.nn.core.text.ControlCharacters.escape(
            String.valueOf(input.getFileName())),
            notes -> CsvInput.reading(() -> root.nn().predict(m, input, output, separator.value, notes)));
      }, () -> "predicting holds the model, about 6 times its file's size in heap (this model file is "
          + OutOfMemory.megabytes(model) + " MB), and a block of rows at a time, whatever the input's length");
      // said before the notice goes: a stop between the two left the output whole and said nothing
      root.out().println(root.fitted("wrote " + Counted.of(rows, "prediction", "predictions") + " to " + output));
      root.out().flush();
    } finally {
      stop.close();
    }
    return Main.OK;
  }

  private Map<String, Path> inputs() {
    Map<String, Path> read = new LinkedHashMap<>();
    read.put("--input", input);
    read.put("MODEL", model);
    return read;
  }
}
