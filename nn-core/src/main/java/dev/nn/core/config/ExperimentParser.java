package dev.nn.core.config;

import dev.nn.core.io.OutputPaths;
import dev.nn.core.text.Excerpt;
import dev.nn.api.Loss;
import dev.nn.core.data.Task;
import dev.nn.core.kernel.BlasCoreType;
import dev.nn.core.kernel.Precision;
import dev.nn.core.plugin.PluginKind;
import dev.nn.core.text.Suggestions;
import dev.nn.spi.ProblemId;
import dev.nn.spi.Range;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Walks a composed document against the experiment schema ({@code docs/experiment.md}) and builds the
 * records, filling in defaults. Every problem is reported to the {@link NodeReader}.
 */
final class ExperimentParser {
  static final long DEFAULT_SEED = 42;
  static final int DEFAULT_EPOCHS = 20;
  static final int DEFAULT_BATCH_SIZE = 1;
  static final int DEFAULT_PATIENCE = 3;
  static final String DEFAULT_OUTPUT_DIR = "runs";
  /** Spark's master when the distributed section names none: every core of this machine. */
  static final String DEFAULT_MASTER = "local[*]";
  /** Local updates between two averagings. */
  static final int DEFAULT_AVERAGE_EVERY = DistributedSpec.DEFAULT_AVERAGE_EVERY;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  private final NodeReader reader;
  private final PluginRefs plugins;
  private final String defaultName;
  private final int processors;

  /**
   * @param defaultName the name when the file gives none
   * @param processors the thread count {@code compute.threads: auto} stands for
   */
  ExperimentParser(NodeReader reader, PluginRefs plugins, String defaultName, int processors) {
    this.reader = reader;
    this.plugins = plugins;
    this.defaultName = defaultName;
    this.processors = processors;
  }

  /** The start of the top-level keys an experiment file keeps for itself: its anchors' values. */
  static final String OWN_KEYS = "x-";

