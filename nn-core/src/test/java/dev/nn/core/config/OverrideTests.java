package dev.nn.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.ProblemId;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code --set} overrides win over the file, which wins over the defaults. */
class OverrideTests {
  private static final String FILE =
      "data: {train: {source: csv, path: data/train.csv}}\n"
          + "network:\n"
          + "  layers:\n"
          + "    - {units: auto}\n"
          + "    - {units: 16, activation: relu}\n"
          + "    - {units: 1, activation: identity}\n"
          + "loss: squared\n"
          + "optimizer: {name: sgd, learning-rate: 0.05}\n";

  private static Experiment read(String... overrides) {
    return Resources.reader().read(FILE, "file.yaml", Path.of("/exp"), List.of(overrides));
  }

  @Test
  void anOverrideWinsOverTheFileAndTheFileOverTheDefault() {
    assertEquals(0.05, read().optimizer().learningRate());
    assertEquals(0.1, read("optimizer.learning-rate=0.1").optimizer().learningRate());
    assertEquals(20, read().training().epochs());
    assertEquals(5, read("training.epochs=5").training().epochs());
  }

  @Test
  void theLastOverrideOfAKeyWins() {
    assertEquals(0.3, read("optimizer.learning-rate=0.2", "optimizer.learning-rate=0.3").optimizer().learningRate());
  }

  @Test
  void anOverrideIndexesIntoLists() {
    Experiment e = read("network.layers[1].units=32", "network.layers[1].activation=tanh");

    assertEquals(32, e.network().layers().get(1).units());
    assertEquals("tanh", e.network().layers().get(1).activation().orElseThrow().name());
  }

  @Test
  void settingAnEarlyStoppingKeySwitchesItOn() {
    assertEquals(
        Optional.of(new EarlyStopping(5, Monitor.VAL_LOSS, 0.0)),
        read("training.early-stopping.patience=5").training().earlyStopping());
  }

  @Test
  void aSettingOnAPluginWrittenAsANameTurnsItIntoAMapping() {
    Experiment e = read("loss=huber", "loss.delta=2.5");

    assertEquals(new PluginRef("huber", Map.of("delta", 2.5), Position.unknown("loss")), e.loss());
    assertEquals(Map.of("delta", 2.5), e.loss().settings());
  }

  @Test
  void aValueIsYamlSoItMayBeAMapping() {
    Experiment e = read("optimizer={name: momentum, momentum: 0.8}");

    assertEquals("momentum", e.optimizer().optimizer().name());
    assertEquals(Map.of("momentum", 0.8), e.optimizer().optimizer().settings());
    assertEquals(0.01, e.optimizer().learningRate(), "the file's learning-rate went with the replaced mapping");
  }

  @Test
  void anEmptyValueRestoresTheDefault() {
    assertEquals(0.01, read("optimizer.learning-rate=").optimizer().learningRate());
  }

  @Test
  void aRelativePathInAnOverrideResolvesAgainstTheWorkingDirectory() {
    SourceSpec.Csv file = (SourceSpec.Csv) read().data().train();
    SourceSpec.Csv set = (SourceSpec.Csv) read("data.train.path=other.csv").data().train();

    assertEquals(Path.of("/exp/data/train.csv"), file.path().resolved());
    assertEquals(Path.of("/work/here/other.csv"), set.path().resolved());
    assertEquals("other.csv", set.path().written());
  }

  @Test
  void aBadValueFromAnOverrideNamesTheOverrideInsteadOfALine() {
    ConfigException e = assertThrows(ConfigException.class, () -> read("optimizer.learning-rate=-1"));

    ConfigProblem p = e.problems().get(0);
    assertEquals(ProblemId.OUT_OF_RANGE, p.id());
    assertEquals("optimizer.learning-rate", p.path());
    assertEquals(0, p.line());
    assertEquals("must be > 0, found -1 (from --set optimizer.learning-rate=-1)", p.message());
  }

  @Test
  void aKeyTheSchemaDoesNotKnowIsABadOverrideWithASuggestion() {
    ConfigException e = assertThrows(ConfigException.class, () -> read("trainig.epochs=3"));

    ConfigProblem p = e.problems().get(0);
    assertEquals(ProblemId.BAD_OVERRIDE, p.id());
    assertEquals("--set trainig.epochs=3: unknown key \"trainig\"", p.message());
    assertEquals(List.of("training"), p.suggestions());
  }

  /**
   * A plugin's setting or the optimizer's learning rate written under another section is told where it belongs: the
   * settings a plugin reads are keys of its mapping, though no schema of the core lists them.
   */
  @Test
  void anOptimizerKeyUnderTrainingSaysWhereItBelongs() {
    ConfigException rate = assertThrows(ConfigException.class, () -> read("training.learning-rate=0.1"));
    ConfigException momentum = assertThrows(ConfigException.class,
        () -> read("optimizer.name=momentum", "training.momentum=0.8"));

    assertEquals("--set training.learning-rate=0.1: unknown key \"learning-rate\"; \"learning-rate\" is a key of"
        + " optimizer", rate.problems().get(0).message());
    assertEquals("--set training.momentum=0.8: unknown key \"momentum\"; \"momentum\" is a key of optimizer",
        momentum.problems().get(0).message());
    // keys of sections the file does not write are known too: most files write no compute or early stopping
    assertEquals("--set training.threads=2: unknown key \"threads\"; \"threads\" is a key of compute",
        assertThrows(ConfigException.class, () -> read("training.threads=2")).problems().get(0).message());
    assertEquals("--set training.patience=2: unknown key \"patience\"; \"patience\" is a key of"
        + " training.early-stopping", assertThrows(ConfigException.class, () -> read("training.patience=2"))
            .problems().get(0).message());
    // a list under a plugin that does not read the key: refused for its type, and placed too
    ConfigException weights = assertThrows(ConfigException.class, () -> Resources.reader().read(FILE
        + "training: {epochs: 3}\n", "file.yaml", Path.of("/exp"), List.of("loss={name: squared, class-weights: [1, 2]}")));
    assertTrue(weights.problems().get(0).message().endsWith("found a list (from --set loss={name: squared,"
        + " class-weights: [1, 2]}); \"class-weights\" is a key of training"), weights.problems().toString());
  }

