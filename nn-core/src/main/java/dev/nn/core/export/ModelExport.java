package dev.nn.core.export;

import dev.nn.core.io.AtomicFiles;
import dev.nn.core.io.OutputPaths;
import dev.nn.core.model.Model;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a model in a format other tools read: ONNX, which ONNX Runtime and others run, or NumPy's .npz.
 * Both reproduce {@link Model#predict}: raw feature rows in, predictions out (a classifier's probabilities).
 *
 * <pre>{@code
 * ModelExport.write(Model.load(Path.of("runs/digits-…/model.nnm")), ExportFormat.ONNX, Path.of("digits.onnx"),
 *     Nn.version());
 * }</pre>
 *
 * <p>The whole file is encoded in memory before anything is written, and then written atomically: a model
 * that cannot be exported, or a write that fails, leaves no file behind, and an existing file is replaced
 * whole or not at all.
 */
public final class ModelExport {
  private ModelExport() {}

  /**
   * Exports {@code model} to {@code output} in {@code format}.
   *
   * @param nnVersion the version of nn that exports it, recorded in the file
   * @throws ExportException if the format cannot express one of the model's plugins, or {@code output}'s folder
   *     does not exist or {@code output} is a folder
   * @throws java.io.UncheckedIOException if the file cannot be written
   */
  public static void write(Model model, ExportFormat format, Path output, String nnVersion) {
    checkWritable(output);
    AtomicFiles.Content content = switch (format) {
      case ONNX -> {
        byte[] bytes = OnnxExport.encode(model, nnVersion);
        yield out -> out.write(bytes);
      }
      case NPZ -> NpzExport.encode(model, nnVersion);
    };
    AtomicFiles.discardPartialOnExit(output);
    AtomicFiles.write(output, content);
  }

  /** The folder must exist already: a mistyped path should not make folders appear. */
  private static void checkWritable(Path output) {
    OutputPaths.problem(output).ifPresent(problem -> {
      throw new ExportException(output + ": " + problem);
    });
  }
}
