package dev.nn.tests.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nn.core.plugin.PluginKind;
import dev.nn.core.plugin.PluginRegistry;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A plugin name from PyTorch, Keras or scikit-learn is answered with nn's name for the same thing, which no
 * spelling distance would find; every name offered is one of the installed built-ins.
 */
class OtherFrameworksNamesTests {
  private static final PluginRegistry REGISTRY = PluginRegistry.loadDefault();
  private static final Map<String, PluginKind<?>> KINDS = Map.of("activation", PluginKind.ACTIVATION,
      "loss", PluginKind.LOSS, "optimizer", PluginKind.OPTIMIZER, "initializer", PluginKind.INITIALIZER);

  private static ConfigProblem unknown(String kind, String name) {
    ConfigException e = assertThrows(ConfigException.class, () -> REGISTRY.create(KINDS.get(kind), name));
    return e.problems().get(0);
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      activation  | linear                          | identity
      activation  | None                            | identity
      activation  | logistic                        | sigmoid
      activation  | swish                           | silu
      loss        | mse                             | mean-squared, squared
      loss        | MSE                             | mean-squared, squared
      loss        | l2                              | squared, mean-squared
      loss        | mae                             | absolute
      loss        | L1                              | absolute
      loss        | smooth_l1                       | huber
      loss        | cross-entropy                   | softmax-cross-entropy, binary-cross-entropy
      loss        | crossentropy                    | softmax-cross-entropy, binary-cross-entropy
      loss        | CrossEntropy                    | softmax-cross-entropy, binary-cross-entropy
      loss        | ce                              | softmax-cross-entropy
      loss        | nll                             | softmax-cross-entropy
      loss        | categorical_crossentropy        | softmax-cross-entropy
      loss        | categorical-cross-entropy       | softmax-cross-entropy
      loss        | sparse_categorical_crossentropy | softmax-cross-entropy
      loss        | log_loss                        | binary-cross-entropy, softmax-cross-entropy
      loss        | bce                             | binary-cross-entropy
      loss        | binary_crossentropy             | binary-cross-entropy
      loss        | BCEWithLogits                   | binary-cross-entropy
      optimizer   | nag                             | nesterov
      optimizer   | sgd-momentum                    | momentum
      optimizer   | rms_prop                        | rmsprop
      initializer | glorot_uniform                  | xavier-uniform
      initializer | glorot_normal                   | xavier-normal
      initializer | kaiming_uniform                 | he-uniform
      initializer | kaiming_normal                  | he-normal
      initializer | RandomNormal                    | normal
      initializer | random_uniform                  | uniform
      """)
  void anotherFrameworksNameIsAnsweredWithNnsNameFirst(String kind, String written, String expected) {
    ConfigProblem p = unknown(kind, written);
    assertEquals("unknown " + kind + " \"" + written + "\"", p.message());
    List<String> meant = List.of(expected.split(",\\s*"));
    assertEquals(meant, p.suggestions().subList(0, Math.min(meant.size(), p.suggestions().size())), p.toString());
    for (String s : p.suggestions()) {
      assertEquals(true, REGISTRY.names(KINDS.get(kind)).contains(s), s + " is installed");
    }
  }

  @Test
  void softmaxAsAnActivationIsToldThatTheLossAppliesIt() {
    for (String written : List.of("softmax", "Softmax", "log_softmax", "LogSoftmax")) {
      ConfigProblem p = unknown("activation", written);
      assertEquals("unknown activation \"" + written + "\"; in nn softmax belongs to the loss: use loss"
          + " softmax-cross-entropy, with activation identity on the output layer", p.message());
      assertEquals("identity", p.suggestions().get(0));
    }
  }

  @Test
  void aTypoIsStillAnsweredByTheClosestSpellingAlone() {
    assertEquals(List.of("sigmoid"), unknown("activation", "sigmiod").suggestions());
    assertEquals(List.of("huber"), unknown("loss", "hubber").suggestions());
    assertEquals(List.of(), unknown("loss", "wasserstein").suggestions());
  }
}