  /**
   * A problem found after the file is read still names the --set that gave the value: a late check's position
   * carries the override (a layer's width against the data), and a monitor a --set gave is placed at it, not at the
   * line of the file's early-stopping mapping it replaced.
   */
  @Test
  void aProblemFoundLaterNamesTheSetThatGaveTheValue() {
    LayerSpec input = read("network.layers[0].units=3").network().layers().get(0);
    ConfigProblem placed = input.where().place(ConfigProblem.of(ProblemId.SHAPE_MISMATCH, "units",
        "the input layer has 3 units, but the data has 64 features", "64 or auto"));
    assertEquals("the input layer has 3 units, but the data has 64 features (from --set network.layers[0].units=3)",
        placed.message());
    assertEquals(0, placed.line());

    ConfigException e = assertThrows(ConfigException.class, () -> Resources.reader().read(FILE
        + "training: {epochs: 5, early-stopping: {patience: 3, monitor: val-loss}}\n", "file.yaml", Path.of("/exp"),
        List.of("data.validation.split=0.2", "training.early-stopping.monitor=val-accuracy")));
    ConfigProblem monitor = e.problems().get(0);
    assertEquals("training.early-stopping.monitor", monitor.path());
    assertEquals(0, monitor.line());
    assertEquals("val-accuracy is a classification's figure, but the task is regression (from --set"
        + " training.early-stopping.monitor=val-accuracy)", monitor.message());
  }

  /** A Cyrillic "е" in a key given by --set is told and matched as in a file, not refused as a malformed path. */
  @Test
  void aKeyWithALookAlikeLetterIsNamedAndGetsItsSuggestion() {
    ConfigException e = assertThrows(ConfigException.class, () -> read("training.\u0435pochs=3"));

    ConfigProblem p = e.problems().get(0);
    assertEquals(ProblemId.BAD_OVERRIDE, p.id());
    assertEquals("--set training.\u0435pochs=3: unknown key \"\u0435pochs\" (its \"\u0435\" is U+0435 CYRILLIC SMALL"
        + " LETTER IE, not an ASCII letter)", p.message());
    assertEquals(List.of("epochs"), p.suggestions());
  }

  @Test
  void anOverrideIntoANumberIsABadOverride() {
    ConfigException e = assertThrows(ConfigException.class, () -> read("network.layers[1].units.x=3"));

    assertEquals(
        "cannot apply --set network.layers[1].units.x=3: network.layers[1].units is 16, which has no keys",
        e.problems().get(0).message());
  }

  /** A key path that cannot be read says what in it is wrong, before the form it must take. */
  @Test
  void anUnreadableKeyPathSaysWhatIsWrongInIt() {
    String form = "expected key.path=value, e.g. optimizer.learning-rate=0.1 or network.layers[1].units=32";
    java.util.Map<String, String> said = new java.util.LinkedHashMap<>();
    said.put("network.layers[-1].units=3", "the index [-1] is not a whole number from 0 (a list's first entry is [0])");
    said.put("network.layers[a].units=3", "the index [a] is not a whole number from 0 (a list's first entry is [0])");
    said.put("training..epochs=3", "two dots with no key between them");
    said.put("training.=3", "the key path ends with a dot");
    said.put(".training=3", "the key path starts with a dot");
    said.put("=3", "no key before '='");
    said.put("training.epochs", "no '=value' after the key");
    said.put("training.ep ochs=3", "the key \"ep ochs\" holds U+0020 SPACE, and a key holds letters, digits, '-' and"
        + " '_'");
    said.put("training.\u00a0epochs=3", "the key \"\u00a0epochs\" holds U+00A0 NO-BREAK SPACE, and a key holds"
        + " letters, digits, '-' and '_'");
    said.put("training.epochs\u200b=3", "the key \"epochs\u200b\" holds U+200B ZERO WIDTH SPACE, and a key holds"
        + " letters, digits, '-' and '_'");
    said.put("training.ep/ochs=3", "the key \"ep/ochs\" holds '/', and a key holds letters, digits, '-' and '_'");
    said.forEach((override, reason) -> {
      ConfigException e = assertThrows(ConfigException.class, () -> read(override));
      assertEquals("cannot apply --set " + override + ": " + reason + "; " + form, e.problems().get(0).message());
    });
  }

  @Test
  void anOverrideValueThatIsNotYamlIsABadOverride() {
    ConfigException e = assertThrows(ConfigException.class, () -> read("loss={name: huber"));

    assertEquals(ProblemId.BAD_OVERRIDE, e.problems().get(0).id());
    assertEquals("loss", e.problems().get(0).path());
  }

  /**
   * A problem from a long override quotes its key path whole and cuts its value: cut as one text at 40
   * characters, "network.layers[1].activation=zz-create-t…" no longer showed the value given.
   */
  @Test
  void aLongOverrideIsQuotedWithItsWholeKeyPath() {
    String value = "{name: hard-tanh, min: 2, max: 1.5, extra: " + "y".repeat(20) + "}";
    assertEquals("network.layers[1].activation=" + value.substring(0, 40) + "…(" + value.length() + " characters)",
        NodeReader.quotedOverride("network.layers[1].activation=" + value));
    assertEquals("seed=3", NodeReader.quotedOverride("seed=3"));
  }
}