  /** The experiment, or {@code null} when there were problems. */
  Experiment parse(Node root) {
    if (root == null) {
      Mark start = new Mark("experiment", 0, 0, 0, new int[0], 0);
      root = new MappingNode(Tag.MAP, true, new ArrayList<>(), start, start, DumperOptions.FlowStyle.BLOCK);
    }
    MapView top = reader.mapping(root, "");
    if (top == null) {
      return null;
    }
    String name = name(top.get("name"));
    Node s = top.get("seed");
    Long seed = s == null ? Long.valueOf(DEFAULT_SEED) : reader.integer(s, "seed", Long.MIN_VALUE, Long.MAX_VALUE, "an integer");
    Node d = top.require("data", "a mapping with train and optionally validation, test, standardize");
    DataSpec data = d == null ? null : new DataParser(reader, plugins).parse(d, "data");
    Node n = top.require("network", "a mapping with layers and optionally init, ties, weights-from");
    NetworkParser networkParser = new NetworkParser(reader, plugins);
    NetworkSpec network = n == null ? null : networkParser.parse(n, "network");
    Node l = top.require("loss", "a loss name, e.g. squared, or {name: ..., settings}");
    PluginRef loss = l == null ? null : loss(l, networkParser);
    OptimizerSpec optimizer = new OptimizerParser(reader, plugins).parse(top.get("optimizer"), "optimizer");
    Node l2Node = top.get("l2");
    Double l2 = l2Node == null ? Double.valueOf(0.0) : reader.number(l2Node, "l2", Range.atLeast(0));
    Node t = top.get("training");
    TrainingSpec training = training(t);
    ComputeSpec compute = compute(top.get("compute"));
    OutputSpec output = output(top.get("output"));
    Node dist = top.get("distributed");
    Optional<DistributedSpec> distributed = dist == null ? Optional.empty() : Optional.ofNullable(distributed(dist));
    // where a file keeps the values its anchors name (x-layer: &hidden {units: 64, activation: relu}), as Compose
    // files do: read by no one, written to no run
    top.leavingToTheFile(OWN_KEYS);
    top.finish();
    learnKeysOfOptionalSections();
    if (data != null && data.train() instanceof SourceSpec.Spark && dist == null) {
      reader.report(
          ProblemId.BACKEND_UNAVAILABLE,
          "data.train",
          d,
          "a spark source is read by Spark's executors, so the experiment trains on Spark",
          "a distributed section (e.g. --set distributed.master=local[2]), or a csv or idx source");
      return null;
    }
    List<Refusal> apart = data != null && data.train() instanceof SourceSpec.Spark ? notOnSparkTable(data)
        : List.of();
    for (Refusal r : apart) {
      // at the key itself (or its --set), each of them: the file's author fixes them all in one go
      reader.report(ProblemId.BACKEND_UNAVAILABLE, r.key(), valueIn(d, r.key().substring("data.".length())),
          r.message(), r.allowed());
    }
    if (!apart.isEmpty()) {
      return null;
    }
    if (training != null && data != null && training.classWeights().isPresent()) {
      Node where = valueIn(t, "class-weights");
      if (data.train() instanceof SourceSpec.Spark) {
        reader.report(ProblemId.BACKEND_UNAVAILABLE, "training.class-weights", where, "a spark source's rows are never"
            + " in one place to count or weigh by class; class weights are given for csv and idx sources",
            "no class-weights key with a spark source, or a csv source");
        return null;
      }
      if (notClassification(data)) {
        reader.report(ProblemId.OUT_OF_RANGE, "training.class-weights", where, "class weights weigh each class's"
            + " rows, but the task is " + data.statedTask().label() + "; they apply to a classification only",
            "no class-weights key, or a classification");
        return null;
      }
    }
    if (training != null && training.earlyStopping().isPresent() && data != null && !data.validation().isPresent()) {
      reader.report(
          ProblemId.OUT_OF_RANGE,
          "training.early-stopping",
          earlyStoppingNode(t),
          "early stopping needs validation data, but data.validation.split is 0",
          "data.validation.split > 0 or a validation source");
      return null;
    }
    if (training != null && data != null && notClassification(data) && training.earlyStopping()
        .map(EarlyStopping::monitor).orElse(Monitor.VAL_LOSS) == Monitor.VAL_ACCURACY) {
      reader.report(ProblemId.OUT_OF_RANGE, "training.early-stopping.monitor", valueIn(earlyStoppingNode(t), "monitor"),
          "val-accuracy is a classification's figure, but the task is " + data.statedTask().label(), "val-loss");
      return null;
    }
    if (optimizer != null && optimizer.schedule() instanceof ScheduleSpec.Plateau plateau && data != null) {
      Node where = scheduleNode(top.get("optimizer"));
      if (!data.validation().isPresent()) {
        reader.report(ProblemId.OUT_OF_RANGE, "optimizer.schedule", where,
            "the plateau schedule watches the validation figures, but data.validation.split is 0",
            "data.validation.split > 0 or a validation source");
        return null;
      }
      if (plateau.monitor() == Monitor.VAL_ACCURACY && notClassification(data)) {
        reader.report(ProblemId.OUT_OF_RANGE, "optimizer.schedule.monitor", valueIn(where, "monitor"),
            "val-accuracy is a classification's figure, but the task is " + data.statedTask().label(), "val-loss");
        return null;
      }
    }
    if (name == null
        || seed == null
        || data == null
        || network == null
        || loss == null
        || optimizer == null
        || l2 == null
        || training == null
        || compute == null
        || output == null
        || dist != null && distributed.isEmpty()) {
      return null;
    }
    return new Experiment(name, seed, data, network, loss, optimizer, l2, training, compute, output, distributed);
  }

  private String name(Node node) {
    if (node == null) {
      return defaultName;
    }
    String name = reader.string(node, "name", "a name");
    if (name != null && !NAME.matcher(name).matches()) {
      reader.report(
          ProblemId.OUT_OF_RANGE,
          "name",
          node,
          "must be 1 to 100 characters, start with a letter or digit and hold only ASCII letters (a-z, A-Z),"
              + " digits, '.', '_' and '-' (it names the run directory), found \"" + Excerpt.of(name) + "\"",
          "1 to 100 ASCII letters, digits, '.', '_', '-'");
      return null;
    }
    return name;
  }

  /** Whether the data section states a task other than classification (a generator's may be known only later). */
  private static boolean notClassification(DataSpec data) {
    return data.statedTask() != null && data.statedTask() != Task.CLASSIFICATION;
  }

  /** A data key a Spark table's run cannot honour: the key, why, and what is allowed instead. */
  private record Refusal(String key, String message, String allowed) {}

