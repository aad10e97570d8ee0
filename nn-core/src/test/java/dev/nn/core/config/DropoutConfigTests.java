package dev.nn.core.config;

import static dev.nn.core.config.ExperimentReaderTests.texts;
import static dev.nn.core.config.Resources.problems;
import static dev.nn.core.config.Resources.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.spi.ConfigProblem;
import dev.nn.spi.ProblemId;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code network.layers[l].dropout} key: a rate in [0, 1) on the input and hidden layers, 0 when absent, refused
 * on the output layer; kept with a distributed section; written back only when above 0.
 */
class DropoutConfigTests {
  private static final Path DIR = Path.of("/exp/dir");

  /** Digits with one layer a line, so that a problem's line names its layer; INPUT, HIDDEN, OUTPUT end a layer. */
  private static final String DIGITS =
      "data:\n"
          + "  train: {source: csv, path: data/digits.csv, target: last, task: classification}\n"
          + "network:\n"
          + "  layers:\n"
          + "    - {units: autoINPUT}\n"
          + "    - {units: 32, activation: reluHIDDEN}\n"
          + "    - {units: auto, activation: identityOUTPUT}\n"
          + "loss: softmax-cross-entropy\n";

  private static String digits(String input, String hidden, String output) {
    return DIGITS.replace("INPUT", input).replace("HIDDEN", hidden).replace("OUTPUT", output);
  }

  /** p of each layer, the input layer first. */
  private static List<Double> rates(Experiment e) {
    return e.network().layers().stream().map(LayerSpec::dropout).toList();
  }

  @Test
  void theRatesAreReadOnTheInputAndHiddenLayersAndAreZeroWhereAbsent() {
    Experiment e = read(digits(", dropout: 0.2", ", dropout: 0.5", ""));
    assertEquals(List.of(0.2, 0.5, 0.0), rates(e));
    assertEquals(List.of(0.0, 0.0, 0.0), rates(read(digits("", "", ""))));
    assertEquals(0.0, read(digits(", dropout: 0", "", "")).network().layers().get(0).dropout(), "0 is allowed");
    assertEquals(0.0, read(digits(", dropout:", "", "")).network().layers().get(0).dropout(),
        "nothing means the default");
    assertEquals(0.999, read(digits("", ", dropout: 0.999", "")).network().layers().get(1).dropout(),
        "just below 1");
    assertEquals(0.25, read(digits("", "", ""), "network.layers[1].dropout=0.25").network().layers().get(1)
        .dropout(), "set by --set");
  }

  @Test
  void theOutputLayerTakesNoDropoutOneProblemAtItsKeyAndLine() {
    List<ConfigProblem> p = problems(digits("", "", ", dropout: 0.1"));
    assertEquals(List.of("network.layers[2].dropout: the output layer takes no dropout: its values are the"
        + " network's answer"), texts(p));
    assertEquals(ProblemId.OUT_OF_RANGE, p.get(0).id());
    assertEquals(7, p.get(0).line());
    assertEquals("dropout on the input or a hidden layer", p.get(0).allowed());
    // refused whatever the value: even 0, which would drop nothing, has no place there
    assertEquals(texts(p), texts(problems(digits("", "", ", dropout: 0"))));
  }

  @Test
  void aRateOutsideZeroToOneOrAWordIsOneProblemAtItsKeyAndLine() {
    List<ConfigProblem> negative = problems(digits(", dropout: -0.1", "", ""));
    assertEquals(List.of("network.layers[0].dropout: must be in [0, 1), found -0.1"), texts(negative));
    assertEquals(ProblemId.OUT_OF_RANGE, negative.get(0).id());
    assertEquals(5, negative.get(0).line());

    List<ConfigProblem> one = problems(digits("", ", dropout: 1.0", ""));
    assertEquals(List.of("network.layers[1].dropout: must be in [0, 1), found 1.0"), texts(one));
    assertEquals(ProblemId.OUT_OF_RANGE, one.get(0).id());
    assertEquals(6, one.get(0).line());

    List<ConfigProblem> word = problems(digits("", ", dropout: half", ""));
    assertEquals(List.of("network.layers[1].dropout: expected a number in [0, 1), found \"half\""), texts(word));
    assertEquals(ProblemId.WRONG_TYPE, word.get(0).id());
    assertEquals(6, word.get(0).line());
  }

  @Test
  void theKeyIsAmongALayersKeysForAMisspellingAndTheInputLayersActivation() {
    List<ConfigProblem> p = problems(digits("", ", drop-out: 0.5", ""));
    assertEquals(List.of("network.layers[1].drop-out: unknown key \"drop-out\""), texts(p));
    assertEquals(List.of("dropout"), p.get(0).suggestions());
    assertEquals("units, activation, dropout", p.get(0).allowed());
    assertEquals("units, dropout", problems(digits(", activation: relu", "", "")).get(0).allowed());
  }

  @Test
  void aDistributedRunKeepsItsDropout() {
    String distributed = "distributed: {master: \"local[2]\", mode: synchronous}\n";
    Experiment e = read(digits(", dropout: 0.2", ", dropout: 0.5", "") + distributed);
    assertTrue(e.distributed().isPresent());
    assertEquals(List.of(0.2, 0.5, 0.0), rates(e));
  }

  @Test
  void theWrittenExperimentReadsBackWithTheSameRatesAndNoKeyForZero() {
    ExperimentReader reader = Resources.reader();
    Experiment original = reader.read(digits(", dropout: 0.2", ", dropout: 0.5", ""), "d.yaml", DIR, List.of());
    String text = ExperimentWriter.write(original);
    assertTrue(text.contains("  - {units: auto, dropout: 0.2}\n"), text);
    assertTrue(text.contains("  - {units: 32, activation: relu, dropout: 0.5}\n"), text);
    Experiment again = reader.read(text, "x.yaml", DIR, List.of());
    assertEquals(original, again);
    assertEquals(List.of(0.2, 0.5, 0.0), rates(again));
    assertEquals(ExperimentWriter.write(original), ExperimentWriter.write(again));

    Experiment zero = reader.read(digits(", dropout: 0.0", "", ""), "n.yaml", DIR, List.of());
    String plain = ExperimentWriter.write(zero);
    assertFalse(plain.contains("dropout"), "written only when above 0: " + plain);
    assertEquals(ExperimentWriter.write(reader.read(digits("", "", ""), "n.yaml", DIR, List.of())), plain,
        "0 is written as no key is");
  }
}
