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
 * The {@code data.one-hot} key: a list of feature column names, each once, for classification or regression, kept
 * by a distributed run on a csv source; written back as it was read.
 */
class OneHotConfigTests {
  private static final Path DIR = Path.of("/exp/dir");

  /** Penguins with ONE_HOT as the key's value and TASK as the source's task. */
  private static final String PENGUINS =
      "data:\n"
          + "  train: {source: csv, path: data/penguins.csv, target: species, task: TASK}\n"
          + "  one-hot: ONE_HOT\n"
          + "network: {layers: [{units: auto}, {units: auto, activation: identity}]}\n"
          + "loss: softmax-cross-entropy\n";

  private static String penguins(String oneHot) {
    return PENGUINS.replace("ONE_HOT", oneHot).replace("TASK", "classification");
  }

  @Test
  void theColumnsAreReadInTheOrderWrittenAndNoneWhenTheKeyIsAbsent() {
    assertEquals(List.of("island", "sex"), read(penguins("[island, sex]")).data().oneHot());
    assertEquals(List.of("sex", "island"), read(penguins("[sex, island]")).data().oneHot());
    assertEquals(List.of("2007"), read(penguins("[2007]")).data().oneHot(), "a name YAML reads as a number");
    assertEquals(List.of(), read(penguins("[]")).data().oneHot());
    assertEquals(List.of(), read(PENGUINS.replace("  one-hot: ONE_HOT\n", "").replace("TASK", "classification"))
        .data().oneHot());
    assertEquals(List.of("island"), read(PENGUINS.replace("  one-hot: ONE_HOT\n", "").replace("TASK", "regression")
        .replace("softmax-cross-entropy", "squared"), "data.one-hot=[island]").data().oneHot(), "set by --set");
  }

  @Test
  void aColumnListedTwiceIsOneProblemWhereItIsWrittenTheSecondTime() {
    List<ConfigProblem> p = problems(penguins("[island, island]"));
    assertEquals(List.of("data.one-hot[1]: the column \"island\" is listed twice"), texts(p));
    assertEquals(ProblemId.OUT_OF_RANGE, p.get(0).id());
    assertEquals(3, p.get(0).line());
    assertEquals(List.of("data.one-hot[2]: the column \"sex\" is listed twice"),
        texts(problems(penguins("[sex, island, sex]"))));
  }

  @Test
  void aValueThatIsNotAListOfNamesIsOneProblem() {
    List<ConfigProblem> p = problems(penguins("island"));
    assertEquals(List.of("data.one-hot: expected a list of feature column names, such as [island, sex], found"
        + " \"island\""), texts(p));
    assertEquals(ProblemId.WRONG_TYPE, p.get(0).id());
    assertEquals(List.of("data.one-hot[1]: expected a column name, found a mapping"),
        texts(problems(penguins("[island, {sex: 1}]"))));
  }

  @Test
  void aReconstructionIsRefusedItsInputsBeingItsTargets() {
    List<ConfigProblem> p = problems(PENGUINS.replace("ONE_HOT", "[island]").replace("TASK", "reconstruction")
        .replace("softmax-cross-entropy", "squared"));
    assertEquals(List.of("data.one-hot: one-hot encodes inputs of classification or regression; a reconstruction's"
        + " inputs are its targets"), texts(p));
    assertEquals(ProblemId.OUT_OF_RANGE, p.get(0).id());
    assertEquals(3, p.get(0).line());
    assertEquals(List.of("island"), read(PENGUINS.replace("ONE_HOT", "[island]").replace("TASK", "regression")
        .replace("softmax-cross-entropy", "squared")).data().oneHot(), "regression encodes");
  }

  @Test
  void aDistributedRunOnACsvSourceKeepsTheColumns() {
    // the driver and each executor fit the categories alike from the file (a Spark table is refused instead:
    // DistributedSectionTests)
    assertEquals(List.of("island"), read(penguins("[island]") + "distributed: {master: \"local[2]\"}\n").data()
        .oneHot());
    assertTrue(read(penguins("[]") + "distributed: {master: \"local[2]\"}\n").distributed().isPresent(),
        "an empty list encodes nothing");
  }

  @Test
  void theWrittenExperimentReadsBackEqual() {
    ExperimentReader reader = Resources.reader();
    Experiment original = reader.read(penguins("[sex, island]"), "p.yaml", DIR, List.of());
    String text = ExperimentWriter.write(original);
    assertTrue(text.contains("one-hot: [sex, island]"), text);
    Experiment again = reader.read(text, "x.yaml", DIR, List.of());
    assertEquals(original, again);
    assertEquals(List.of("sex", "island"), again.data().oneHot());

    Experiment none = reader.read(penguins("[]"), "p.yaml", DIR, List.of());
    String plain = ExperimentWriter.write(none);
    assertFalse(plain.contains("one-hot"), "written only when set: " + plain);
    assertEquals(none, reader.read(plain, "y.yaml", DIR, List.of()));
  }
}
