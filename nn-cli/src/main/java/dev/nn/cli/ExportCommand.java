package dev.nn.cli;

import dev.nn.core.export.ExportFormat;
import dev.nn.core.model.Model;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nn export}: a saved model as an ONNX graph or a NumPy archive, for use outside nn. */
@Command(name = "export", mixinStandardHelpOptions = true,
    header = "Exports a saved model as ONNX or as a NumPy .npz archive.",
    description = {"Exports a saved model so that other tools can run it. Both formats map raw feature rows to"
        + " what 'nn predict' writes, to rounding: the model's standardisation, every layer, and the loss's link"
        + " (a classifier's probabilities).",
        "onnx: an ONNX graph (opset 17) with input 'features' [N, inputs] and output 'predictions' [N, outputs],"
        + " both in double for every model (a float32 one computes its layers in float); the graph holds"
        + " the one-hot encoding, the standardisation, the layers, the link and the targets' scaler. Plugin"
        + " activations, and plugin losses with"
        + " a prediction link of their own, cannot be expressed in ONNX.",
        "npz: the weights W1, b1, ... (W(l) of shape n(l-1) x n(l)), the scaler's means and scales, and a JSON"
        + " header naming the activations, the loss and its link, features, targets and classes.",
        "The file is written atomically; its folder must exist. See docs/export.md."},
    footer = "%nExit codes: 0 written, 2 unreadable model, unknown format, a plugin the format cannot express,"
        + " or an output that cannot be written (a folder that does not exist, a directory or device, the model"
        + " itself).")
final class ExportCommand implements Callable<Integer> {
  private final NnCommand root;

  @Parameters(index = "0", paramLabel = "MODEL", description = "A model file (model.nnm of a run directory).")
  Path model;

  @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "onnx or npz.")
  String format;

  @Option(names = "--output", required = true, paramLabel = "FILE",
      description = "The file to write; replaced atomically. Its folder must exist, and it must not be the model"
          + " file.")
  Path output;

  ExportCommand(NnCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    // the format first: a typo should not wait for the model to load
    ExportFormat chosen = ExportFormat.named(format);
    OutputFile.check("--output", output, Map.of("MODEL", model));
    // before the model is loaded, which takes seconds for a large one: a stop then is said too
    OutputStopNotice stop = new OutputStopNotice(output, root.err(), ProgressBar::stopLive, root.env());
    try {
      OutOfMemory.sized(() -> {
        Model m = Models.load(root, model);
        return WorkingLine.during(root, "exporting as " + chosen.label(), notes -> {
          root.nn().export(m, chosen, output);
          return null;
        });
      }, () -> "exporting to ONNX takes about 15 times the model file's size in heap, to .npz about 7; this model"
          + " file is " + OutOfMemory.megabytes(model) + " MB");
      // said before the notice goes: a stop between the two left the output whole and said nothing
      root.out().println(root.fitted("wrote " + model + " as " + chosen.label() + " to " + output));
      root.out().flush();
    } finally {
      stop.close();
    }
    otherFormatsName(chosen).ifPresent(other -> root.err().println("nn: note: " + output + " is named as "
        + other.label() + " (." + other.label() + "), but holds " + chosen.label() + ", as --format " + format
        + " asked; tools that go by the name will misread it"));
    return Main.OK;
  }

  /** The other format whose extension {@link #output} has, if any: ONNX bytes in a .npz misread by np.load. */
  private java.util.Optional<ExportFormat> otherFormatsName(ExportFormat chosen) {
    Path name = output.getFileName();
    String lower = name == null ? "" : name.toString().toLowerCase(java.util.Locale.ROOT);
    return java.util.Arrays.stream(ExportFormat.values())
        .filter(f -> f != chosen && lower.endsWith("." + f.label()))
        .findFirst();
  }
}
