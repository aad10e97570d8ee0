package dev.nn.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.data.Task;
import dev.nn.core.testing.FakePlugins;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.ProblemId;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ExperimentReaderTests {
  private static final Path DIR = Path.of("/exp/dir");

  private static Experiment read(String yaml, String... overrides) {
    return Resources.reader().read(yaml, "test.yaml", DIR, List.of(overrides));
  }

  private static List<ConfigProblem> problems(String yaml, String... overrides) {
    return assertThrows(ConfigException.class, () -> read(yaml, overrides)).problems();
  }

  private static final String MINIMAL =
      "data: {train: {source: generator, name: lecture-regression, samples: 100}}\n"
          + "network: {layers: [{units: 4}, {units: 1, activation: identity}]}\n"
          + "loss: squared\n";

  /**
   * A plugin setting written without a value takes the plugin's default, so a key the plugin does not read was taken
   * without a word: {name adam} (its ':' missing) trained sgd, beta11: passed. Each is an unknown setting now; a key the
   * plugin reads, without a value, is still its default.
   */
  @Test
  void aPluginKeyWithoutAValueThatThePluginDoesNotReadIsUnknown() {
    List<ConfigProblem> colon = problems(MINIMAL + "optimizer: {name adam, learning-rate: 0.05}");
    assertEquals(1, colon.size(), colon::toString);
    assertEquals("optimizer.name adam", colon.get(0).path());
    assertTrue(colon.get(0).message().contains("(is a ':' missing?)"), colon.get(0).message());
    assertEquals(List.of("name"), colon.get(0).suggestions());
    List<ConfigProblem> typo = problems(MINIMAL.replace("loss: squared", "loss: {name: huber, deltaa: }"));
    assertEquals(List.of("loss.deltaa"), typo.stream().map(ConfigProblem::path).toList());
    assertEquals(List.of("delta"), typo.get(0).suggestions());
    // valid, the plugin's default delta
    assertFalse(read(MINIMAL.replace("loss: squared", "loss: {name: huber, delta: }")).loss().settings()
        .containsKey("delta"));
  }

  /** A plugin setting given a list or a mapping is said of the plugin, with the settings it reads. */
  @Test
  void aListGivenAsAPluginSettingNamesThePluginAndItsSettings() {
    List<ConfigProblem> p = problems(MINIMAL.replace("loss: squared", "loss: {name: huber, delta: [1, 2]}"));
    assertEquals(1, p.size(), p::toString);
    assertEquals(ProblemId.WRONG_TYPE, p.get(0).id());
    assertEquals("loss.delta", p.get(0).path());
    assertEquals("setting \"delta\" of loss \"huber\" takes one value (a number, a word or true/false), found a list",
        p.get(0).message());
    assertTrue(p.get(0).allowed().contains("delta"), p.get(0).allowed());
  }

  /** An unknown generator is one of the file's problems, reported with the others and the names there are. */
  @Test
  void anUnknownGeneratorIsReportedWithTheFilesOtherProblems() {
    List<ConfigProblem> all = problems(MINIMAL.replace("name: lecture-regression", "name: xorr")
        + "optimizer: {name: sgd, learning-rate: -1}\n");
    assertEquals(List.of("data.train.name", "optimizer.learning-rate"), all.stream().map(ConfigProblem::path).toList());
    assertEquals(ProblemId.UNKNOWN_GENERATOR, all.get(0).id());
    assertEquals("unknown generator \"xorr\"", all.get(0).message());
    assertEquals("lecture-regression, sine, spirals, xor", all.get(0).allowed());
    assertEquals(List.of("xor"), all.get(0).suggestions());
  }

  @Test
  void theLectureExampleReadsToTheRecordsItDescribes() throws IOException {
    Path file = Resources.path("good/lecture.yaml");
    Experiment e = Resources.reader().read(file, List.of());

    assertEquals("lecture-regression", e.name());
    assertEquals(7, e.seed());
    SourceSpec.Generator g = (SourceSpec.Generator) e.data().train();
    assertEquals("lecture-regression", g.generator().name());
    assertEquals(Map.of("inputs", 16), g.generator().settings());
    assertEquals(20000, g.samples());
    assertEquals(new HoldOut.Split(0.1), e.data().validation());
    assertEquals(new HoldOut.Split(0.2), e.data().test());
    assertTrue(e.data().standardize());

    List<LayerSpec> layers = e.network().layers();
    assertEquals(4, layers.size());
    assertTrue(layers.get(0).isAuto());
    assertEquals(Optional.empty(), layers.get(0).activation());
    assertEquals(64, layers.get(1).units());
    assertEquals("sigmoid", layers.get(1).activation().orElseThrow().name());
    PluginRef leaky = layers.get(2).activation().orElseThrow();
    assertEquals("leaky-relu", leaky.name());
    assertEquals(Map.of("slope", 0.1), leaky.settings());
    assertEquals(12, leaky.where().line());
    assertEquals(31, leaky.where().column());
    assertEquals("network.layers[2].activation", leaky.where().path());
    assertEquals(1, layers.get(3).units());
    assertEquals("xavier-uniform", e.network().init().name());
    assertEquals(List.of(), e.network().ties());

    assertEquals("squared", e.loss().name());
    assertEquals(16, e.loss().where().line());
    assertEquals("sgd", e.optimizer().optimizer().name());
    assertEquals(0.01, e.optimizer().learningRate());
    assertEquals(new ScheduleSpec.Constant(), e.optimizer().schedule());
    assertEquals(0.0, e.l2());
    assertEquals(
        new TrainingSpec(20, 1, true, Optional.of(new EarlyStopping(3, Monitor.VAL_LOSS, 0.0)), 1,
            10, Optional.empty()), e.training());
    assertEquals(new ComputeSpec(Backend.AUTO, 2), e.compute());
    assertEquals(file.getParent().resolve("runs"), e.output().dir().resolved());
    assertEquals("runs", e.output().dir().written());
  }

  @Test
  void everyOmittedKeyTakesItsDocumentedDefault() {
    Experiment e = read(MINIMAL);

    assertEquals("test", e.name());
    assertEquals(42, e.seed());
    assertEquals(new HoldOut.Split(0.1), e.data().validation());
    assertEquals(new HoldOut.Split(0.0), e.data().test());
    assertTrue(e.data().standardize());
    assertEquals("xavier-uniform", e.network().init().name());
    assertEquals("sgd", e.optimizer().optimizer().name());
    assertEquals(0.01, e.optimizer().learningRate());
    assertEquals(new ScheduleSpec.Constant(), e.optimizer().schedule());
    assertEquals(0.0, e.l2());
    assertEquals(new TrainingSpec(20, 1, true, Optional.empty(), 1, 10, Optional.empty()), e.training());
    assertEquals(new ComputeSpec(Backend.AUTO, 2), e.compute());
    assertEquals(Path.of("/exp/dir/runs"), e.output().dir().resolved());
  }

  @Test
  void theDefaultNameIsTheFileNameWithoutExtensionMadeFitForADirectory() {
    assertEquals("lecture-regression", ExperimentReader.defaultName("lecture-regression.yaml"));
    assertEquals("my-run.v2", ExperimentReader.defaultName("my run.v2.yml"));
    assertEquals("experiment", ExperimentReader.defaultName("%%.yaml"));
  }

  @Test
  void anIdxSourceTakesShardsAsListsOfOnePerImageFile() {
    String text = "data:\n"
        + "  train: {source: idx, images: [a1.gz, a2.gz], labels: [b1.gz, b2.gz]}\n"
        + "network: {layers: [{units: auto}, {units: auto, activation: identity}]}\n"
        + "loss: squared\n";
    SourceSpec.Idx idx = (SourceSpec.Idx) read(text).data().train();
    assertEquals(List.of(Path.of("/exp/dir/a1.gz"), Path.of("/exp/dir/a2.gz")),
        idx.images().stream().map(PathRef::resolved).toList());
    assertEquals(Path.of("/exp/dir/b2.gz"), idx.labels().get(1).resolved());

    ConfigException e = assertThrows(ConfigException.class, () -> read(text.replace("[b1.gz, b2.gz]", "[b1.gz]")));
    assertEquals("data.train.labels", e.problems().get(0).path());
    assertEquals("there are 2 image files but 1 label files", e.problems().get(0).message());
  }

  @Test
  void relativePathsResolveAgainstTheFilesDirectoryAndKeepTheirWrittenForm() {
    Experiment e =
        read(
            "data:\n"
                + "  train: {source: csv, path: data/diabetes.csv, task: classification}\n"
                + "  test: {source: idx, images: ../mnist/t10k-images.gz, labels: /abs/labels.gz, limit: 500}\n"
                + "network: {layers: [{units: auto}, {units: auto, activation: identity}]}\n"
                + "loss: squared\n"
                + "output: {dir: out}\n");

    SourceSpec.Csv csv = (SourceSpec.Csv) e.data().train();
    assertEquals("data/diabetes.csv", csv.path().written());
    assertEquals(Path.of("/exp/dir/data/diabetes.csv"), csv.path().resolved());
    assertEquals(List.of("last"), csv.targets());
    assertEquals(Task.CLASSIFICATION, csv.task());
    SourceSpec.Idx idx = (SourceSpec.Idx) ((HoldOut.FromSource) e.data().test()).source();
    assertEquals(Path.of("/exp/mnist/t10k-images.gz"), idx.images().get(0).resolved());
    assertEquals(Path.of("/abs/labels.gz"), idx.labels().get(0).resolved());
    assertEquals(OptionalInt.of(500), idx.limit());
    assertEquals(Path.of("/exp/dir/out"), e.output().dir().resolved());
    assertEquals(LayerSpec.AUTO, e.network().layers().get(1).units());
  }

  @Test
  void schedulesReadWithTheirSettingsAndDefaults() {
    assertEquals(
        new ScheduleSpec.Step(10, 0.1, ScheduleUnit.EPOCHS),
        read(MINIMAL + "optimizer: {name: sgd, schedule: {name: step, step-size: 10, unit: epochs}}").optimizer().schedule());
    assertEquals(
        new ScheduleSpec.Exponential(0.95, ScheduleUnit.UPDATES),
        read(MINIMAL + "optimizer: {name: sgd, schedule: {name: exponential, gamma: 0.95}}").optimizer().schedule());
    assertEquals(
        new ScheduleSpec.InverseTime(0.5, ScheduleUnit.UPDATES),
        read(MINIMAL + "optimizer: {name: sgd, schedule: {name: inverse-time, decay: 0.5}}").optimizer().schedule());
    assertEquals(
        new ScheduleSpec.Cosine(100, 0.001, ScheduleUnit.EPOCHS),
        read(MINIMAL + "optimizer: {name: sgd, learning-rate: 0.1, schedule: {name: cosine, period: 100, min-rate: 0.001, unit: epochs}}")
            .optimizer()
            .schedule());
  }

  /**
   * A top-level x- key holds what anchors name and is read by nothing; another unknown key is still one, and an x- key
   * below the top is a key like any other.
   */
  @Test
  void topLevelXKeysHoldAnchorsAndAreNotUnknown() {
    Experiment e = read("x-hidden: &hidden {units: 4, activation: tanh}\n"
        + "data: {train: {source: generator, name: lecture-regression, samples: 100}}\n"
        + "network: {layers: [{units: 4}, *hidden, *hidden, {units: 1, activation: identity}]}\n"
        + "loss: squared\n");
    assertEquals(4, e.network().layers().size());
    // an override of an x- key the file writes goes through its aliases; of one it does not write, refused
    Experiment wider = read("x-hidden: &hidden {units: 4, activation: tanh}\n"
        + "data: {train: {source: generator, name: lecture-regression, samples: 100}}\n"
        + "network: {layers: [{units: 4}, *hidden, {units: 1, activation: identity}]}\n"
        + "loss: squared\n", "x-hidden.units=8");
    assertEquals(8, wider.network().layers().get(1).units());
    // the whole value, as a --sweep gives it, goes through the aliases too; one of another kind is refused
    Experiment whole = read("x-hidden: &hidden {units: 4, activation: tanh}\n"
        + "data: {train: {source: generator, name: lecture-regression, samples: 100}}\n"
        + "network: {layers: [{units: 4}, *hidden, {units: 1, activation: identity}]}\n"
        + "loss: squared\n", "x-hidden={units: 6, activation: relu}");
    assertEquals(6, whole.network().layers().get(1).units());
    List<ConfigProblem> scalar = problems("x-hidden: &hidden {units: 4, activation: tanh}\n"
        + "data: {train: {source: generator, name: lecture-regression, samples: 100}}\n"
        + "network: {layers: [{units: 4}, *hidden, {units: 1, activation: identity}]}\n"
        + "loss: squared\n", "x-hidden=5");
    assertTrue(scalar.get(0).message().contains("x-hidden is a mapping, which its aliases share"), scalar.toString());
    List<ConfigProblem> typo = problems(MINIMAL, "x-hiden.units=8");
    assertEquals(1, typo.size(), typo::toString);
    assertTrue(typo.get(0).message().contains("the experiment has no key \"x-hiden\""), typo.get(0).message());
    assertEquals(List.of("y-hidden: unknown key \"y-hidden\"", "training.x-note: unknown key \"x-note\""),
        texts(problems(MINIMAL + "y-hidden: 1\ntraining: {x-note: 1}\n")));
  }

  /** A number tagged another type than it reads as is said to be tagged so: "expected an integer, found 1" was all. */
  @Test
  void aNumberTaggedAnotherTypeIsSaidToBeTagged() {
    List<ConfigProblem> p = problems(MINIMAL + "training: {epochs: !!float 1}");
    assertEquals(List.of("training.epochs: expected an integer >= 1, found 1 tagged !!float (drop the tag)"), texts(p));    // !!null on a number made it nothing, and the default was trained
    assertEquals(List.of("training.epochs: tag !!null makes 2 nothing, as if the key were not written; drop the tag"),
        texts(problems(MINIMAL + "training: {epochs: !!null 2}")));
    assertEquals(List.of("loss: tag !!null makes squared nothing, as if the key were not written; drop the tag"),
        texts(problems(MINIMAL.replace("loss: squared", "loss: !!null squared"))), "said once, not also missing");
    assertEquals(List.of("training: tag !!null makes a mapping nothing, as if the key were not written; drop the tag"),
        texts(problems(MINIMAL + "training: !!null {epochs: 3}")));
    // on nothing (~) it is what it says: the default
    assertEquals(read(MINIMAL).training().epochs(), read(MINIMAL + "training: {epochs: !!null ~}").training().epochs());
  }

  @Test
  void scheduleSettingsOutsideTheirRangesAreEachReported() {
    List<ConfigProblem> p =
        problems(MINIMAL + "optimizer: {name: sgd, learning-rate: 0.1, schedule: {name: step, step-size: 0, gamma: 1.5, unit: hours}}");

    assertEquals(3, p.size());
    assertEquals("optimizer.schedule.step-size: must be >= 1, found 0", text(p.get(0)));
    assertEquals("optimizer.schedule.gamma: must be in (0, 1], found 1.5", text(p.get(1)));
    assertEquals("optimizer.schedule.unit: unknown unit \"hours\"", text(p.get(2)));
    assertEquals("updates, epochs", p.get(2).allowed());
  }

  @Test
  void aCosineFloorAboveTheLearningRateIsOutOfRange() {
    List<ConfigProblem> p =
        problems(MINIMAL + "optimizer: {name: sgd, learning-rate: 0.01, schedule: {name: cosine, period: 5, min-rate: 0.1}}");

    assertEquals(List.of("optimizer.schedule.min-rate: must be <= learning-rate 0.01, found 0.1"), texts(p));
  }

  @Test
  void aBareScheduleNameStillNeedsItsRequiredSettings() {
    List<ConfigProblem> p = problems(MINIMAL + "optimizer: {name: sgd, schedule: exponential}");

    assertEquals(List.of("optimizer.schedule.gamma: missing key \"gamma\""), texts(p));
    assertEquals(ProblemId.MISSING_KEY, p.get(0).id());
  }

  @Test
  void optimizerSettingsOtherThanTheCoreKeysGoToThePlugin() {
    Experiment e = read(MINIMAL + "optimizer: {name: adam, learning-rate: 1.0e-3, beta1: 0.8, epsilon: 1e-7}");

    assertEquals("adam", e.optimizer().optimizer().name());
    assertEquals(0.001, e.optimizer().learningRate());
    assertEquals(Map.of("beta1", 0.8, "epsilon", 1.0e-7), e.optimizer().optimizer().settings());
  }

  @Test
  void earlyStoppingIsOffWhenFalseAndTakesDefaultsWhenTrue() {
    assertEquals(Optional.empty(), read(MINIMAL + "training: {early-stopping: false}").training().earlyStopping());
    assertEquals(
        Optional.of(new EarlyStopping(3, Monitor.VAL_LOSS, 0.0)),
        read(MINIMAL + "training: {early-stopping: true}").training().earlyStopping());
    assertEquals(
        Optional.of(new EarlyStopping(5, Monitor.VAL_ACCURACY, 0.01)),
        read(MINIMAL + "training: {early-stopping: {patience: 5, monitor: val-accuracy, min-delta: 0.01}}")
            .training()
            .earlyStopping());
  }

  @Test
  void earlyStoppingIsABooleanOrAMapping() {
    List<ConfigProblem> p = problems(MINIMAL + "training: {early-stopping: maybe}");

    assertEquals(
        List.of("training.early-stopping: expected true, false or {patience: ..., monitor: ..., min-delta: ...}, found \"maybe\""),
        texts(p));
    assertEquals(ProblemId.WRONG_TYPE, p.get(0).id());
  }

  private static final String CSV_TARGETS =
      "data: {train: {source: csv, path: data/linnerud.csv, target: TARGET, task: TASK}}\n"
          + "network: {layers: [{units: auto}, {units: auto, activation: identity}]}\n"
          + "loss: squared\n";

  @Test
  void aRegressionCsvSourceTakesAListOfTargetColumnsInTheOrderWritten() {
    Experiment e = read(CSV_TARGETS.replace("TARGET", "[pulse, weight, 5]").replace("TASK", "regression"));

    assertEquals(List.of("pulse", "weight", "5"), ((SourceSpec.Csv) e.data().train()).targets());
  }

  @Test
  void aListOfTargetsForClassificationAnEmptyListAndATargetListedTwiceAreReportedWhereWritten() {
    assertEquals(List.of("data.train.target: classification reads its classes from one column, found a list"),
        texts(problems(CSV_TARGETS.replace("TARGET", "[a, b]").replace("TASK", "classification"))));
    assertEquals(List.of("data.train.target: the list of target columns is empty"),
        texts(problems(CSV_TARGETS.replace("TARGET", "[]").replace("TASK", "regression"))));
    List<ConfigProblem> twice = problems(CSV_TARGETS.replace("TARGET", "[a, b, a]").replace("TASK", "regression"));
    assertEquals(List.of("data.train.target[2]: the target column \"a\" is listed twice"), texts(twice));
    assertEquals(1, twice.get(0).line());
    assertEquals(List.of("data.train.target[0]: expected a column name, found a mapping"),
        texts(problems(CSV_TARGETS.replace("TARGET", "[{a: 1}]").replace("TASK", "regression"))));
  }

  @Test
  void standardizeTargetsIsOffUnlessSetAndAppliesToRegressionAlone() {
    assertNull(read(MINIMAL).data().standardizeTargets(), "not said: the targets as they are, advice allowed");
    assertFalse(read(MINIMAL.replace("samples: 100}}", "samples: 100}, standardize-targets: false}")).data()
        .standardizesTargets());
    String regression = CSV_TARGETS.replace("TARGET", "[pulse, weight]").replace("TASK", "regression")
        .replace("task: regression}}", "task: regression}, standardize-targets: true}");
    assertTrue(read(regression).data().standardizesTargets());
    List<ConfigProblem> classes = problems(CSV_TARGETS.replace("TARGET", "last").replace("TASK", "classification")
        .replace("task: classification}}", "task: classification}, standardize-targets: true}"));
    assertEquals(List.of("data.standardize-targets: standardize-targets applies to regression; a classifier's targets"
        + " are classes"), texts(classes));
    assertEquals(1, classes.get(0).line());
    assertEquals(List.of("data.standardize-targets: standardize-targets applies to regression; a reconstruction's"
        + " targets are its inputs, which data.standardize standardizes"),
        texts(problems(CSV_TARGETS.replace("TARGET", "last").replace("TASK", "reconstruction")
            .replace("task: reconstruction}}", "task: reconstruction}, standardize-targets: true}"))));
    assertTrue(read(regression + "distributed: {master: \"local[2]\"}\n").data().standardizesTargets(),
        "a csv source's targets are standardized alike on Spark");
    assertEquals(List.of("data.standardize-targets: expected true or false, found \"yes please\""),
        texts(problems(MINIMAL.replace("samples: 100}}", "samples: 100}, standardize-targets: yes please}"))));
  }

  @Test
  void earlyStoppingWithoutValidationDataIsReported() {
    List<ConfigProblem> p = problems(MINIMAL.replace("samples: 100}", "samples: 100}, validation: {split: 0}") + "training: {early-stopping: true}");

    assertEquals(List.of("training.early-stopping: early stopping needs validation data, but data.validation.split is 0"), texts(p));
  }

  @Test
  void splitsThatLeaveNoTrainingSamplesAreReported() {
    List<ConfigProblem> p = problems(MINIMAL.replace("samples: 100}", "samples: 100}, validation: {split: 0.5}, test: {split: 0.5}"));

    assertEquals(
        List.of("data.test.split: validation.split + test.split must be < 1 so that samples remain for training, found 0.5 + 0.5"),
        texts(p));
  }

  @Test
  void aFusedLossNeedsAnIdentityOutputLayer() {
    List<ConfigProblem> p =
        problems(MINIMAL.replace("activation: identity", "activation: sigmoid").replace("loss: squared", "loss: softmax-cross-entropy"));

    assertEquals(
        List.of(
            "network.layers[1].activation: loss \"softmax-cross-entropy\" computes its own output link and needs an identity"
                + " output layer, found sigmoid"),
        texts(p));
  }

  /**
   * A reference with a default plugin may be given as a mapping without its name, in the file or by --set: it
   * names the default (sgd), as an absent optimizer does. It was refused as a missing name, so that --set
   * optimizer.learning-rate=… failed on every experiment without an optimizer section. An emptied name is still
   * reported, and so is a loss's, which has no default.
   */
  @Test
  void aMappingWithoutANameNamesTheDefaultPlugin() {
    Experiment set = read(MINIMAL, "optimizer.learning-rate=0.001");
    assertEquals("sgd", set.optimizer().optimizer().name());
    assertEquals(0.001, set.optimizer().learningRate());
    Experiment written = read(MINIMAL + "optimizer: {learning-rate: 0.1}\n");
    assertEquals("sgd", written.optimizer().optimizer().name());
    assertEquals(0.1, written.optimizer().learningRate());
    assertEquals(List.of("optimizer.name: key \"name\" has no value (from --set optimizer.name=)"),
        texts(problems(MINIMAL + "optimizer: {name: adam, learning-rate: 0.1}\n", "optimizer.name=")));
    assertEquals(List.of("loss.name: missing key \"name\""),
        texts(problems(MINIMAL.replace("loss: squared", "loss: {delta: 2}"))));
  }

  /**
   * A loss that is not fused may refuse an output activation too: the problem says so, and allows what the loss
   * accepts of the installed activations (it said "computes its own output link", allowing identity, which this
   * loss refuses as well).
   */
  @Test
  void aLossThatRefusesAnOutputActivationAllowsWhatItAccepts() {
    List<ConfigProblem> p = problems(MINIMAL.replace("loss: squared", "loss: bounded-only"));

    assertEquals(List.of("network.layers[1].activation: loss \"bounded-only\" does not accept the output activation it"
        + " would follow, found identity"), texts(p));
    assertEquals("sigmoid, tanh", p.get(0).allowed());
    assertEquals("identity", problems(MINIMAL.replace("activation: identity", "activation: sigmoid")
        .replace("loss: squared", "loss: softmax-cross-entropy")).get(0).allowed());
  }

  @Test
  void threadsAutoStandsForTheProcessorCountTheReaderWasGiven() {
    ExperimentReader four = new ExperimentReader(FakePlugins.lookup(), Path.of("/"), 4);

    assertEquals(4, four.read(MINIMAL + "compute: {threads: auto}", "x.yaml", DIR, List.of()).compute().threads());
    assertEquals(3, four.read(MINIMAL + "compute: {threads: 3, backend: blas}", "x.yaml", DIR, List.of()).compute().threads());
  }

  @Test
  void tiesReadIntoRecordsWithLectureNumbering() {
    Experiment e =
        read(
            "data: {train: {source: generator, name: xor, samples: 10}}\n"
                + "network:\n"
                + "  layers: [{units: 4}, {units: 3, activation: relu}, {units: 4, activation: relu}, {units: 2, activation: identity}]\n"
                + "  ties:\n"
                + "    - share: ['layers[1].W[0][2]', 'layers[2].b[3]']\n"
                + "    - {tie: 'layers[2].W', to: 'layers[1].W', transpose: true}\n"
                + "    - absent: ['layers[3].W[1][0..1]', 'layers[3].W[*][0]']\n"
                + "loss: squared\n");

    List<TieSpec> ties = e.network().ties();
    assertEquals(3, ties.size());
    TieSpec.ShareGroup share = (TieSpec.ShareGroup) ties.get(0);
    ParamRef w = share.members().get(0);
    assertEquals(1, w.layer());
    assertEquals(ParamKind.W, w.kind());
    assertEquals(Span.of(0), w.i());
    assertEquals(Span.of(2), w.j());
    ParamRef b = share.members().get(1);
    assertEquals(ParamKind.B, b.kind());
    assertEquals(Span.of(3), b.j());
    TieSpec.BlockTie block = (TieSpec.BlockTie) ties.get(1);
    assertTrue(block.transpose());
    assertTrue(block.tie().isWholeBlock());
    assertEquals("layers[1].W", block.to().toString());
    TieSpec.Absent absent = (TieSpec.Absent) ties.get(2);
    assertEquals(new Span(0, 1), absent.params().get(0).j());
    assertEquals("layers[3].W[1][0..1]", absent.params().get(0).toString());
    assertEquals(Span.all(), absent.params().get(1).i());
    assertEquals("layers[3].W[*][0]", absent.params().get(1).toString());
    assertEquals(7, absent.params().get(1).where().line());
    assertEquals("network.ties[2].absent[1]", absent.params().get(1).where().path());
  }

  @Test
  void aYamlNullMeansTheDefault() {
    Experiment e = read(MINIMAL + "seed: ~\ntraining:\n  epochs:\n");

    assertEquals(42, e.seed());
    assertEquals(20, e.training().epochs());
  }

  @Test
  void anchorsAndMergeKeysAreAllowed() {
    Experiment e =
        read(
            "data: {train: {source: generator, name: xor, samples: 10}}\n"
                + "network:\n  layers:\n    - {units: 2}\n    - &h {units: 8, activation: relu}\n    - {<<: *h, units: 3}\n"
                + "loss: squared\n");

    assertEquals(3, e.network().layers().get(2).units());
    assertEquals("relu", e.network().layers().get(2).activation().orElseThrow().name());
  }

  @Test
  void numbersMayBeQuotedOrWrittenWithUnderscores() {
    Experiment e = read(MINIMAL.replace("samples: 100", "samples: 1_000") + "optimizer: {name: sgd, learning-rate: \"0.5\"}\ntraining: {epochs: \"7\"}\n");

    assertEquals(1000, ((SourceSpec.Generator) e.data().train()).samples());
    assertEquals(0.5, e.optimizer().learningRate());
    assertEquals(7, e.training().epochs());
  }

  /**
   * A number with a leading zero is refused wherever a number is read — a key of nn's, an override, a plugin's
   * setting — since YAML 1.1 would read {@code epochs: 010} as 8; quoted, it is the decimal string it shows.
   */
  @Test
  void aNumberWithALeadingZeroIsRefusedRatherThanReadAsOctal() {
    List<ConfigProblem> p = problems(MINIMAL.replace("samples: 100", "samples: 0100")
        + "optimizer: {name: adam, learning-rate: 0.5, beta1: 00}\ntraining: {epochs: 010}\n", "seed=-017");
    assertEquals(List.of("seed", "data.train.samples", "optimizer.beta1", "training.epochs"),
        p.stream().map(ConfigProblem::path).toList());
    assertEquals(List.of(ProblemId.WRONG_TYPE), p.stream().map(ConfigProblem::id).distinct().toList());
    assertEquals("010 has a leading zero, which YAML 1.1 reads as the octal number 8 and YAML 1.2 as 10; write the"
        + " number without it", p.get(3).message());
    assertEquals("a number without leading zeros (10)", p.get(3).allowed());
    assertEquals("-017 has a leading zero, which YAML 1.1 reads as the octal number -15 and YAML 1.2 as -17; write"
        + " the number without it (from --set seed=-017)", p.get(0).message());
    assertEquals(5, p.get(3).line());
    Experiment quoted = read(MINIMAL + "training: {epochs: \"010\"}\n", "seed=0");
    assertEquals(10, quoted.training().epochs());
    assertEquals(0, quoted.seed(), "a lone 0 is no padding");
  }

  @Test
  void moreThanOneDocumentIsASyntaxProblem() {
    List<ConfigProblem> p = problems(MINIMAL + "---\nseed: 1\n");

    assertEquals(ProblemId.YAML_SYNTAX, p.get(0).id());
    assertEquals(4, p.get(0).line());
  }

  @Test
  void aTabIndentIsASyntaxProblemAtItsLine() {
    List<ConfigProblem> p = problems(MINIMAL + "training:\n\tepochs: 3\n");

    assertEquals(1, p.size());
    assertEquals(ProblemId.YAML_SYNTAX, p.get(0).id());
    assertEquals(5, p.get(0).line());
    assertEquals(1, p.get(0).column());
  }

  @Test
  void anEmptyDocumentLacksEveryRequiredKey() {
    List<ConfigProblem> p = problems("# nothing yet\n");

    assertEquals(List.of("data: missing key \"data\"", "network: missing key \"network\"", "loss: missing key \"loss\""), texts(p));
  }

  @Test
  void checkpointMinutesTakeOffOrANumberAbove0() {
    assertEquals(0.5, read(MINIMAL + "training: {checkpoint-minutes: 0.5}\n").training().checkpointMinutes());
    assertEquals(Double.POSITIVE_INFINITY, read(MINIMAL + "training: {checkpoint-minutes: off}\n").training()
        .checkpointMinutes());
    assertEquals(Double.POSITIVE_INFINITY, read(MINIMAL, "training.checkpoint-minutes=off").training()
        .checkpointMinutes());
    // out of range, the word it also takes is told with the range
    List<ConfigProblem> zero = problems(MINIMAL + "training: {checkpoint-minutes: 0}\n");
    assertEquals(List.of("training.checkpoint-minutes: must be off, or a number of minutes > 0 such as 10 or 0.5,"
        + " found 0"), texts(zero));
    assertEquals("off, or a number of minutes > 0 such as 10 or 0.5", zero.get(0).allowed());
    List<ConfigProblem> word = problems(MINIMAL + "training: {checkpoint-minutes: never}\n");
    assertEquals(List.of("training.checkpoint-minutes: expected off, or a number of minutes > 0 such as 10 or 0.5,"
        + " found \"never\""), texts(word));
    assertEquals(ProblemId.WRONG_TYPE, word.get(0).id());
    assertEquals(List.of("training.checkpoint-minutes: expected off, or a number of minutes > 0 such as 10 or 0.5,"
        + " found a list"), texts(problems(MINIMAL + "training: {checkpoint-minutes: [1]}\n")));
  }

  static String text(ConfigProblem p) {
    return p.path() + ": " + p.message();
  }

  static List<String> texts(List<ConfigProblem> ps) {
    return ps.stream().map(ExperimentReaderTests::text).toList();
  }
}
