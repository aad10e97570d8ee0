package dev.nn.core.config;

import dev.nn.core.data.CsvOptions;
import dev.nn.core.data.CsvReader;
import dev.nn.core.data.Generators;
import dev.nn.core.text.Excerpt;
import dev.nn.core.data.Task;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.core.text.Suggestions;
import dev.nn.spi.ProblemId;
import dev.nn.spi.Range;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads the {@code data} section: the training source, validation and test data, standardization. */
final class DataParser {
  static final double DEFAULT_VALIDATION_SPLIT = 0.1;
  static final double DEFAULT_TEST_SPLIT = 0.0;
  private static final List<String> SOURCES = List.of("generator", "csv", "idx", "spark");
  private static final Range SPLIT = Range.closedOpen(0, 1);

  private final NodeReader reader;
  private final PluginRefs plugins;

  /** While the hold-outs beside an IDX training source are read, that source's task; otherwise null. */
  private Task heldOutTask;
  /** While hold-outs are read beside an idx training source: its classes, which a held-out idx source shares. */
  private Integer heldOutClasses;

  DataParser(NodeReader reader, PluginRefs plugins) {
    this.reader = reader;
    this.plugins = plugins;
  }

  /** The section, or {@code null} after reporting. */
  DataSpec parse(Node node, String path) {
    MapView v = reader.mapping(node, path);
    if (v == null) {
      return null;
    }
    Node trainNode = v.require("train", "a source: {source: generator | csv | idx | spark, ...}");
    SourceSpec train = trainNode == null ? null : source(reader.mapping(trainNode, v.child("train")), null);
    // a held-out csv file is read as a csv training file is, unless it says otherwise
    SourceSpec.Csv readLike = train instanceof SourceSpec.Csv c ? c : null;
    // beside IDX images, a csv hold-out without a task holds the same task's rows (class labels, or pixels)
    heldOutTask = train instanceof SourceSpec.Idx idx ? idx.task() : null;
    heldOutClasses = train instanceof SourceSpec.Idx idx ? idx.classes() : null;
    HoldOut validation;
    HoldOut test;
    try {
      validation = holdOut(v.get("validation"), v.child("validation"), DEFAULT_VALIDATION_SPLIT, false, readLike);
      test = holdOut(v.get("test"), v.child("test"), DEFAULT_TEST_SPLIT, true, readLike);
    } finally {
      heldOutTask = null;
      heldOutClasses = null;
    }
    if (train instanceof SourceSpec.Spark) {
      // a Spark table's hold-outs are split off it where it lies
      for (String key : List.of("validation", "test")) {
        if (!((key.equals("validation") ? validation : test) instanceof HoldOut.Split)) {
          reader.report(ProblemId.OUT_OF_RANGE, v.child(key), v.get(key),
              "with a spark training source, hold-outs are split off it by a fraction where its rows lie (no sources"
                  + " of their own, no folds)", "{split: f}");
          validation = key.equals("validation") ? null : validation;
          test = key.equals("test") ? null : test;
        }
      }
    }
    Node s = v.get("standardize");
    Boolean standardize = s == null ? Boolean.TRUE : reader.bool(s, v.child("standardize"));
    Node st = v.get("standardize-targets");
    Boolean standardizeTargets = st == null ? null : reader.bool(st, v.child("standardize-targets"));
    Node oh = v.get("one-hot");
    List<String> oneHot = oh == null ? List.of() : oneHot(oh, v.child("one-hot"));
    Node sf = v.get("stratify");
    Boolean stratify = sf == null ? Boolean.FALSE : reader.bool(sf, v.child("stratify"));
    Node ss = v.get("split-seed");
    Long splitSeed = ss == null ? null : reader.integer(ss, v.child("split-seed"), Long.MIN_VALUE, Long.MAX_VALUE,
        "an integer");
    v.finish();
    // what the test data takes of data.train, a split's fraction or a fold's share, leaves room for validation and
    // training only when the two sum below 1
    double testShare = test instanceof HoldOut.Split t ? t.fraction() : test instanceof HoldOut.Fold f ? 1.0 / f.folds()
        : 0;
    if (validation instanceof HoldOut.Split a && a.fraction() + testShare >= 1) {
      boolean fold = test instanceof HoldOut.Fold;
      boolean atTest = !fold && v.has("test");
      reader.report(
          ProblemId.OUT_OF_RANGE,
          v.child(atTest ? "test.split" : v.has("validation") ? "validation.split" : "test"),
          atTest ? splitNode(v.get("test")) : v.has("validation") ? splitNode(v.get("validation")) : v.get("test"),
          "validation.split + " + (fold ? "1/" + ((HoldOut.Fold) test).folds() + " (the fold's share)" : "test.split")
              + " must be < 1 so that samples remain for training, found " + a.fraction() + " + " + testShare,
          "a sum < 1");
    }
    if (train == null || validation == null || test == null || standardize == null
        || st != null && standardizeTargets == null || oneHot == null || stratify == null
        || ss != null && splitSeed == null) {
      return null;
    }
    DataSpec spec = new DataSpec(train, validation, test, standardize, standardizeTargets, oneHot, stratify,
        splitSeed);
    if (stratify && spec.statedTask() != null && spec.statedTask() != Task.CLASSIFICATION) {
      reader.report(ProblemId.OUT_OF_RANGE, v.child("stratify"), sf, "stratify splits by class, but the task is "
          + spec.statedTask().label() + "; it applies to a classification only", "stratify: false, or a classification");
      return null;
    }
    // names the training file's header lacks are placed at their line now, as a csv source's features are
    if (!oneHot.isEmpty() && train instanceof SourceSpec.Csv csv && !new CsvSourceOptions(reader)
        .knownColumns(oh, v.child("one-hot"), csv.path(), csv.options().indexColumn(), csv.options().separator(),
            oneHot)) {
      return null;
    }
    if (!oneHot.isEmpty() && spec.statedTask() == Task.RECONSTRUCTION) {
      reader.report(ProblemId.OUT_OF_RANGE, v.child("one-hot"), oh,
          "one-hot encodes inputs of classification or regression; a reconstruction's inputs are its targets",
          "no one-hot key, or task: classification or regression");
      return null;
    }
    if (!oneHot.isEmpty() && train instanceof SourceSpec.Csv oneHotCsv && !new CsvSourceOptions(reader)
        .oneHotAreFeatures(oh, v.child("one-hot"), oneHotCsv.path(), oneHotCsv.options(), oneHotCsv.targets(), oneHot)) {
      return null;
    }
    String notRegression = spec.standardizesTargets() ? DataSpec.notRegression(spec.statedTask()) : null;
    if (notRegression != null) {
      reader.report(ProblemId.OUT_OF_RANGE, v.child("standardize-targets"), st, notRegression, "false");
      return null;
    }
    return spec;
  }

