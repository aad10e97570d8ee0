package dev.nn.core.export;

import dev.nn.core.io.Json;
import dev.nn.core.model.Model;
import dev.nn.core.model.ModelSpec;
import dev.nn.core.model.PluginUse;
import dev.nn.core.network.Network;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A model as an ONNX graph from raw input columns to what {@link Model#predict} returns: the one-hot encoding of
 * category columns, the standardisation (x − mean)/scale, then for each layer z = xW + b (one Gemm, W in the lecture's layout) and its activation,
 * then the loss's link, and for a model trained on standardised targets y·scale + mean. The input is
 * {@code features} [N, inputs] (n(0) columns for a model without a one-hot encoding), the output
 * {@code predictions} [N, n(L+1)].
 *
 * <p>A float64 model's graph is in double throughout. A float32 model's takes double (the raw values, as nn
 * reads them), standardises them in double and rounds the result to float; its weights and matrix products are
 * float32, as nn's are; the activations and the link run in double between two Casts, because that is where nn
 * computes them too (plugins see doubles, and the kernels round their results to float32). It returns double, as
 * nn predicts: the network's float output cast exactly, then the link and the mapping to the targets' units (for a
 * model trained on standardised targets) in double.
 */
final class OnnxExport {
  /** The graph input's name. */
  static final String INPUT = "features";
  /** The graph output's name. */
  static final String OUTPUT = "predictions";

  private OnnxExport() {}

  /**
   * The serialized ONNX model.
   *
   * @throws ExportException if an activation or the loss's link is a plugin's, which ONNX cannot express
   */
  static byte[] encode(Model model, String nnVersion) {
    ModelSpec spec = model.spec();
    Network network = model.network();
    List<BuiltInActivation> activations = new ArrayList<>();
    // every part ONNX cannot express, said at once: the model is trained again without all of them, not one
    Map<String, List<Integer>> pluginLayers = new LinkedHashMap<>();
    for (int l = 1; l <= network.outputLayer(); l++) {
      PluginUse use = spec.activations().get(l - 1);
      java.util.Optional<BuiltInActivation> builtIn = BuiltInActivation.of(use, network.activation(l));
      if (builtIn.isPresent()) {
        activations.add(builtIn.get());
      } else {
        pluginLayers.computeIfAbsent(use.name(), n -> new ArrayList<>()).add(l);
      }
    }
    java.util.Optional<OutputLink> expressible = OutputLink.of(spec.loss(), model.loss());
    List<String> cannot = new ArrayList<>();
    pluginLayers.forEach((name, layers) -> cannot.add("the activation \"" + name + "\" of " + String.join(" and ",
        layers.stream().map(l -> "layers[" + l + "]").toList()) + " is a plugin's, which ONNX cannot express; ONNX"
        + " export supports nn's built-in activations (identity, relu, sigmoid, tanh, softplus, softsign,"
        + " leaky-relu, elu, hard-sigmoid, hard-tanh, silu, gelu)"));
    if (expressible.isEmpty()) {
      cannot.add("the loss \"" + spec.loss().name() + "\" is a plugin's with a prediction link of its own, which ONNX"
          + " cannot express; ONNX export supports losses whose predictions are the output layer,"
          + " softmax-cross-entropy and binary-cross-entropy");
    }
    if (!cannot.isEmpty()) {
      throw new ExportException(String.join("; and ", cannot) + "; --format npz exports any model");
    }
    OutputLink link = expressible.get();

    ElementType type = ModelParts.elementType(model);
    OnnxGraph g = new OnnxGraph(type);
    String x = prepared(g, spec, INPUT);
    for (int l = 1; l <= network.outputLayer(); l++) {
      String w = g.tensor("W" + l, new long[] {network.width(l - 1), network.width(l)}, ModelParts.weights(model, l));
      String b = g.tensor("b" + l, new long[] {network.width(l)}, ModelParts.bias(model, l));
      BuiltInActivation phi = activations.get(l - 1);
      String z = g.op("Gemm", x, w, b);
      x = "identity".equals(phi.name()) ? z : inDouble(g, z, in -> OnnxActivations.apply(g, phi, in));
    }
    // the link in double, kept so as nn computes it from the network's outputs and writes the double
    String linked = link == OutputLink.IDENTITY ? wide(g, x) : OnnxActivations.link(g, link, wide(g, x));
    String predictions = inTargetUnits(g, spec, linked);
    g.name(predictions, OUTPUT);
    return g.encode(INPUT, model.inputs(), OUTPUT, network.width(network.outputLayer()), nnVersion,
        metadata(spec, link, type));
  }

  /**
   * {@code x} as double: in a float graph a Cast, which is exact. The output is double in every graph, as nn's
   * predictions are: a float32 regression's mapping back to the targets' units (y·scale + mean) rounded to float
   * last kept 7 digits of the value, so targets near 1.7e9 came out in steps of 128 where nn predicts to the unit.
   */
  private static String wide(OnnxGraph g, String x) {
    return g.type() == ElementType.DOUBLE ? x : g.op("Cast", Map.of("to", (long) ElementType.DOUBLE.onnxCode()), x);
  }

  /** {@code f(x)} computed in double: in a float graph between a Cast to double and one back. */
  private static String inDouble(OnnxGraph g, String x, UnaryOperator<String> f) {
    if (g.type() == ElementType.DOUBLE) {
      return f.apply(x);
    }
    String wide = g.op("Cast", Map.of("to", (long) ElementType.DOUBLE.onnxCode()), x);
    return g.op("Cast", Map.of("to", (long) ElementType.FLOAT.onnxCode()), f.apply(wide));
  }

  /**
   * The input columns as the first layer takes them: one-hot encoded and standardised in double, as nn computes
   * them, then rounded to float for a float32 model. The input is double in every graph because nn reads raw
   * values in double: a column whose values are large next to their spread (a timestamp of 1.7e9 that varies by
   * 100) would lose its signal if it were rounded to float before its mean is subtracted.
   */
  private static String prepared(OnnxGraph g, ModelSpec spec, String x) {
    String ready = standardised(g, spec, oneHot(g, spec, x));
    return g.type() == ElementType.DOUBLE ? ready : g.op("Cast", Map.of("to", (long) ElementType.FLOAT.onnxCode()), ready);
  }

  /**
   * The one-hot encoding: each run of columns passed as they are is one Slice, each encoded column a Slice
   * compared with its categories (Equal, broadcast over a row of them) and cast to 0/1, and a Concat joins the
   * pieces in order. A value that is none of its column's categories gives a row of 0s: a graph cannot refuse it
   * as nn does.
   */
  private static String oneHot(OnnxGraph g, ModelSpec spec, String x) {
    if (spec.oneHot() == null) {
      return x;
    }
    List<String> inputs = spec.oneHot().inputs();
    Map<String, double[]> categories = spec.oneHot().categories();
    String axes = g.tensor("one_hot_axes", ElementType.INT64, new long[] {1}, new double[] {1});
    List<String> pieces = new ArrayList<>();
    int j = 0;
    while (j < inputs.size()) {
      double[] c = categories.get(inputs.get(j));
      int end = j + 1;
      while (c == null && end < inputs.size() && categories.get(inputs.get(end)) == null) {
        end++;
      }
      String starts = g.tensor("one_hot_start_" + j, ElementType.INT64, new long[] {1}, new double[] {j});
      String ends = g.tensor("one_hot_end_" + j, ElementType.INT64, new long[] {1}, new double[] {end});
      String columns = g.op("Slice", x, starts, ends, axes);
      if (c == null) {
        pieces.add(columns);
      } else {
        String levels = g.tensor("one_hot_categories_" + j, ElementType.DOUBLE, new long[] {c.length}, c);
        pieces.add(g.op("Cast", Map.of("to", (long) ElementType.DOUBLE.onnxCode()), g.op("Equal", columns, levels)));
      }
      j = end;
    }
    return pieces.size() == 1 ? pieces.get(0) : g.op("Concat", Map.of("axis", 1L), pieces.toArray(String[]::new));
  }

  /** (x − mean)/scale; x itself for a model without a scaler. */
  private static String standardised(OnnxGraph g, ModelSpec spec, String x) {
    if (!ModelParts.hasScaler(spec)) {
      return x;
    }
    long[] dims = {spec.means().length};
    String means = g.tensor("means", ElementType.DOUBLE, dims, spec.means());
    String scales = g.tensor("scales", ElementType.DOUBLE, dims, spec.scales());
    return g.op("Div", g.op("Sub", x, means), scales);
  }

  /**
   * y·scale + mean, in double as nn computes it, for a model trained on standardised targets; y itself for any
   * other. {@code y} is double.
   */
  private static String inTargetUnits(OnnxGraph g, ModelSpec spec, String y) {
    if (spec.targetMeans() == null) {
      return y;
    }
    long[] dims = {spec.targetMeans().length};
    String means = g.tensor("target_means", ElementType.DOUBLE, dims, spec.targetMeans());
    String scales = g.tensor("target_scales", ElementType.DOUBLE, dims, spec.targetScales());
    return g.op("Add", g.op("Mul", y, scales), means);
  }

  /** What a user of the file needs besides the graph: the names of inputs and outputs, as JSON arrays. */
  private static Map<String, String> metadata(ModelSpec spec, OutputLink link, ElementType type) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("inputs", Json.line(spec.inputs(), Json.NonFinite.REFUSE));
    if (spec.oneHot() != null) {
      m.put("one-hot", Json.line(ModelParts.oneHotCategories(spec), Json.NonFinite.REFUSE));
      if (!spec.oneHot().words().isEmpty()) {
        m.put("one-hot-words", Json.line(ModelParts.oneHotWords(spec), Json.NonFinite.REFUSE));
      }
    }
    m.put("features", Json.line(spec.features(), Json.NonFinite.REFUSE));
    m.put("targets", Json.line(spec.targets(), Json.NonFinite.REFUSE));
    m.put("classes", Json.line(spec.classes(), Json.NonFinite.REFUSE));
    m.put("loss", spec.loss().name());
    m.put("link", link.label());
    m.put("precision", type.label());
    return m;
  }
}