  /**
   * The first data setting a run on a Spark table cannot honour, or {@code null}. A csv, idx or generated
   * source is prepared alike by the driver and by each executor, so every data key holds there; a Spark
   * table's rows are never gathered in one place, and these settings need them all. (Its folds are refused
   * where its hold-outs are read, with sources of their own.)
   */
  private static List<Refusal> notOnSparkTable(DataSpec data) {
    List<Refusal> refused = new ArrayList<>();
    if (data.standardizesTargets()) {
      refused.add(new Refusal("data.standardize-targets",
          "a spark source's targets are used as they are; standardizing them is done for csv and idx sources",
          "data.standardize-targets: false with a spark source, or a csv source"));
    }
    if (data.stratify()) {
      refused.add(new Refusal("data.stratify",
          "a spark source splits its hold-outs off by a fraction where the rows lie, without stratifying them",
          "no data.stratify key with a spark source, or a csv or idx source"));
    }
    if (!data.oneHot().isEmpty()) {
      refused.add(new Refusal("data.one-hot",
          "a spark source's features are used as they are; one-hot encoding is done for csv sources",
          "no data.one-hot key with a spark source, or a csv source"));
    }
    return refused;
  }

  /** The loss, checked against the installed losses and against the output layer's activation. */
  private PluginRef loss(Node node, NetworkParser network) {
    PluginRefs.Parsed p = plugins.parse(node, "loss", "loss", List.of());
    if (p == null) {
      return null;
    }
    Object created = plugins.check(p, PluginKind.LOSS, List.of());
    if (created == null) {
      return null;
    }
    PluginRef out = network.outputActivation();
    // the one place an experiment's fused loss meets its output activation; the network builder relies on it
    if (created instanceof Loss && out != null && !((Loss) created).acceptsOutputActivation(out.name())) {
      Loss loss = (Loss) created;
      // what is allowed is what the loss accepts, asked of every installed activation: a loss need not be fused
      // to refuse an output activation, nor accept identity
      List<String> accepted = plugins.installed(PluginKind.ACTIVATION).stream()
          .filter(loss::acceptsOutputActivation).toList();
      String why = loss.seeding() == dev.nn.api.Seeding.FUSED && accepted.equals(List.of("identity"))
          ? "computes its own output link and needs an identity output layer"
          : "does not accept the output activation it would follow";
      reader.report(
          ProblemId.INCOMPATIBLE_LOSS,
          out.where().path(),
          network.outputActivationNode(),
          "loss \"" + p.ref().name() + "\" " + why + ", found " + out.name(),
          accepted.isEmpty() ? "none of the installed activations: the loss accepts no output activation, which its"
              + " author can mend" : String.join(", ", accepted));
    }
    return p.ref();
  }

  /** A class weight: finite and > 0 (a class with weight 0 would not be trained on at all). */
  private static final Range CLASS_WEIGHT = Range.positive();

  /**
   * The keys of the optional sections (training with its early stopping, compute, output), learnt by reading them
   * empty with a reader of their own: a key written in the wrong place is told where it belongs even when the file
   * writes no such section ({@code training.threads} is a key of compute), which most files do not.
   */
  private void learnKeysOfOptionalSections() {
    NodeReader scratch = reader.scratch();
    ExperimentParser sections = new ExperimentParser(scratch, plugins.readingWith(scratch), defaultName, processors);
    MappingNode empty = (MappingNode) new org.yaml.snakeyaml.Yaml().compose(new java.io.StringReader(
        "training: {early-stopping: {patience: 1}}\ncompute: {}\noutput: {}\n"));
    for (NodeTuple t : empty.getValue()) {
      switch (((ScalarNode) t.getKeyNode()).getValue()) {
        case "training" -> sections.training(t.getValueNode());
        case "compute" -> sections.compute(t.getValueNode());
        default -> sections.output(t.getValueNode());
      }
    }
    reader.learnKeysFrom(scratch);
  }

