package dev.nn.core.export;

import dev.nn.core.io.Json;
import dev.nn.core.model.Model;
import dev.nn.core.model.ModelSpec;
import dev.nn.core.model.PluginUse;
import dev.nn.core.network.Network;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A model as a NumPy {@code .npz} archive (a ZIP of .npy arrays, what {@code numpy.savez_compressed} writes):
 * {@code W1, b1, …} per layer in the lecture's layout and the model's precision, {@code means} and
 * {@code scales} when inputs are standardised, {@code target_means} and {@code target_scales} when the targets
 * were (a prediction is then output·scale + mean), and {@code header}, a JSON text that says how to run them:
 * the input columns and the categories of those encoded one-hot, the activations with all their settings, the
 * loss and its link, the names of features, targets and classes. Every model can be exported this way; a plugin's activation or link is named in the header for
 * whoever implements it.
 */
final class NpzExport {
  /**
   * The version of the header's layout, for readers of older or newer files: 2 added {@code target_scaler}
   * (and the arrays {@code target_means}, {@code target_scales}); 3 added {@code inputs}, {@code one_hot} and {@code one_hot_words}.
   */
  static final int HEADER_VERSION = 3;

  private NpzExport() {}

  /**
   * The archive, written to a stream when asked: the header and the choice of arrays are settled here, so that a
   * model the format cannot take is refused before a file is opened; the arrays are then written one at a time,
   * a layer's weights copied once each, so that a large model is exported in little more memory than it holds.
   */
  static dev.nn.core.io.AtomicFiles.Content encode(Model model, String nnVersion) {
    ModelSpec spec = model.spec();
    Network network = model.network();
    ElementType type = ModelParts.elementType(model);
    String header = header(model, type, nnVersion);
    return out -> {
      java.io.BufferedOutputStream buffered = new java.io.BufferedOutputStream(out, 1 << 16);
      ZipOutputStream zip = new ZipOutputStream(buffered);
      for (int l = 1; l <= network.outputLayer(); l++) {
        entry(zip, "W" + l);
        Npy.writeArray(zip, type, new int[] {network.width(l - 1), network.width(l)}, ModelParts.weights(model, l));
        entry(zip, "b" + l);
        Npy.writeArray(zip, type, new int[] {network.width(l)}, ModelParts.bias(model, l));
      }
      if (ModelParts.hasScaler(spec)) {
        // the scaler is applied in double, as nn applies it, whatever the model's precision
        entry(zip, "means");
        Npy.writeArray(zip, ElementType.DOUBLE, new int[] {spec.means().length}, spec.means());
        entry(zip, "scales");
        Npy.writeArray(zip, ElementType.DOUBLE, new int[] {spec.scales().length}, spec.scales());
      }
      if (spec.targetMeans() != null) {
        // predictions are mapped to the targets' units in double, as nn maps them
        int k = spec.targetMeans().length;
        entry(zip, "target_means");
        Npy.writeArray(zip, ElementType.DOUBLE, new int[] {k}, spec.targetMeans());
        entry(zip, "target_scales");
        Npy.writeArray(zip, ElementType.DOUBLE, new int[] {k}, spec.targetScales());
      }
      entry(zip, "header");
      Npy.writeText(zip, header);
      // the stream is the caller's to close
      zip.finish();
      buffered.flush();
    };
  }

  /** Starts the deflated entry {@code <name>.npy}, closing the one before. */
  private static void entry(ZipOutputStream zip, String name) throws IOException {
    ZipEntry entry = new ZipEntry(name + ".npy");
    // a fixed time: the same model exports to the same bytes
    entry.setTimeLocal(LocalDateTime.of(1980, 1, 1, 0, 0));
    zip.putNextEntry(entry);
  }

  /** The header's JSON text. */
  static String header(Model model, ElementType type, String nnVersion) {
    ModelSpec spec = model.spec();
    Network network = model.network();
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("format", "nn-npz");
    h.put("version", HEADER_VERSION);
    h.put("nn_version", nnVersion);
    h.put("dtype", type.label());
    List<Object> widths = new ArrayList<>();
    for (int w : network.widths()) {
      widths.add(w);
    }
    h.put("widths", widths);
    h.put("inputs", spec.inputs());
    h.put("one_hot", ModelParts.oneHotCategories(spec));
    h.put("one_hot_words", ModelParts.oneHotWords(spec));
    h.put("features", spec.features());
    h.put("targets", spec.targets());
    h.put("classes", spec.classes());
    h.put("scaler", ModelParts.hasScaler(spec));
    h.put("target_scaler", spec.targetMeans() != null);
    List<Object> layers = new ArrayList<>();
    for (int l = 1; l <= network.outputLayer(); l++) {
      PluginUse use = spec.activations().get(l - 1);
      Map<String, Object> settings = BuiltInActivation.of(use, network.activation(l))
          .map(BuiltInActivation::settings).orElse(use.settings());
      Map<String, Object> layer = new LinkedHashMap<>();
      layer.put("weights", "W" + l);
      layer.put("bias", "b" + l);
      layer.put("activation", plugin(use, settings));
      layers.add(layer);
    }
    h.put("layers", layers);
    Map<String, Object> loss = plugin(spec.loss(), spec.loss().settings());
    loss.put("link", OutputLink.of(spec.loss(), model.loss()).map(OutputLink::label).orElse(null));
    h.put("loss", loss);
    return Json.line(h, Json.NonFinite.REFUSE);
  }

  private static Map<String, Object> plugin(PluginUse use, Map<String, Object> settings) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("name", use.name());
    p.put("version", use.version());
    // sorted, so that a header does not depend on a map's order
    p.put("settings", new TreeMap<>(settings));
    return p;
  }
}
