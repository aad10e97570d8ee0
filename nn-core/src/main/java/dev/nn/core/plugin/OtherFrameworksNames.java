package dev.nn.core.plugin;

import dev.nn.core.text.Suggestions;
import java.util.List;
import java.util.Map;

/**
 * What nn calls the plugins that PyTorch, Keras and scikit-learn users know by other names — {@code mse},
 * {@code cross-entropy}, {@code glorot_uniform}, {@code swish} — so that the message for such an unknown name
 * points at nn's own, which no spelling distance would find. Softmax gets a note of its own: in nn it is not an
 * activation but part of the loss {@code softmax-cross-entropy}, as in PyTorch's {@code CrossEntropyLoss}.
 */
final class OtherFrameworksNames {
  private OtherFrameworksNames() {}

  private static final Map<String, List<String>> ACTIVATIONS = Map.of(
      "linear", List.of("identity"),
      "none", List.of("identity"),
      "logistic", List.of("sigmoid"),
      "swish", List.of("silu"),
      "softmax", List.of("identity"),
      "log-softmax", List.of("identity"));

  private static final Map<String, List<String>> LOSSES = Map.ofEntries(
      Map.entry("mse", List.of("mean-squared", "squared")),
      Map.entry("l2", List.of("squared", "mean-squared")),
      Map.entry("mae", List.of("absolute")),
      Map.entry("l1", List.of("absolute")),
      Map.entry("smooth-l1", List.of("huber")),
      Map.entry("cross-entropy", List.of("softmax-cross-entropy", "binary-cross-entropy")),
      Map.entry("crossentropy", List.of("softmax-cross-entropy", "binary-cross-entropy")),
      Map.entry("ce", List.of("softmax-cross-entropy")),
      Map.entry("nll", List.of("softmax-cross-entropy")),
      Map.entry("categorical-cross-entropy", List.of("softmax-cross-entropy")),
      Map.entry("categorical-crossentropy", List.of("softmax-cross-entropy")),
      Map.entry("sparse-categorical-crossentropy", List.of("softmax-cross-entropy")),
      Map.entry("log-loss", List.of("binary-cross-entropy", "softmax-cross-entropy")),
      Map.entry("bce", List.of("binary-cross-entropy")),
      Map.entry("binary-crossentropy", List.of("binary-cross-entropy")),
      Map.entry("bce-with-logits", List.of("binary-cross-entropy")));

  private static final Map<String, List<String>> OPTIMIZERS = Map.of(
      "nag", List.of("nesterov"),
      "sgd-momentum", List.of("momentum"),
      "rms-prop", List.of("rmsprop"));

  private static final Map<String, List<String>> INITIALIZERS = Map.of(
      "glorot-uniform", List.of("xavier-uniform"),
      "glorot-normal", List.of("xavier-normal"),
      "kaiming-uniform", List.of("he-uniform"),
      "kaiming-normal", List.of("he-normal"),
      "random-normal", List.of("normal"),
      "random-uniform", List.of("uniform"));

  /** nn's names for {@code written} when it is another framework's name for a plugin of {@code kind}. */
  static List<String> meaning(PluginKind<?> kind, String written) {
    return table(kind).getOrDefault(Suggestions.normalize(written), List.of());
  }

  /** A sentence to add to the message about an unknown {@code written}, or "". */
  static String note(PluginKind<?> kind, String written) {
    String w = Suggestions.normalize(written);
    if (kind == PluginKind.ACTIVATION && (w.equals("softmax") || w.equals("log-softmax"))) {
      return "; in nn softmax belongs to the loss: use loss softmax-cross-entropy, with activation identity on the"
          + " output layer";
    }
    return "";
  }

  private static Map<String, List<String>> table(PluginKind<?> kind) {
    if (kind == PluginKind.ACTIVATION) {
      return ACTIVATIONS;
    }
    if (kind == PluginKind.LOSS) {
      return LOSSES;
    }
    if (kind == PluginKind.OPTIMIZER) {
      return OPTIMIZERS;
    }
    return kind == PluginKind.INITIALIZER ? INITIALIZERS : Map.of();
  }
}