  private TrainingSpec training(Node node) {
    if (node == null) {
      return new TrainingSpec(DEFAULT_EPOCHS, DEFAULT_BATCH_SIZE, true, Optional.empty(), 1,
          TrainingSpec.DEFAULT_CHECKPOINT_MINUTES, Optional.empty());
    }
    MapView v = reader.mapping(node, "training");
    if (v == null) {
      return null;
    }
    Integer epochs = countOr(v, "epochs", DEFAULT_EPOCHS);
    Integer batch = countOr(v, "batch-size", DEFAULT_BATCH_SIZE);
    Node sh = v.get("shuffle");
    Boolean shuffle = sh == null ? Boolean.TRUE : reader.bool(sh, v.child("shuffle"));
    int before = reader.problems().size();
    EarlyStopping stop = earlyStopping(v.get("early-stopping"), v.child("early-stopping"));
    boolean stopRead = reader.problems().size() == before;
    Integer every = countOr(v, "checkpoint-every", 1);
    Double minutes = checkpointMinutes(v.get("checkpoint-minutes"), v.child("checkpoint-minutes"));
    before = reader.problems().size();
    ClassWeights weights = classWeights(v.get("class-weights"), v.child("class-weights"));
    boolean weightsRead = reader.problems().size() == before;
    v.finish();
    if (epochs == null || batch == null || shuffle == null || !stopRead || every == null || minutes == null
        || !weightsRead) {
      return null;
    }
    return new TrainingSpec(epochs, batch, shuffle, Optional.ofNullable(stop), every, minutes,
        Optional.ofNullable(weights));
  }

  /** {@code off} (infinite) or a number of minutes > 0; the default when absent; {@code null} after reporting. */
  private Double checkpointMinutes(Node node, String path) {
    if (node == null) {
      return TrainingSpec.DEFAULT_CHECKPOINT_MINUTES;
    }
    // YAML 1.1 reads a bare off as the boolean false; false says the same
    if (node instanceof ScalarNode word && (word.getValue().equals("off") || word.getValue().equals("false"))
        && (Tag.STR.equals(word.getTag()) || Tag.BOOL.equals(word.getTag()))) {
      return Double.POSITIVE_INFINITY;
    }
    String expected = "off, or a number of minutes > 0 such as 10 or 0.5";
    if (!(node instanceof org.yaml.snakeyaml.nodes.ScalarNode scalar) || Scalars.parseNumber(scalar) == null) {
      if (!reader.isRejected(node)) {
        reader.report(ProblemId.WRONG_TYPE, path, node, "expected " + expected + ", found "
            + NodeReader.describe(node), expected);
      }
      return null;
    }
    return reader.number(node, path, Range.positive(), expected);
  }

