package dev.nn.core.export;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The formats a model can be exported to. */
public enum ExportFormat {
  /** An ONNX graph (opset 17) from raw features to predictions, for ONNX Runtime and other ONNX tools. */
  ONNX,
  /** A NumPy archive of the weights, the scaler and a JSON header that says how to run them. */
  NPZ;

  /** The name on the command line: {@code onnx} or {@code npz}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The format called {@code name}, in any case.
   *
   * @throws ExportException naming the formats there are, if there is none of that name
   */
  public static ExportFormat named(String name) {
    for (ExportFormat f : values()) {
      if (f.label().equalsIgnoreCase(name.strip())) {
        return f;
      }
    }
    throw new ExportException("unknown export format \"" + name + "\"; the formats are " + Arrays.stream(values())
        .map(ExportFormat::label).collect(Collectors.joining(" and ")));
  }
}
