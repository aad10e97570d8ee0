package dev.nn.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.data.CsvOptions;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.ProblemId;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A csv source's {@code separator} ({@code auto}, {@code ","}, {@code ";"}, {@code tab} or {@code "\t"},
 * {@code "|"}) and {@code labels} ({@code indices}, {@code names}; a classification only) are read, written back,
 * and refused with the values allowed; an unknown key lists them among the keys.
 */
class CsvSourceKeysTests {
  private static final String REST = "network: {layers: [{units: auto}, {units: auto, activation: identity}]}\n"
      + "loss: squared\n";

  private static SourceSpec.Csv source(String keys) {
    Experiment e = Resources.reader().read("data: {train: {source: csv, path: no.csv" + keys + "}}\n" + REST, "t.yaml",
        Path.of("/exp"), List.of());
    return (SourceSpec.Csv) e.data().train();
  }

  private static List<ConfigProblem> problems(String keys) {
    return assertThrows(ConfigException.class, () -> Resources.reader().read(
        "data: {train: {source: csv, path: no.csv" + keys + "}}\n" + REST, "t.yaml", Path.of("/exp"), List.of()))
        .problems();
  }

  /**
   * Beside IDX images a csv hold-out holds the images' task, classification unless the IDX source says
   * reconstruction; it was read as regression, and refused against a classifier's loss.
   */
  @Test
  void aCsvHoldOutBesideIdxImagesTakesTheirTask() {
    for (String[] c : List.of(new String[] {"", "CLASSIFICATION"}, new String[] {", task: reconstruction",
        "RECONSTRUCTION"})) {
      Experiment e = Resources.reader().read("data: {train: {source: idx, images: i.gz, labels: l.gz" + c[0] + "},"
          + " test: {source: csv, path: t.csv}, validation: {source: csv, path: v.csv, task: regression}}\n" + REST,
          "t.yaml", Path.of("/exp"), List.of());
      SourceSpec.Csv test = (SourceSpec.Csv) ((HoldOut.FromSource) e.data().test()).source();
      assertEquals(c[1], test.task().name());
      SourceSpec.Csv validation = (SourceSpec.Csv) ((HoldOut.FromSource) e.data().validation()).source();
      assertEquals("REGRESSION", validation.task().name(), "a task the source gives is its own");
    }
    // beside a generator, a csv hold-out is read as a csv file is by default: regression
    Experiment g = Resources.reader().read("data: {train: {source: generator, name: xor, samples: 8},"
        + " test: {source: csv, path: t.csv}}\n" + REST, "t.yaml", Path.of("/exp"), List.of());
    assertEquals("REGRESSION", ((SourceSpec.Csv) ((HoldOut.FromSource) g.data().test()).source()).task().name());
  }

  @Test
  void theSeparatorIsAutoByDefaultOrOneOfFour() {
    assertEquals(CsvOptions.AUTO_SEPARATOR, source("").options().separator());
    assertEquals('\t', source(", separator: tab").options().separator());
    assertEquals('\t', source(", separator: \"\\t\"").options().separator());
    assertEquals('|', source(", separator: \"|\"").options().separator());
    assertEquals(';', source(", separator: \";\"").options().separator());
    assertEquals(',', source(", separator: \",\"").options().separator());
    ConfigProblem p = problems(", separator: \":\"").get(0);
    assertEquals(ProblemId.OUT_OF_RANGE, p.id());
    assertEquals("data.train.separator", p.path());
    assertEquals("unknown field separator \":\"", p.message());
    assertEquals("auto, \",\", \";\", tab (or \"\\t\"), \"|\"", p.allowed());
  }

  @Test
  void labelsAreIndicesByDefaultOrNamesForAClassification() {
    assertEquals(CsvOptions.Labels.INDICES, source("").options().labels());
    assertEquals(CsvOptions.Labels.NAMES, source(", task: classification, labels: names").options().labels());
    ConfigProblem p = problems(", labels: names").get(0);
    assertEquals("data.train.labels", p.path());
    assertTrue(p.message().contains("but the task is regression"), p.message());
    assertEquals("indices, names", problems(", task: classification, labels: words").get(0).allowed());
  }

  @Test
  void anUnknownKeyListsTheNewKeys() {
    ConfigProblem p = problems(", classes: 8").get(0);
    assertEquals(ProblemId.UNKNOWN_KEY, p.id());
    assertTrue(p.allowed().contains("separator") && p.allowed().contains("labels"), p.allowed());
  }

  @Test
  void bothAreWrittenBackWhenSet() {
    Experiment e = Resources.reader().read("data: {train: {source: csv, path: no.csv, task: classification,"
        + " separator: tab, labels: names}}\n" + REST.replace("squared", "softmax-cross-entropy"), "t.yaml",
        Path.of("/exp"), List.of());
    String yaml = ExperimentWriter.write(e);
    assertTrue(yaml.contains("separator: tab"), yaml);
    assertTrue(yaml.contains("labels: names"), yaml);
    Experiment again = Resources.reader().read(yaml, "again.yaml", Path.of("/exp"), List.of());
    assertEquals(e.data().train(), again.data().train());
  }

  /** {@code missing-values}: words or signs read as missing too; a number or an empty value is refused. */
  @Test
  void missingValuesAreWordsOrSignsAndAreWrittenBack() {
    assertEquals(List.of(), source("").options().missingValues());
    SourceSpec.Csv marked = source(", missing: drop, missing-values: [\"?\", \" - \", unknown]");
    assertEquals(List.of("?", "-", "unknown"), marked.options().missingValues());
    ConfigProblem number = problems(", missing-values: [\"?\", \"-1\"]").get(0);
    assertEquals("data.train.missing-values[1]", number.path());
    assertEquals("\"-1\" is a number, which would hide real values", number.message());
    assertEquals("\"\" is empty, which is read as missing already",
        problems(", missing-values: [\"\"]").get(0).message());
    assertEquals("data.train.missing-values", problems(", missing-values: \"?\"").get(0).path());
    Experiment e = Resources.reader().read("data: {train: {source: csv, path: no.csv, missing: mean,"
        + " missing-values: [\"?\"]}}\n" + REST, "t.yaml", Path.of("/exp"), List.of());
    String yaml = ExperimentWriter.write(e);
    assertTrue(yaml.contains("missing-values: ['?']") || yaml.contains("missing-values: [?]"), yaml);
    Experiment again = Resources.reader().read(yaml, "again.yaml", Path.of("/exp"), List.of());
    assertEquals(e.data().train(), again.data().train());
  }
}