  /** {@code balanced} or a list of numbers > 0; {@code null} when absent and after reporting. */
  private ClassWeights classWeights(Node node, String path) {
    if (node == null) {
      return null;
    }
    String expected = "balanced, or a list of numbers > 0, one per class, such as [1, 4.5, 2]";
    if (NodeReader.isWord(node, "balanced")) {
      return ClassWeights.balance().at(reader.position(path, node));
    }
    if (!(node instanceof org.yaml.snakeyaml.nodes.SequenceNode)) {
      if (!reader.isRejected(node)) {
        reader.report(ProblemId.WRONG_TYPE, path, node, "expected " + expected + ", found " + NodeReader.describe(node),
            expected);
      }
      return null;
    }
    List<Node> items = reader.sequence(node, path, expected);
    if (items == null) {
      return null;
    }
    if (items.isEmpty()) {
      reader.report(ProblemId.OUT_OF_RANGE, path, node, "the list of class weights is empty", expected);
      return null;
    }
    List<Double> weights = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Double w = reader.number(items.get(i), path + "[" + i + "]", CLASS_WEIGHT);
      if (w == null) {
        return null;
      }
      weights.add(w);
    }
    return ClassWeights.of(weights).at(reader.position(path, node));
  }

  private Integer countOr(MapView v, String key, int defaultValue) {
    Node n = v.get(key);
    return n == null ? Integer.valueOf(defaultValue) : reader.count(n, v.child(key), 1);
  }

  /**
   * The settings when on: {@code true} means the defaults. {@code null} when off (absent or {@code false})
   * and after reporting a problem; the caller tells the two apart by the problems reported.
   */
  private EarlyStopping earlyStopping(Node node, String path) {
    if (node == null) {
      return null;
    }
    if (node instanceof org.yaml.snakeyaml.nodes.ScalarNode) {
      if (!Tag.BOOL.equals(node.getTag()) && !reader.isRejected(node)) {
        String expected = "true, false or {patience: ..., monitor: ..., min-delta: ...}";
        reader.report(ProblemId.WRONG_TYPE, path, node, "expected " + expected + ", found " + NodeReader.describe(node), expected);
        return null;
      }
      Boolean on = reader.bool(node, path);
      return on != null && on ? new EarlyStopping(DEFAULT_PATIENCE, Monitor.VAL_LOSS, 0.0) : null;
    }
    MapView v = reader.mapping(node, path);
    if (v == null) {
      return null;
    }
    Integer patience = countOr(v, "patience", DEFAULT_PATIENCE);
    Node m = v.get("monitor");
    Monitor monitor = m == null ? Monitor.VAL_LOSS : reader.choice(m, v.child("monitor"), "monitor", Monitor.class);
    Node md = v.get("min-delta");
    Double minDelta = md == null ? Double.valueOf(0.0) : reader.number(md, v.child("min-delta"), Range.atLeast(0));
    v.finish();
    if (patience == null || monitor == null || minDelta == null) {
      return null;
    }
    return new EarlyStopping(patience, monitor, minDelta);
  }

  /** The optimizer's schedule node, or the optimizer's node where the schedule is not written in it. */
  private static Node scheduleNode(Node optimizer) {
    return valueIn(optimizer, "schedule");
  }

  private static Node earlyStoppingNode(Node training) {
    return valueIn(training, "early-stopping");
  }

  /** The value of {@code key} in a section's mapping, or the section itself where the key is not written. */
  private static Node valueIn(Node section, String key) {
    if (section instanceof MappingNode) {
      for (org.yaml.snakeyaml.nodes.NodeTuple t : ((MappingNode) section).getValue()) {
        if (NodeReader.isWord(t.getKeyNode(), key)) {
          return t.getValueNode();
        }
      }
    }
    return section;
  }

  private ComputeSpec compute(Node node) {
    if (node == null) {
      return new ComputeSpec(Backend.AUTO, processors);
    }
    MapView v = reader.mapping(node, "compute");
    if (v == null) {
      return null;
    }
    Node b = v.get("backend");
    Backend backend = b == null ? Backend.AUTO : reader.choice(b, v.child("backend"), "backend", Backend.class);
    Node t = v.get("threads");
    Integer threads;
    if (t == null || NodeReader.isWord(t, "auto")) {
      threads = processors;
    } else {
      Long n = reader.integer(t, v.child("threads"), 1, Integer.MAX_VALUE, "auto or an integer >= 1");
      threads = n == null ? null : n.intValue();
    }
    Node p = v.get("precision");
    Precision precision = p == null ? Precision.FLOAT64
        : reader.choice(p, v.child("precision"), "precision", Precision.class, Precision::yamlName);
    Node l = v.get("loops");
    Loops loops = l == null ? Loops.AUTO : reader.choice(l, v.child("loops"), "loops", Loops.class);
    Node f = v.get("blas-from");
    Long blasFrom = null;
    boolean blasFromOk = true;
    if (f != null && !NodeReader.isWord(f, "auto")) {
      blasFrom = reader.integer(f, v.child("blas-from"), 1, Long.MAX_VALUE,
          "auto or the multiply-adds of one forward pass (an integer >= 1)");
      blasFromOk = blasFrom != null;
    }
    Node k = v.get("blas-kernels");
    String blasKernels = "auto";
    if (k != null) {
      blasKernels = reader.string(k, v.child("blas-kernels"), "auto, inherit or a core type of the bundled OpenBLAS");
      if (blasKernels != null) {
        try {
          blasKernels = BlasCoreType.parse(blasKernels).setting();
        } catch (IllegalArgumentException bad) {
          List<String> allowed = new ArrayList<>(List.of("auto", "inherit"));
          allowed.addAll(BlasCoreType.coreTypeSettings());
          reader.report(ProblemId.OUT_OF_RANGE, v.child("blas-kernels"), k, "unknown blas-kernels \"" + blasKernels
              + "\"", String.join(", ", allowed), Suggestions.closest(blasKernels, allowed));
          blasKernels = null;
        }
      }
    }
    v.finish();
    return backend == null || threads == null || precision == null || loops == null || !blasFromOk
        || blasKernels == null ? null : new ComputeSpec(backend, threads, precision, loops, blasFrom, blasKernels);
  }

  /** The {@code distributed} section, or {@code null} when it has problems. */
  private DistributedSpec distributed(Node node) {
    MapView v = reader.mapping(node, "distributed");
    if (v == null) {
      return null;
    }
    Node m = v.get("master");
    String master = m == null ? DEFAULT_MASTER
        : reader.string(m, v.child("master"), "a Spark master URL, e.g. local[2] or spark://host:7077");
    if (master != null && m != null) {
      java.util.Optional<String> wrong = MasterUrl.problem(master);
      if (wrong.isPresent()) {
        // Spark would say so only as it starts, without the key or what it takes
        reader.report(ProblemId.OUT_OF_RANGE, v.child("master"), m, wrong.get(), MasterUrl.ALLOWED);
        master = null;
      }
    }
    Node p = v.get("partitions");
    Integer partitions = p == null ? Integer.valueOf(processors) : reader.count(p, v.child("partitions"), 1);
    Node mo = v.get("mode");
    DistributedSpec.Mode mode = mo == null ? DistributedSpec.Mode.SYNCHRONOUS
        : reader.choice(mo, v.child("mode"), "mode", DistributedSpec.Mode.class);
    Node a = v.get("average-every");
    Integer every = a == null ? Integer.valueOf(DEFAULT_AVERAGE_EVERY) : reader.count(a, v.child("average-every"), 1);
    if (a != null && every != null && every != DEFAULT_AVERAGE_EVERY && mode == DistributedSpec.Mode.SYNCHRONOUS) {
      // set alone, it would leave the run in the slower synchronous mode without a word (the default value is
      // let through: experiment files written by earlier versions hold it in every distributed section)
      reader.report(ProblemId.OUT_OF_RANGE, v.child("average-every"), a, "average-every applies to mode: averaging,"
          + " but the mode is synchronous" + (mo == null ? " (the default)" : ""),
          "mode: averaging with it, or no average-every key");
      every = null;
    }
    Node c = v.get("conf");
    Map<String, String> conf = new LinkedHashMap<>();
    boolean confOk = true;
    if (c != null) {
      MapView cv = reader.mapping(c, v.child("conf"));
      if (cv == null) {
        confOk = false;
      } else {
        // every key is a Spark setting: the view has refused keys that are not words, and a bad value is a
        // problem of its value alone, not of an unknown key as well
        for (NodeTuple t : cv.rest()) {
          String key = ((ScalarNode) t.getKeyNode()).getValue();
          String value = reader.string(t.getValueNode(), cv.child(key), "a Spark setting's value");
          if (value == null) {
            confOk = false;
          } else if (key.equals("spark.master")) {
            // two keys for one setting, one silently winning over the other, would train elsewhere than the
            // experiment says
            reader.report(ProblemId.OUT_OF_RANGE, cv.child(key), t.getKeyNode(), "the master is distributed.master,"
                + " not a setting of distributed.conf", "distributed.master: " + value, List.of());
            confOk = false;
          } else {
            conf.put(key, value);
          }
        }
      }
    }
    v.finish();
    if (master == null || partitions == null || mode == null || every == null || !confOk) {
      return null;
    }
    return new DistributedSpec(master, partitions, mode, every, conf);
  }

  private OutputSpec output(Node node) {
    MapView v = node == null ? null : reader.mapping(node, "output");
    if (node != null && v == null) {
      return null;
    }
    Node dir = v == null ? null : v.get("dir");
    if (v != null) {
      v.finish();
    }
    PathRef path = dir == null ? reader.defaultPath(DEFAULT_OUTPUT_DIR) : reader.path(dir, "output.dir");
    if (path != null && reader.overrideOf(dir) != null && !typedFolderFits(dir, path)) {
      return null;
    }
    return path == null ? null : new OutputSpec(path);
  }

  /**
   * A folder typed in a {@code --set} is taken as {@code --output} takes one ({@link OutputPaths#directoryProblem}):
   * made if missing, but its parent must exist, so that a typo is not made with all its parents. A path written in
   * the file is meant, and made whole.
   */
  private boolean typedFolderFits(Node dir, PathRef path) {
    java.util.Optional<String> problem = OutputPaths.directoryProblem(path.resolved());
    problem.ifPresent(p -> reader.report(ProblemId.OUT_OF_RANGE, "output.dir", dir, p, "a folder whose parent"
        + " exists: a --set output.dir, as --output, makes only its last folder; written in the experiment file,"
        + " output.dir makes every folder of its path"));
    return problem.isEmpty();
  }
}
