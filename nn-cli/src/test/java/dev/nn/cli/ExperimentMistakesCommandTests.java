package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Mistakes in an experiment file that were taken without a word, or told in the YAML parser's terms, given to nn train
 * as a user gives them: exit 2, the problem named at its key or line in words, no stack trace, and no run directory.
 */
class ExperimentMistakesCommandTests {
  private static final String GOOD = """
      name: mistakes
      data: {train: {source: generator, name: lecture-regression, samples: 100}}
      network: {layers: [{units: auto}, {units: 4, activation: tanh}, {units: auto, activation: identity}]}
      loss: squared
      optimizer: {name: sgd, learning-rate: 0.05}
      training: {epochs: 2, batch-size: 10}
      """;

  @TempDir
  Path tmp;

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      // its ':' lost: trained sgd with adam meant
      "a plugin key without its colon|optimizer: {name: sgd, learning-rate: 0.05}|optimizer: {name adam,"
          + " learning-rate: 0.05}||unknown setting \"name adam\" of optimizer \"sgd\"; a key and its value are written"
          + " key: value (is a ':' missing?)",
      // the tag made the value nothing: trained the default epochs
      "a null tag on a number|epochs: 2|epochs: !!null 2||tag !!null makes 2 nothing, as if the key were not written",
      "a float tag on an integer|epochs: 2|epochs: !!float 2||expected an integer >= 1, found 2 tagged !!float (drop"
          + " the tag)",
      "text after a closed value|loss: squared|loss: \"squared\" extra||more text (line 4, col 17) after a value that"
          + " has ended",
      "a key that lost its colon|name: mistakes|name mistakes||the line above, \"name mistakes\" (line 1), has no ':'"
          + " after its key",
      "an override of an x- key the file lacks|name: mistakes|name: mistakes|x-hiden.units=3|the experiment has no"
          + " key \"x-hiden\"",
      // told in the parser's words ("expected the node content"); CsvSource trims the space after the colon
      "a --set value cut short|name: mistakes|name: mistakes|optimizer.learning-rate={a: |the value is not valid YAML:"
          + " the text ends (line 1, col 4) inside a",
      // told only > 0, of a key that also takes off
      "checkpoint minutes of 0|batch-size: 10|batch-size: 10, checkpoint-minutes: 0||training.checkpoint-minutes"
          + " (line 6, col 59): must be off, or a number of minutes > 0 such as 10 or 0.5, found 0"})
  void isOneMessageExit2AndNoRunDirectory(String what, String from, String to, String set, String expected)
      throws Exception {
    Path file = Files.writeString(tmp.resolve("e.yaml"), GOOD.replace(from, to));
    Path out = tmp.resolve("runs");
    List<String> args = new ArrayList<>(List.of("train", file.toString(), "--output", out.toString()));
    if (set != null && !set.isEmpty()) {
      args.addAll(List.of("--set", set));
    }
    Cli.Outcome o = Cli.run(args.toArray(String[]::new));
    assertEquals(2, o.code(), what + ": " + o.describe());
    assertTrue(o.err().contains(expected), what + ": " + o.err());
    assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
    if (Files.exists(out)) {
      try (Stream<Path> made = Files.list(out)) {
        assertEquals(List.of(), made.toList(), "no run directory");
      }
    }
  }
}