  /** The {@code one-hot} list of column names, or {@code null} after reporting. */
  private List<String> oneHot(Node node, String path) {
    List<Node> items = reader.sequence(node, path, "a list of feature column names, such as [island, sex]");
    if (items == null) {
      return null;
    }
    return distinctNames(items, path, "column");
  }

  /**
   * The names of a list of columns, or {@code null} after reporting each item that is not a name or repeats one;
   * {@code what} is how a message calls them ({@code column}, {@code target column}).
   */
  private List<String> distinctNames(List<Node> items, String path, String what) {
    List<String> names = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < items.size(); i++) {
      String name = reader.string(items.get(i), path + "[" + i + "]", "a column name");
      if (name == null) {
        ok = false;
      } else if (names.contains(name)) {
        reader.report(ProblemId.OUT_OF_RANGE, path + "[" + i + "]", items.get(i),
            "the " + what + " \"" + Excerpt.of(name) + "\" is listed twice", "each " + what + " once");
        ok = false;
      } else {
        names.add(name);
      }
    }
    return ok ? names : null;
  }

  /** {@code {fold: i, of: k}}, or {@code null} after reporting. */
  private HoldOut fold(MapView v, String path) {
    Node ofNode = v.require("of", "the number of folds, an integer in [2, " + HoldOut.MAX_FOLDS + "]");
    Long of = ofNode == null ? null : reader.integer(ofNode, v.child("of"), 2, HoldOut.MAX_FOLDS,
        "an integer in [2, " + HoldOut.MAX_FOLDS + "]");
    Node foldNode = v.require("fold", "which fold is the test data, an integer in [0, of)");
    Long fold = foldNode == null || of == null ? null : reader.integer(foldNode, v.child("fold"), 0, of - 1,
        "an integer in [0, " + (of - 1) + "]: one of the " + of + " folds, counted from 0");
    v.finish();
    return fold == null ? null : new HoldOut.Fold(fold.intValue(), of.intValue());
  }

  /**
   * A source mapping, or {@code null} after reporting.
   *
   * @param readLike for a held-out source, the csv training source whose target, task, features, missing and
   *     labels a csv source takes for those it does not give; {@code null} for the training source
   */
  private SourceSpec source(MapView v, SourceSpec.Csv readLike) {
    if (v == null) {
      return null;
    }
    Node s = v.require("source", String.join(", ", SOURCES));
    String kind = s == null ? null : reader.string(s, v.child("source"), "one of " + String.join(", ", SOURCES));
    if (kind == null) {
      return null; // without the kind, the other keys cannot be judged
    }
    switch (kind) {
      case "generator":
        return generator(v);
      case "csv":
        return csv(v, readLike);
      case "idx":
        return idx(v);
      case "spark":
        return spark(v);
      default:
        reader.report(
            ProblemId.OUT_OF_RANGE,
            v.child("source"),
            s,
            "unknown source \"" + Excerpt.of(kind) + "\"",
            String.join(", ", SOURCES),
            Suggestions.closest(kind, SOURCES));
        return null;
    }
  }

  private SourceSpec generator(MapView v) {
    PluginRefs.Parsed p = plugins.parse(v, "generator", List.of("source", "samples"));
    Node n = v.require("samples", "an integer >= 1");
    Integer samples = n == null ? null : reader.count(n, v.child("samples"), 1);
    if (p == null || !p.complete()) {
      return null;
    }
    // the other settings are checked without a count too: a misspelt "sampels" is why samples is missing, and its
    // "did you mean" was held back until the missing key was mended
    boolean accepted = generatorAccepts(p, v.path(), samples == null ? 1 : samples, n, samples != null);
    return samples == null || !accepted ? null : new SourceSpec.Generator(p.ref(), samples);
  }

  /**
   * Whether the generator exists and takes its settings, checked now rather than when the data is drawn so
   * that {@code nn validate} finds what {@code nn train} would, and each problem is placed at the node
   * that wrote the value: its line in the file, or the {@code --set} that gave it; an unknown generator at its
   * name, with the names there are, beside the file's other problems.
   */
  private boolean generatorAccepts(PluginRefs.Parsed p, String path, int samples, Node samplesNode,
      boolean samplesGiven) {
    Map<String, Object> settings = new LinkedHashMap<>(p.ref().settings());
    settings.put("samples", samples);
    try {
      Generators.check(p.ref().name(), settings);
      return true;
    } catch (ConfigException e) {
      for (ConfigProblem q : e.problems()) {
        if (!samplesGiven && q.path().equals("samples")) {
          continue; // its absence is reported already; the count checked stood in for it
        }
        String where = path + "." + q.path();
        Node at = q.path().equals("samples") ? samplesNode
            : q.id().equals(ProblemId.UNKNOWN_SETTING) ? p.keyNodes().getOrDefault(q.path(), p.nameNode())
            : p.valueNodes().getOrDefault(q.path(), p.nameNode());
        reader.report(q.id(), where, at, q.message(), q.allowed(), q.suggestions());
      }
      return false;
    }
  }

  private SourceSpec csv(MapView v, SourceSpec.Csv readLike) {
    Node p = v.require("path", "the CSV file, relative to the experiment file");
    PathRef path = p == null ? null : reader.path(p, v.child("path"));
    Node t = v.get("target");
    Node k = v.get("task");
    Task task = k != null ? reader.choice(k, v.child("task"), "task", Task.class, Task::label)
        : readLike != null ? readLike.task() : heldOutTask != null ? heldOutTask : Task.REGRESSION;
    // a held-out source without a target of its own reads the training source's by name: "last" there is a column
    // with a name, which the held-out file must have, wherever it stands in it (read by position, a file with its
    // columns in another order or one more column at the end lost its target)
    List<String> targets = t != null ? targets(t, v.child("target"), task)
        : readLike != null ? CsvSourceOptions.targetNames(readLike) : List.of(CsvReader.LAST);
    CsvOptions options = new CsvSourceOptions(reader).read(v, path);
    if (options != null && readLike != null) {
      options = readAs(options, readLike.options(), v);
    }
    if (path != null && targets != null && options != null && !new CsvSourceOptions(reader)
        .knownTargets(t != null ? t : v.node(), t != null ? v.child("target") : v.path(), path, options, targets)) {
      options = null;
    }
    Node l = v.get("labels");
    if (l != null && options != null && options.labels() == CsvOptions.Labels.NAMES && task != null
        && task != Task.CLASSIFICATION) {
      reader.report(ProblemId.OUT_OF_RANGE, v.child("labels"), l, "labels: names reads a classification's class"
          + " column, but the task is " + task.label(), "task: classification, or no labels key", List.of());
      options = null;
    }
    v.finish();
    if (path == null || targets == null || task == null || options == null) {
      return null;
    }
    return new SourceSpec.Csv(path, targets, task, options, reader.position(v.path(), v.node()),
        k != null || readLike != null || heldOutTask != null);
  }

  /**
   * A held-out source's options: its own, with the training source's features, missing, missing-values and labels
   * for the keys it does not give. Its separator and index column are its file's own.
   */
  private static CsvOptions readAs(CsvOptions own, CsvOptions train, MapView v) {
    boolean features = v.has("features");
    return new CsvOptions(features ? own.features() : train.features(), features ? own.ignored() : train.ignored(),
        v.has("missing") ? own.missing() : train.missing(), own.indexColumn(), own.separator(),
        v.has("labels") ? own.labels() : train.labels(),
        v.has("missing-values") ? own.missingValues() : train.missingValues(),
        // a hold-out's figures are unweighted: it reads no weights unless it says so, and needs no weight column
        own.weight());
  }

  /**
   * A csv source's {@code target:}: one column (last, first, a name or an index), or for regression a list of
   * column names, one output each; {@code null} after reporting.
   */
  private List<String> targets(Node t, String path, Task task) {
    String one = "last, first or a column name";
    if (!(t instanceof SequenceNode)) {
      String target = reader.string(t, path, task == Task.CLASSIFICATION ? one : one + ", or a list of column names");
      return target == null ? null : List.of(target);
    }
    if (task == Task.CLASSIFICATION) {
      reader.report(ProblemId.WRONG_TYPE, path, t, "classification reads its classes from one column, found a list",
          one + "; a list of target columns is for task: regression");
      return null;
    }
    List<Node> items = reader.sequence(t, path, "a list of column names");
    if (items == null) {
      return null;
    }
    if (items.isEmpty()) {
      reader.report(ProblemId.OUT_OF_RANGE, path, t, "the list of target columns is empty", "one or more column names");
      return null;
    }
    return distinctNames(items, path, "target column");
  }

  private SourceSpec spark(MapView v) {
    Node f = v.get("format");
    String format = f == null ? "parquet"
        : reader.string(f, v.child("format"), "one of " + String.join(", ", SourceSpec.Spark.FORMATS));
    if (format != null && !SourceSpec.Spark.FORMATS.contains(format)) {
      reader.report(ProblemId.OUT_OF_RANGE, v.child("format"), f, "unknown format \"" + Excerpt.of(format) + "\"",
          String.join(", ", SourceSpec.Spark.FORMATS), Suggestions.closest(format, SourceSpec.Spark.FORMATS));
      format = null;
    }
    Node p = v.require("path", "a path or URI Spark reads, e.g. hdfs://namenode/data/train.parquet");
    String written = p == null ? null : reader.string(p, v.child("path"), "a path or URI");
    String location = null;
    if (written != null) {
      // a URI keeps its scheme; a plain path is relative to the experiment file, like a csv source's
      location = SourceSpec.Spark.hasScheme(written) ? written
          : reader.path(p, v.child("path")).resolved().toString();
    }
    Node t = v.require("target", "the target column's name");
    String target = t == null ? null : reader.string(t, v.child("target"), "a column name");
    Node fs = v.get("features");
    List<String> features = new ArrayList<>();
    boolean featuresOk = true;
    if (fs != null) {
      List<Node> items = reader.sequence(fs, v.child("features"), "a list of column names");
      if (items == null) {
        featuresOk = false;
      } else {
        if (items.isEmpty()) {
          // as for a csv source: an empty list is no list of features, and meaning "every column" would hide it
          reader.report(ProblemId.OUT_OF_RANGE, v.child("features"), fs, "the list of feature columns is empty",
              "at least one column name, or no features key for every column but the target", List.of());
          featuresOk = false;
        }
        for (int i = 0; i < items.size(); i++) {
          String at = v.child("features") + "[" + i + "]";
          String name = reader.string(items.get(i), at, "a column name");
          if (name == null) {
            featuresOk = false;
          } else if (features.contains(name)) {
            reader.report(ProblemId.OUT_OF_RANGE, at, items.get(i), "column \"" + Excerpt.of(name)
                + "\" is listed twice", "each column once", List.of());
            featuresOk = false;
          } else {
            features.add(name);
          }
        }
      }
    }
    if (target != null && features.contains(target)) {
      // the target as an input would train the network to copy it: a label leak, which a csv source refuses too
      int i = features.indexOf(target);
      reader.report(ProblemId.OUT_OF_RANGE, v.child("features") + "[" + i + "]", fs, "column \"" + Excerpt.of(target)
          + "\" is the target column; a column is either the target or a feature", "the feature columns only",
          List.of());
      featuresOk = false;
    }
    Node k = v.get("task");
    Task task = k == null ? Task.REGRESSION : reader.choice(k, v.child("task"), "task", Task.class, Task::label);
    v.finish();
    if (task == Task.RECONSTRUCTION) {
      reader.report(ProblemId.OUT_OF_RANGE, v.child("task"), k, "a spark source trains on a target column",
          "classification, regression", List.of());
      return null;
    }
    if (format == null || location == null || target == null || !featuresOk || task == null) {
      return null;
    }
    return new SourceSpec.Spark(format, location, target, features, task, reader.position(v.path(), v.node()));
  }

  private SourceSpec idx(MapView v) {
    Node i = v.require("images", "the IDX image file, or a list of them, relative to the experiment file");
    List<PathRef> images = i == null ? null : paths(i, v.child("images"));
    Node l = v.require("labels", "the IDX label file, or a list of them, relative to the experiment file");
    List<PathRef> labels = l == null ? null : paths(l, v.child("labels"));
    if (images != null && labels != null && images.size() != labels.size()) {
      reader.report(ProblemId.OUT_OF_RANGE, v.child("labels"), l, "there are " + images.size() + " image files but "
          + labels.size() + " label files", "one label file per image file, in the same order", List.of());
      labels = null;
    }
    Node n = v.get("limit");
    Integer limit = n == null ? Integer.valueOf(0) : reader.count(n, v.child("limit"), 1);
    Node k = v.get("task");
    Task task = k == null ? Task.CLASSIFICATION : reader.choice(k, v.child("task"), "task", Task.class, Task::label);
    Integer classes = idxClasses(v);
    v.finish();
    if (images == null || labels == null || limit == null || task == null || classes == null) {
      return null;
    }
    if (task == Task.REGRESSION) {
      reader.report(ProblemId.OUT_OF_RANGE, v.child("task"), k, "an IDX source holds class labels, not real targets",
          "classification, reconstruction", List.of());
      return null;
    }
    OptionalInt max = limit == 0 ? OptionalInt.empty() : OptionalInt.of(limit);
    return new SourceSpec.Idx(images, labels, max, task, classes, reader.position(v.path(), v.node()));
  }

  /**
   * An idx source's {@code classes}: 2 … 256 (its labels are bytes), by default 10, or beside an idx training source
   * that source's, which a held-out one must share; {@code null} after reporting.
   */
  private Integer idxClasses(MapView v) {
    int inherited = heldOutClasses != null ? heldOutClasses : SourceSpec.Idx.DEFAULT_CLASSES;
    Node n = v.get("classes");
    if (n == null) {
      return inherited;
    }
    Long k = reader.integer(n, v.child("classes"), 2, SourceSpec.Idx.MAX_CLASSES,
        "an integer from 2 to " + SourceSpec.Idx.MAX_CLASSES + " (the labels are 0 … classes−1)");
    if (k != null && heldOutClasses != null && k.intValue() != heldOutClasses) {
      reader.report(ProblemId.OUT_OF_RANGE, v.child("classes"), n, "the training source has " + heldOutClasses
          + " classes; a held-out idx source holds the same classes", Integer.toString(heldOutClasses)
          + " (or no classes key: it takes the training source's)", List.of());
      return null;
    }
    return k == null ? null : k.intValue();
  }

  /** A path, or a non-empty list of paths (shards of one data set); {@code null} after reporting. */
  private List<PathRef> paths(Node node, String path) {
    if (!(node instanceof SequenceNode)) {
      PathRef one = reader.path(node, path);
      return one == null ? null : List.of(one);
    }
    List<Node> items = reader.sequence(node, path, "a path or a list of paths");
    if (items == null) {
      return null;
    }
    if (items.isEmpty()) {
      reader.report(ProblemId.OUT_OF_RANGE, path, node, "the list of files is empty", "at least one file", List.of());
      return null;
    }
    List<PathRef> refs = new ArrayList<>();
    for (int k = 0; k < items.size(); k++) {
      PathRef ref = reader.path(items.get(k), path + "[" + k + "]");
      if (ref == null) {
        return null;
      }
      refs.add(ref);
    }
    return refs;
  }

  private static Node splitNode(Node holdOut) {
    for (NodeTuple t : ((MappingNode) holdOut).getValue()) {
      if (NodeReader.isWord(t.getKeyNode(), "split")) {
        return t.getValueNode();
      }
    }
    return holdOut;
  }

  /**
   * {@code {split: f}}, a source mapping, {@code {fold: i, of: k}} when {@code folds} allows it, or the default
   * split; {@code null} after reporting.
   */
  private HoldOut holdOut(Node node, String path, double defaultSplit, boolean folds, SourceSpec.Csv readLike) {
    if (node == null) {
      return new HoldOut.Split(defaultSplit);
    }
    MapView v = reader.mapping(node, path);
    if (v == null) {
      return null;
    }
    if (v.has("fold") || v.has("of")) {
      if (!folds) {
        reader.report(ProblemId.OUT_OF_RANGE, path, node, "folds are for data.test, the data a cross-validation"
            + " holds out; the validation data is split off what the fold leaves", "{split: f}, or a source");
        return null;
      }
      return fold(v, path);
    }
    if (v.has("source")) {
      SourceSpec s = source(v, readLike);
      if (s instanceof SourceSpec.Spark) {
        reader.report(ProblemId.OUT_OF_RANGE, path + ".source", v.get("source"),
            "a spark source is for data.train; its hold-outs are split off it",
            "{split: f}, or a csv, idx or generator source");
        return null;
      }
      return s == null ? null : new HoldOut.FromSource(s);
    }
    Node f = v.require("split", "a fraction in [0, 1) of data.train, or a source: {source: ...}"
        + (folds ? ", or a fold: {fold: i, of: k}" : ""));
    Double fraction = f == null ? null : reader.number(f, v.child("split"), SPLIT);
    v.get("source");
    v.finish();
    return fraction == null ? null : new HoldOut.Split(fraction);
  }
}
