package dev.nn.tests.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The catalogue of faults a user can make, each driven through the real command line in this JVM: every bad
 * input exits with 2 and one message that says what is wrong — the expected words appear once, no stack
 * trace, no "bug in nn" — and leaves the directory it ran in as it was; a valid input exits with 0.
 *
 * <p>To add a fault, add one line to {@link #cases()}: a name, the exit code, words the message must contain,
 * and the arguments. In the arguments {@code {xor}} is the XOR example, {@code {model}} a trained model (and
 * {@code {run}} its finished run directory),
 * {@code {dir}} the case's own empty directory, {@code {out}} a directory in it that must not appear, and
 * {@code {NAME}} for a key of {@link #FILES} that file, written into the case's directory first.
 */
class FaultCatalogueTests {
  /** The examples, from nn-tests, where the tests run. */
  private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

  /** Files the cases name as {@code {NAME}}; written into each case's directory. */
  private static final Map<String, String> FILES = Map.ofEntries(
      Map.entry("misspelt.yaml", experiment("training: {epochs: 2, batch-sise: 8}")),
      Map.entry("epochs-word.yaml", experiment("training: {epochs: many}")),
      Map.entry("unknown-activation.yaml", experiment("").replace("activation: tanh", "activation: tanhh")),
      Map.entry("unknown-generator.yaml", experiment("").replace("name: xor", "name: xorr")),
      Map.entry("bad-yaml.yaml", "name: x\ndata: {train: [\n"),
      Map.entry("missing-csv.yaml", csvExperiment("no-such.csv")),
      Map.entry("bad-row.yaml", csvExperiment("bad-row.csv")),
      Map.entry("bad-row.csv", "a,b,y\n1,2,0\n3,x,1\n"),
      Map.entry("no-target.yaml", csvExperiment("no-target.csv")),
      Map.entry("no-target.csv", "a,b,c\n1,2,0\n3,4,1\n"),
      Map.entry("rows.csv", "x1,x2\n0,1\n1,0\n"),
      Map.entry("patients.csv", "patient,x1,x2,xor\np1,0,1,1\np2,1,1,0\np3,1,0,1\n"),
      Map.entry("not-a-model.nnm", "this is not a model\n"),
      Map.entry("java-number.yaml", csvExperiment("java-number.csv")),
      Map.entry("java-number.csv", "a,b,y\n1,101d,0\n3,4,1\n"),
      Map.entry("long-header.yaml", csvExperiment("long-header.csv")),
      Map.entry("columns.csv", "width,height,y\n1,2,0\n3,4,1\n"),
      Map.entry("unknown-feature.yaml", csvExperiment("columns.csv", ", features: [width, hieght]")),
      Map.entry("weighted.csv", "a,b,w,y\n1,2,1,0\n3,4,0.5,1\n5,6,2,0\n"),
      Map.entry("unknown-weight.yaml", csvExperiment("weighted.csv", ", weight: weigth")),
      Map.entry("weight-feature.yaml", csvExperiment("weighted.csv", ", weight: w, features: [a, w]")),
      Map.entry("weight-target.yaml", csvExperiment("weighted.csv", ", weight: y")),
      Map.entry("weight-list.yaml", csvExperiment("weighted.csv", ", weight: [w]")),
      Map.entry("negative-weight.yaml", csvExperiment("negative-weight.csv", ", weight: w")),
      Map.entry("negative-weight.csv", "a,b,w,y\n1,2,1,0\n3,4,-0.5,1\n"),
      Map.entry("nan-weight.yaml", csvExperiment("nan-weight.csv", ", weight: w")),
      Map.entry("nan-weight.csv", "a,b,w,y\n1,2,1,0\n3,4,NaN,1\n"),
      Map.entry("word-weight.yaml", csvExperiment("word-weight.csv", ", weight: w")),
      Map.entry("word-weight.csv", "a,b,w,y\n1,2,heavy,0\n3,4,1,1\n"),
      Map.entry("missing-weight.yaml", csvExperiment("missing-weight.csv", ", weight: w, missing: mean")),
      Map.entry("missing-weight.csv", "a,b,w,y\n1,2,1,0\n3,4,,1\n"),
      Map.entry("zero-weights.yaml", csvExperiment("zero-weights.csv", ", weight: w")),
      Map.entry("zero-weights.csv", "a,b,w,y\n1,2,0,0\n3,4,0,1\n"),
      Map.entry("one-output-squared.yaml", csvExperiment("columns.csv", ", task: classification")
          .replace("{units: auto, activation: identity}", "{units: 1, activation: sigmoid}")),
      Map.entry("bad-missing.yaml", csvExperiment("columns.csv", ", missing: skip")),
      Map.entry("stratified.yaml", csvExperiment("columns.csv", ", task: regression").replace("  validation:",
          "  stratify: true\n  validation:")),
      Map.entry("na.yaml", csvExperiment("na.csv", "")),
      Map.entry("na.csv", "a,b,y\n1,2,0\n3,NA,1\n"),
      Map.entry("wrong-separator.yaml", csvExperiment("columns.csv", ", separator: \";\"").replace("target: y",
          "target: last")),
      Map.entry("idx-one-class.yaml", idxExperiment("images.idx")),
      Map.entry("idx-truncated.yaml", idxExperiment("claims-huge.idx")),
      Map.entry("line-break.yaml", csvExperiment("line-break.csv", "")),
      Map.entry("line-break.csv", "a,b,y\n1,2,0\n3,\"0.3\n\",1\n"),
      Map.entry("no-break-space.yaml", csvExperiment("no-break-space.csv", "")),
      Map.entry("no-break-space.csv", "a,b,y\n1,2,0\n3,0.3\u00A0,1\n"),
      Map.entry("huge-target.yaml", csvExperiment("huge-target.csv", "")),
      Map.entry("huge-target.csv", "a,b,y\n1,2,0\n3,4,1e300\n5,6,1\n"),
      Map.entry("bad-quote.yaml", csvExperiment("bad-quote.csv", "")),
      Map.entry("bad-quote.csv", "a,b,y\n1,2,0\n\"3\"4,5,1\n"),
      Map.entry("long-header.csv", "a".repeat(1_100_000) + ",y\n1,0\n"),
      Map.entry("huge.yaml", "# " + "x".repeat(1_100_000) + "\n"),
      Map.entry("not-a-jar.jar", "this is not a jar\n"),
      Map.entry("latin1-data.yaml", csvExperiment("latin1.csv")),
      Map.entry("glass.csv", "ri,type\n1.5,1\n1.6,2\n1.7,3\n1.8,5\n1.9,6\n2.0,7\n"),
      Map.entry("glass.yaml", csvExperiment("glass.csv", ", task: classification").replace("target: y", "target: type")
          .replace("loss: squared", "loss: softmax-cross-entropy")),
      Map.entry("tabs.tsv", "sepal width, cm\tpetal width\tspecies\n3.5, 1\n"),
      Map.entry("tabs.yaml", csvExperiment("tabs.tsv", ", task: classification").replace("target: y",
          "target: species").replace("loss: squared", "loss: softmax-cross-entropy")),
      Map.entry("huge-spread.yaml", csvExperiment("huge-spread.csv")),
      Map.entry("huge-spread.csv", "a,b,y\n1.7e308,1,0\n-1.7e308,2,1\n1.7e308,3,0\n-1.7e308,4,1\n"),
      Map.entry("nan-feature.yaml", csvExperiment("nan-feature.csv")),
      Map.entry("nan-feature.csv", "a,b,y\n1,2,0\n3,NaN,1\n"),
      Map.entry("na-target.yaml", csvExperiment("na-target.csv")),
      Map.entry("na-target.csv", "a,b,y\n1,2,0\n3,4,NA\n"),
      Map.entry("percent.yaml", csvExperiment("percent.csv")),
      Map.entry("percent.csv", "a,b,y\n1,2,0\n3,12 %,1\n"),
      Map.entry("locale.yaml", csvExperiment("locale.csv")),
      Map.entry("locale.csv", "a,b,y\n1,2,0\n3,\"1 234,5\",1\n"),
      Map.entry("quoted-names.csv", "\"x1,x2\",t\n0.1,0.2\n"),
      Map.entry("sampels.yaml", experiment("").replace("samples: 40, noise: 0.1", "sampels: 40, noise: lots")),
      Map.entry("price-classes.yaml", csvExperiment("price-classes.csv", ", task: classification")
          .replace("loss: squared", "loss: softmax-cross-entropy")),
      Map.entry("price-classes.csv", "a,y\n1,215000\n2,189900\n"),
      Map.entry("misplaced-key.yaml", experiment("").replace("learning-rate: 0.1}", "learning-rate: 0.1, epochs: 3}")),
      Map.entry("damaged-gz.yaml", csvExperiment("damaged.csv.gz")));

  /** Files the cases name as {@code {NAME}} whose bytes are not UTF-8 text; written as they are. */
  private static final Map<String, byte[]> BYTE_FILES = Map.of(
      "images.idx", idxImages(20, 2, 3, 16 + 20 * 6),
      "claims-huge.idx", idxImages(20, 3000, 3000, 116),
      "labels-of-3.idx", idxLabels(20, 3),
      "latin1.csv", "a,b,y\n1,2,0\n3,caf\u00e9,1\n".getBytes(StandardCharsets.ISO_8859_1),
      "latin1.yaml", csvExperiment("columns.csv").replace("name: csv", "name: caf\u00e9")
          .getBytes(StandardCharsets.ISO_8859_1),
      "utf16.yaml", ("\uFEFF" + csvExperiment("columns.csv")).getBytes(StandardCharsets.UTF_16LE),
      "nul.yaml", csvExperiment("columns.csv").replace("name: csv", "name: c\u0000sv").getBytes(StandardCharsets.UTF_8),
      "damaged.csv.gz", damagedGzip());

  private static final String LONG_NAME = "n".repeat(150);

  static Stream<Arguments> cases() {
    return Stream.of(
        c("a valid experiment", 0, "is valid", "validate", "{xor}"),
        c("an unknown key", 2, "[nn/UnknownKey] training.batch-sise", "validate", "{misspelt.yaml}"),
        c("a word for a number", 2, "[nn/WrongType] training.epochs", "validate", "{epochs-word.yaml}"),
        c("YAML that does not parse", 2, "[nn/YamlSyntax]", "validate", "{bad-yaml.yaml}"),
        c("an unknown activation", 2, "[nn/UnknownPlugin]", "train", "{unknown-activation.yaml}", "--output", "{out}"),
        c("an unknown generator", 2, "[nn/UnknownGenerator]", "train", "{unknown-generator.yaml}", "--output", "{out}"),
        c("a missing experiment file", 2, "no such file; expected an experiment YAML file", "train", "{dir}/no.yaml"),
        c("a directory as experiment", 2, "is a directory; expected an experiment YAML file", "validate", "{dir}"),
        c("an unknown option", 2, "unknown option '--frobnicate' (an experiment's keys are given as --set KEY.PATH=VALUE, e.g."
            + " --set training.epochs=3); see nn train --help", "train", "{xor}", "--frobnicate"),
        c("an unknown command", 2, "unknown command \"trian\"; did you mean train?", "trian", "{xor}"),
        c("--set without a value", 2, "[nn/BadOverride]", "train", "{xor}", "--set", "training.epochs", "--output",
            "{out}"),
        c("--set of an unknown key", 2, "--set training.epoch=3", "train", "{xor}", "--set", "training.epoch=3",
            "--output", "{out}"),
        c("--set of a bad generator setting", 2, "(from --set data.train.noise=-1)", "train", "{xor}", "--set",
            "data.train.noise=-1", "--output", "{out}"),
        c("a missing CSV file", 2, "no-such.csv", "train", "{missing-csv.yaml}", "--output", "{out}"),
        c("a CSV row with a word", 2, "bad-row.csv", "train", "{bad-row.yaml}", "--output", "{out}"),
        c("a CSV file without the target", 2, "data.train.target (line ", "validate", "{no-target.yaml}"),
        c("a model given as the experiment", 2, "is a zip archive (it starts with PK), not an experiment YAML",
            "train", "{model}", "--output", "{out}"),
        c("a CSV file given as the experiment", 2, "looks like CSV data", "validate", "{no-target.csv}"),
        c("a --set output.dir whose parent is missing", 2, "a --set output.dir, as --output, makes only its last",
            "train", "{xor}", "--set", "output.dir={dir}/no/such"),
        c("one-hot of the target", 2, "is the target column; one-hot encodes feature columns", "validate",
            "{no-target.yaml}", "--set", "data.train.target=c", "--set", "data.one-hot=[c]"),
        c("a name too long for a directory", 2, "(150 characters)\" (from --set", "train", "{xor}", "--set", "name=" + LONG_NAME,
            "--output", "{out}"),
        c("10^9 hidden units", 2, "[nn/TooLarge] network.layers[1].units", "train", "{xor}", "--set",
            "network.layers[1].units=1000000000", "--output", "{out}"),
        c("a batch of 2*10^6 rows of 1,000 units", 2, "[nn/TooLarge] training.batch-size", "train", "{xor}", "--set",
            "training.batch-size=2000000", "--set", "data.train.samples=2000000", "--set",
            "network.layers[1].units=1000", "--output", "{out}"),
        c("a generated data set larger than the heap", 2, "NN_JAVA_OPTS=-Xmx", "validate", "{xor}", "--set",
            "data.train={source: generator, name: lecture-regression, inputs: 1000, samples: 2000000}",
            "--set", "loss=squared"),
        c("a generator's own size limit", 2, "do not fit in one array", "validate", "{xor}", "--set",
            "data.train={source: generator, name: lecture-regression, inputs: 100000, samples: 10000000}",
            "--set", "loss=squared"),
        c("dropout on the output layer", 2, "[nn/OutOfRange] network.layers[2].dropout", "train", "{xor}", "--set",
            "network.layers[2].dropout=0.5", "--output", "{out}"),
        c("a dropout rate of 1", 2, "must be in [0, 1), found 1", "validate", "{xor}", "--set",
            "network.layers[1].dropout=1"),
        c("a gradient clip of 0", 2, "[nn/OutOfRange] optimizer.clip-norm", "train", "{xor}", "--set",
            "optimizer.clip-norm=0", "--output", "{out}"),
        c("a warm-up of half an update", 2, "[nn/WrongType] optimizer.warmup", "train", "{xor}", "--set",
            "optimizer.warmup=0.5", "--output", "{out}"),
        c("a label smoothing of 1", 2, "[nn/InvalidSetting] loss.label-smoothing", "validate", "{xor}", "--set",
            "loss={name: softmax-cross-entropy, label-smoothing: 1}"),
        c("a class weight of 0", 2, "[nn/OutOfRange] training.class-weights[1]", "train", "{xor}", "--set",
            "training.class-weights=[1, 0]", "--output", "{out}"),
        c("class weights for three classes of two", 2, "3 weights for 2 classes (0, 1, in that order)", "train",
            "{xor}", "--set", "training.class-weights=[1, 2, 3]", "--output", "{out}"),
        c("class weights for a regression", 2, "[nn/OutOfRange] training.class-weights", "train", "{xor}", "--set",
            "training.class-weights=balanced", "--set",
            "data.train={source: generator, name: lecture-regression, samples: 50}", "--set", "loss=squared",
            "--output", "{out}"),
        c("early stopping on the accuracy of a stated regression", 2,
            "[nn/OutOfRange] training.early-stopping.monitor", "train", "{stratified.yaml}", "--set",
            "data.stratify=false", "--set", "data.validation={split: 0.5}", "--set",
            "training.early-stopping={monitor: val-accuracy}", "--output", "{out}"),
        c("early stopping on the accuracy of a generated regression", 2,
            "val-accuracy is a classification's figure, but generator lecture-regression", "train", "{xor}", "--set",
            "data.train={source: generator, name: lecture-regression, samples: 50}", "--set", "loss=squared", "--set",
            "data.validation={split: 0.2}", "--set", "training.early-stopping={monitor: val-accuracy}", "--output",
            "{out}"),
        c("a plateau on the accuracy of a generated regression", 2, "[nn/OutOfRange] optimizer.schedule.monitor",
            "train", "{xor}", "--set", "data.train={source: generator, name: lecture-regression, samples: 50}",
            "--set", "loss=squared", "--set", "data.validation={split: 0.2}", "--set",
            "optimizer.schedule={name: plateau, monitor: val-accuracy}", "--output", "{out}"),
        c("a plateau without validation data", 2, "the plateau schedule watches the validation figures", "validate",
            "{xor}", "--set", "optimizer.schedule=plateau"),
        c("a stratified regression, stated", 2, "[nn/OutOfRange] data.stratify", "train", "{stratified.yaml}",
            "--output", "{out}"),
        c("a stratified regression from a generator", 2, "data.stratify splits by class, but the task is regression",
            "train", "{xor}", "--set", "data.stratify=true", "--set",
            "data.train={source: generator, name: lecture-regression, samples: 50}", "--set", "data.test={split: 0.2}",
            "--set", "loss=squared", "--output", "{out}"),
        c("gradcheck of 10^9 hidden units", 2, "[nn/TooLarge] network.layers[1].units", "gradcheck", "{xor}",
            "--set", "network.layers[1].units=1000000000"),
        c("a model path with a NUL character", 2, "invalid value for positional parameter", "evaluate",
            "{dir}/m\0.nnm", "--data", "{rows.csv}"),
        c("a path with a NUL character", 2, "a path cannot hold a NUL character", "validate", "{dir}/x\0.yaml"),
        c("predict into its own input", 2, "is the same file as --input", "predict", "{model}", "--input",
            "{rows.csv}", "--output", "{dir}/./rows.csv"),
        c("predict into a missing folder", 2, "does not exist; create it first", "predict", "{model}", "--input",
            "{rows.csv}", "--output", "{out}/p.csv"),
        c("predict with a file that is not a model", 2, "not-a-model.nnm", "predict", "{not-a-model.nnm}",
            "--input", "{rows.csv}", "--output", "{dir}/p.csv"),
        c("train into a missing folder", 2, "does not exist; create it first", "train", "{xor}", "--output",
            "{out}/runs"),
        c("train into a file", 2, "is a file; expected a directory", "train", "{xor}", "--output", "{rows.csv}"),
        c("evaluate on a missing CSV", 2, "no-such.csv", "evaluate", "{model}", "--data", "{dir}/no-such.csv"),
        c("resume a directory that is no run", 2, "not a run directory", "train", "--resume", "{dir}"),
        c("resume with an experiment too", 2, "--resume continues a run", "train", "{xor}", "--resume", "{dir}"),
        c("a bench workload that does not exist", 2, "W99", "bench", "--workload", "W99"),
        c("a CSV value Java reads but CSV may not hold", 2, "\"101d\" is not a number; values are decimal numbers",
            "train", "{java-number.yaml}", "--output", "{out}"),
        c("one output on two classes with a loss of real targets", 2, "one output of 0/1 targets is for the losses"
            + " of class targets", "train", "{one-output-squared.yaml}", "--output", "{out}"),
        c("an unknown feature column", 2, "column \"hieght\" is not in the header of columns.csv", "validate",
            "{unknown-feature.yaml}"),
        c("an unknown missing-value policy", 2, "skip", "validate", "{bad-missing.yaml}"),
        c("an unknown weight column", 2, "[nn/OutOfRange] data.train.weight (line 3, col 63): column \"weigth\" is"
            + " not in the header of weighted.csv", "validate", "{unknown-weight.yaml}"),
        c("the weight column listed as a feature", 2, "weighted.csv: feature column \"w\" is the weight column",
            "train", "{weight-feature.yaml}", "--output", "{out}"),
        c("the weight column is the target", 2, "weighted.csv: weight column \"y\" is the target column", "train",
            "{weight-target.yaml}", "--output", "{out}"),
        c("a list of weight columns", 2, "[nn/WrongType] data.train.weight", "validate", "{weight-list.yaml}"),
        c("a negative row weight", 2, "negative-weight.csv:3: column \"w\": the row's weight is -0.5; a weight is a"
            + " number >= 0", "train", "{negative-weight.yaml}", "--output", "{out}"),
        c("a NaN row weight", 2, "nan-weight.csv:3: column \"w\": \"NaN\" is not a finite number", "train",
            "{nan-weight.yaml}", "--output", "{out}"),
        c("a word as a row weight", 2, "word-weight.csv:2: column \"w\": \"heavy\" is not a number", "train",
            "{word-weight.yaml}", "--output", "{out}"),
        c("a missing row weight under missing: mean", 2, "missing-weight.csv:3: column \"w\": the row's weight is"
            + " missing (\"\"); a weight cannot be filled in; missing: drop leaves such rows out", "train",
            "{missing-weight.yaml}", "--output", "{out}"),
        c("every row weighing 0", 2, "zero-weights.csv: every row's weight in column \"w\" is 0", "train",
            "{zero-weights.yaml}", "--output", "{out}"),
        c("a NA under missing: error", 2, "na.csv:3: column \"b\": missing value (\"NA\")", "train", "{na.yaml}",
            "--output", "{out}"),
        c("a malformed quote in a CSV file", 2, "bad-quote.csv:3: a quoted field has text after its closing quote",
            "train", "{bad-quote.yaml}", "--output", "{out}"),
        c("a CSV line over the limit", 2, "line is longer than 1048576 characters", "validate", "{long-header.yaml}"),
        c("an experiment over the size limit", 2, "[nn/TooLarge] the document is longer than", "validate",
            "{huge.yaml}"),
        c("a plugin path entry that is not a jar", 2, "is not a jar file", "validate", "{xor}", "--plugin-path",
            "{not-a-jar.jar}"),
        c("a directory as model", 2, "is a directory, expected an nn model file", "predict", "{dir}", "--input",
            "{rows.csv}", "--output", "{dir}/p.csv"),
        c("predict into a directory", 2, "is a directory; expected a file name", "predict", "{model}", "--input",
            "{rows.csv}", "--output", "{dir}"),
        c("resume a finished run", 2, "there is nothing to resume, and nothing was changed", "train", "--resume",
            "{run}"),
        c("--allow-changed-data for a new run", 2, "--allow-changed-data applies to --resume only", "train", "{xor}",
            "--allow-changed-data", "--output", "{out}"),
        c("export to an unknown format", 2, "unknown export format \"tflite\"", "export", "{model}", "--format",
            "tflite", "--output", "{dir}/m.x"),
        c("export into a missing folder", 2, "does not exist; create it first", "export", "{model}", "--format",
            "onnx", "--output", "{out}/m.onnx"),
        c("export over its own model", 2, "is the same file as MODEL", "export", "{model}", "--format", "npz",
            "--output", "{model}"),
        c("lr-find --csv over the experiment's data", 2, "is the same file as a data file of /",
            "lr-find", "{na.yaml}", "--csv", "{na.csv}"),
        c("lr-find --csv over the experiment", 2, "is the same file as the experiment /", "lr-find", "{na.yaml}",
            "--csv", "{dir}/./na.yaml"),
        c("evaluate on rows without the target", 2, "no target column \"xor\" (the model was trained to predict it)",
            "evaluate", "{model}", "--data", "{rows.csv}"),
        c("evaluate passes over a column of words the model does not use", 0, "accuracy  ", "evaluate", "{model}",
            "--data", "{patients.csv}"),
        c("a stability study of no pairs", 2, "--pairs must be at least 1", "stability", "{xor}", "--pairs", "0"),
        c("completion for an unknown shell", 2, "expected one of [bash, zsh]", "completion", "fish"),
        c("help for an unknown command", 2, "unknown command \"trian\"; did you mean train?", "help", "trian"),
        c("an integer beyond its key's range", 2, "Allowed: an integer from 1 to 2147483647", "validate", "{xor}",
            "--set", "training.epochs=1000000000000"),
        c("too few rows for the hold-outs", 2, "2 rows are too few to split into data.test 0.2 (1 row), data.validation"
            + " 0.15 (1 row)", "train", "{xor}", "--set", "data.train.samples=2", "--set", "data.test={split: 0.2}",
            "--set", "data.validation={split: 0.15}", "--output", "{out}"),
        c("a NaN feature under the default missing policy", 2, "nan-feature.csv:3: column \"b\": \"NaN\" is not a finite"
            + " number; NaN and infinities are not allowed, but a NaN that marks a missing value is read as one under"
            + " missing: drop or missing: mean on the csv source", "train", "{nan-feature.yaml}", "--output", "{out}"),
        c("a missing target under the default missing policy", 2, "a row's target cannot be filled in; set missing:"
            + " drop on the csv source to leave such rows out", "train", "{na-target.yaml}", "--output", "{out}"),
        c("a percent sign after a space", 2, "a percent sign is not read: write 12 (or the fraction)", "train",
            "{percent.yaml}", "--output", "{out}"),
        c("prices read as class indices", 2, "if the column holds a quantity (a price, a count), set task: regression"
            + " on the source", "train", "{price-classes.yaml}", "--output", "{out}"),
        c("a key in another section", 2, "unknown setting \"epochs\" of optimizer \"sgd\"; \"epochs\" is a key of"
            + " training", "train", "{misplaced-key.yaml}", "--output", "{out}"),
        c("a key in another section through --set", 2, "\"standardize-targets\" is a key of data", "train", "{xor}",
            "--set", "data.train.standardize-targets=true", "--output", "{out}"),
        c("an optimizer's setting under training", 2, "unknown key \"learning-rate\"; \"learning-rate\" is a key of"
            + " optimizer", "train", "{xor}", "--set", "training.learning-rate=0.1", "--output", "{out}"),
        c("a number as another locale writes it", 2, "locale.csv:3: column \"b\": \"1 234,5\" is not a number", "train",
            "{locale.yaml}", "--output", "{out}"),
        c("the same number's hint", 2, "a space between digits (a thousands separator) and a decimal comma are not read:"
            + " write 1234.5", "train", "{locale.yaml}", "--output", "{out}"),
        c("a quoted header name holding the file's separator", 2, "which the header lacks; it has \"x1,x2\", t",
            "predict", "{model}", "--input", "{quoted-names.csv}", "--output", "{dir}/p.csv"),
        c("a generator's misspelt samples beside the missing key", 2, "unknown setting \"sampels\" of generator \"xor\"",
            "train", "{sampels.yaml}", "--output", "{out}"),
        c("the missing samples reported with it", 2, "missing key \"samples\"", "train", "{sampels.yaml}", "--output",
            "{out}"),
        c("a width against the data given by --set", 2, "(from --set network.layers[0].units=3)", "train", "{xor}",
            "--set", "network.layers[0].units=3", "--output", "{out}"),
        c("a list under a plugin that another section's key holds", 2, "\"class-weights\" is a key of training", "train",
            "{xor}", "--set", "loss={name: binary-cross-entropy, class-weights: [1, 2]}", "--output", "{out}"),
        c("a gzipped CSV with a damaged byte", 2, "damaged.csv.gz: not a readable gzip file: ", "train",
            "{damaged-gz.yaml}", "--output", "{out}"),
        c("a column whose spread overflows when standardized", 2, "column \"a\" cannot be standardized", "validate",
            "{huge-spread.yaml}"),
        c("the same column trained", 2, "column \"a\" cannot be standardized", "train", "{huge-spread.yaml}",
            "--output", "{out}"),
        c("generator noise that overflows", 2, "[nn/InvalidSetting] data.train.noise", "train", "{xor}", "--set",
            "data.train.noise=1e308", "--output", "{out}"),
        c("generator noise beyond float32", 2, "beyond a float32 run's largest magnitude", "validate", "{xor}",
            "--set", "data.train.noise=3e38", "--set", "compute.precision=float32"),
        c("class labels numbered from 1", 2, "set labels: names on the csv source", "validate", "{glass.yaml}"),
        c("the same labels read as names", 0, "is valid", "validate", "{glass.yaml}", "--set",
            "data.train.labels=names"),
        c("a tab file read by commas", 2, "if tabs separate the fields, set separator: tab", "validate",
            "{tabs.yaml}"),
        c("an unknown separator", 2, "[nn/OutOfRange] data.train.separator", "validate", "{tabs.yaml}", "--set",
            "data.train.separator=colon"),
        c("a CSV file in Latin-1", 2, "latin1.csv:3: not UTF-8 text: byte 0xE9 at line 3, column 6 (byte offset 17) is not valid UTF-8; save the file as UTF-8 (such bytes often come from Latin-1 or"
            + " Windows-1252 text)\n",
            "train", "{latin1-data.yaml}", "--output", "{out}"),
        c("an experiment in Latin-1", 2, "not UTF-8 text: byte 0xE9 at line 1, column 10", "validate",
            "{latin1.yaml}"),
        c("an experiment in UTF-16", 2, "UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8",
            "validate", "{utf16.yaml}"),
        c("a NUL in an experiment", 2, "line 1, col 8: not valid YAML: the character U+0000 (NUL)", "validate",
            "{nul.yaml}"),
        c("a timestamp tag", 2, "[nn/ForbiddenTag] loss", "validate", "{xor}", "--set", "loss=!!timestamp 2001-12-14"),
        c("a line break inside a quoted value", 2, "column \"b\": \"0.3\\n\" is not a number", "validate",
            "{line-break.yaml}"),
        c("a no-break space after a number", 2, "it holds a no-break space (U+00A0, U+2007 or U+202F)", "validate",
            "{no-break-space.yaml}"),
        c("a raw target whose square overflows", 2, "target \"y\" holds 1.0E300 (its data row 2 as read), too large"
            + " to train on", "train", "{huge-target.yaml}", "--output", "{out}"),
        c("an empty --input", 2, "invalid value for option '--input': the path is empty", "predict", "{model}",
            "--input", "", "--output", "{dir}/p.csv"),
        c("an empty data path", 2, "data.train.path: the path is empty", "validate", "{xor}", "--set",
            "data.train={source: csv, path: \"\", target: y}"),
        c("an override that empties a required key", 2, "key \"path\" has no value (from --set data.train.path=)",
            "validate", "{bad-row.yaml}", "--set", "data.train.path="),
        c("a separator the file does not use", 2, "its names hold commas; if commas separate the fields, set"
            + " separator: \",\" on the csv source", "validate", "{wrong-separator.yaml}"),
        c("IDX labels of one class", 2, "every one of its 20 samples is of the class \"3\"; classification needs at"
            + " least 2 classes", "train", "{idx-one-class.yaml}", "--output", "{out}"),
        c("an IDX header claiming far more than the file holds", 2, "truncated: data ends at byte 116, expected"
            + " 180000016 bytes", "train", "{idx-truncated.yaml}", "--output", "{out}"),
        c("two bad settings of one plugin, the second reported too", 2, "setting \"beta2\" of optimizer \"adam\""
            + " must be in [0, 1), found -1", "validate", "{xor}", "--set",
            "optimizer={name: adam, learning-rate: 0.1, beta1: 2, beta2: -1}"),
        c("a number with a leading zero", 2, "010 has a leading zero, which YAML 1.1 reads as the octal number 8",
            "validate", "{xor}", "--set", "training.epochs=010"));
  }

  /** One row: what the case is, its exit code, words its message must contain once, and its arguments. */
  private static Arguments c(String name, int code, String expected, String... args) {
    return Arguments.of(name, code, expected, List.of(args));
  }

  @TempDir
  static Path shared;

  @TempDir
  Path dir;

  private static Path model;

  @BeforeAll
  static void trainAModel() throws IOException {
    Path runs = shared.resolve("runs");
    Outcome o = run("train", EXAMPLES.resolve("xor.yaml").toString(), "--set", "training.epochs=1", "--output",
        runs.toString());
    assertEquals(0, o.code(), o.describe());
    try (Stream<Path> s = Files.list(runs)) {
      model = s.findFirst().orElseThrow().resolve("model.nnm");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void exitsWithOneMessageAndWritesNothing(String name, int code, String expected, List<String> args)
      throws IOException {
    for (Map.Entry<String, String> f : FILES.entrySet()) {
      Files.writeString(dir.resolve(f.getKey()), f.getValue());
    }
    for (Map.Entry<String, byte[]> f : BYTE_FILES.entrySet()) {
      Files.write(dir.resolve(f.getKey()), f.getValue());
    }
    Set<String> before = listing();
    Outcome o = run(args.stream().map(this::resolve).toArray(String[]::new));

    assertEquals(code, o.code(), o.describe());
    String message = code == Main.OK ? o.out() : o.err();
    assertEquals(1, occurrences(message, expected), "\"" + expected + "\" once in\n" + o.describe());
    assertFalse(o.err().contains("at dev.nn") || o.err().contains("at java."), "no stack trace\n" + o.describe());
    assertFalse(o.err().contains("bug in nn"), o.describe());
    assertFalse(o.err().matches("(?s).*\\b(java|dev\\.nn)\\.[a-z.]+\\.[A-Z]\\w*(Exception|Error)\\b.*"),
        "no exception class names\n" + o.describe());
    if (code != Main.OK) {
      assertTrue(o.err().startsWith("nn: ") || o.err().startsWith("Invalid experiment "), o.describe());
    }
    assertEquals(before, listing(), "the case's directory is as it was");
  }

  private String resolve(String arg) {
    String a = arg.replace("{xor}", EXAMPLES.resolve("xor.yaml").toString())
        .replace("{model}", model.toString())
        .replace("{run}", model.getParent().toString())
        .replace("{out}", dir.resolve("out").toString())
        .replace("{dir}", dir.toString());
    for (String file : FILES.keySet()) {
      a = a.replace("{" + file + "}", dir.resolve(file).toString());
    }
    for (String file : BYTE_FILES.keySet()) {
      a = a.replace("{" + file + "}", dir.resolve(file).toString());
    }
    return a;
  }

  private Set<String> listing() throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.map(p -> dir.relativize(p).toString()).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static int occurrences(String text, String words) {
    int n = 0;
    for (int i = text.indexOf(words); i >= 0; i = text.indexOf(words, i + words.length())) {
      n++;
    }
    return n;
  }

  /** The XOR experiment with {@code training} replaced. */
  private static String experiment(String training) {
    List<String> lines = new ArrayList<>(List.of(
        "name: xor",
        "data:",
        "  train: {source: generator, name: xor, samples: 40, noise: 0.1}",
        "  validation: {split: 0.0}",
        "network:",
        "  layers:",
        "    - {units: auto}",
        "    - {units: 4, activation: tanh}",
        "    - {units: auto, activation: identity}",
        "loss: binary-cross-entropy",
        "optimizer: {name: sgd, learning-rate: 0.1}"));
    lines.add(training.isEmpty() ? "training: {epochs: 1}" : training);
    return String.join("\n", lines) + "\n";
  }

  /** An experiment training on the IDX images {@code images} with the labels labels-of-3.idx. */
  private static String idxExperiment(String images) {
    return "name: idx\n"
        + "data:\n"
        + "  train: {source: idx, images: " + images + ", labels: labels-of-3.idx}\n"
        + "network:\n"
        + "  layers: [{units: auto}, {units: 3, activation: tanh}, {units: auto, activation: identity}]\n"
        + "loss: softmax-cross-entropy\n"
        + "training: {epochs: 1}\n";
  }

  /** An IDX image file whose header declares {@code n} images of rows x cols, {@code length} bytes long. */
  private static byte[] idxImages(int n, int rows, int cols, int length) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(length).putInt(0x00000803).putInt(n).putInt(rows)
        .putInt(cols);
    while (b.hasRemaining()) {
      b.put((byte) (b.position() % 200));
    }
    return b.array();
  }

  /** A gzipped CSV of 300 rows with one byte of its compressed data flipped. */
  private static byte[] damagedGzip() {
    StringBuilder csv = new StringBuilder("a,b,y\n");
    for (int i = 0; i < 300; i++) {
      csv.append(i % 7).append(',').append(i % 5).append(',').append(i % 2).append('\n');
    }
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(bytes)) {
      gz.write(csv.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    byte[] damaged = bytes.toByteArray();
    damaged[damaged.length / 2] ^= 4;
    return damaged;
  }

  /** An IDX label file of {@code n} labels, all {@code label}. */
  private static byte[] idxLabels(int n, int label) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + n).putInt(0x00000801).putInt(n);
    while (b.hasRemaining()) {
      b.put((byte) label);
    }
    return b.array();
  }

  /** A regression experiment on the CSV file {@code csv} (beside it) with target column y. */
  private static String csvExperiment(String csv) {
    return csvExperiment(csv, "");
  }

  /** {@link #csvExperiment(String)} with {@code keys} (", key: value ...") added to the source. */
  private static String csvExperiment(String csv, String keys) {
    return "name: csv\n"
        + "data:\n"
        + "  train: {source: csv, path: " + csv + ", target: y" + keys + "}\n"
        + "  validation: {split: 0.0}\n"
        + "network:\n"
        + "  layers: [{units: auto}, {units: 3, activation: tanh}, {units: auto, activation: identity}]\n"
        + "loss: squared\n"
        + "training: {epochs: 1}\n";
  }

  private record Outcome(int code, String out, String err) {
    String describe() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private static Outcome run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(args, o, e, Map.of());
    }
    return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
