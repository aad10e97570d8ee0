package dev.nn.core.config;

import dev.nn.core.data.CsvOptions;
import dev.nn.core.kernel.Precision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes an {@link Experiment} as YAML with every default filled in and every path absolute, so that the
 * file alone repeats the run; {@link ExperimentReader} reads it back to an equal experiment. The text is
 * dumped from plain maps and lists, so it carries no tags.
 */
public final class ExperimentWriter {
  private ExperimentWriter() {}

  /** The experiment as YAML text, ending with a line break. */
  public static String write(Experiment e) {
    DumperOptions o = new DumperOptions();
    o.setDefaultFlowStyle(DumperOptions.FlowStyle.AUTO);
    o.setIndent(2);
    o.setWidth(120);
    o.setSplitLines(false);
    String header = "# Experiment " + e.name() + " with every default filled in; train on this file to repeat the run.\n";
    return header + new Yaml(o).dump(tree(e));
  }

  /**
   * The keys written only when they differ from their defaults, by key path ({@code [*]} for any list index),
   * with the default as a reader of a written experiment should take it: these keys came after run directories
   * already held experiments, which must read back the same. Comparing runs uses it, so that a run of the default
   * and a run that predates the key do not differ.
   */
  public static final Map<String, String> DEFAULTS_LEFT_OUT = Map.ofEntries(
      Map.entry("compute.precision", Precision.FLOAT64.yamlName()),
      Map.entry("compute.loops", Loops.AUTO.yamlName()),
      Map.entry("compute.blas-kernels", "auto"),
      Map.entry("data.stratify", "false"),
      Map.entry("data.one-hot", "[]"),
      Map.entry("data.train.missing", CsvOptions.Missing.ERROR.label()),
      Map.entry("data.train.index-column", CsvOptions.IndexColumn.AUTO.label()),
      Map.entry("data.train.separator", CsvOptions.separatorLabel(CsvOptions.AUTO_SEPARATOR)),
      Map.entry("data.train.labels", CsvOptions.Labels.INDICES.label()),
      Map.entry("data.train.missing-values", "[]"),
      Map.entry("network.layers[*].dropout", "0.0"),
      Map.entry("optimizer.clip-norm", "0.0"),
      Map.entry("optimizer.warmup", "0"));

  /** The experiment as nested maps and lists of strings, numbers and booleans, in schema order. */
  static Map<String, Object> tree(Experiment e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", e.name());
    m.put("seed", e.seed());
    m.put("data", data(e.data()));
    m.put("network", network(e.network()));
    m.put("loss", plugin(e.loss()));
    m.put("optimizer", optimizer(e.optimizer()));
    m.put("l2", e.l2());
    m.put("training", training(e.training()));
    Map<String, Object> compute = new LinkedHashMap<>();
    compute.put("backend", e.compute().backend().yamlName());
    compute.put("threads", e.compute().threads());
    // defaults are left out, so that experiments written before these keys existed read back the same
    if (e.compute().precision() != Precision.FLOAT64) {
      compute.put("precision", e.compute().precision().yamlName());
    }
    if (e.compute().loops() != Loops.AUTO) {
      compute.put("loops", e.compute().loops().yamlName());
    }
    if (!e.compute().blasKernels().equals("auto")) {
      compute.put("blas-kernels", e.compute().blasKernels());
    }
    if (e.compute().blasFrom() != null) {
      compute.put("blas-from", e.compute().blasFrom());
    }
    m.put("compute", compute);
    m.put("output", Map.of("dir", e.output().dir().resolved().toString()));
    e.distributed().ifPresent(d -> {
      Map<String, Object> dist = new LinkedHashMap<>();
      dist.put("master", d.master());
      dist.put("partitions", d.partitions());
      dist.put("mode", d.mode().yamlName());
      dist.put("average-every", d.averageEvery());
      if (!d.conf().isEmpty()) {
        dist.put("conf", new java.util.TreeMap<>(d.conf()));
      }
      m.put("distributed", dist);
    });
    return m;
  }

  private static Map<String, Object> data(DataSpec d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("train", source(d.train()));
    m.put("validation", holdOut(d.validation()));
    m.put("test", holdOut(d.test()));
    m.put("standardize", d.standardize());
    if (d.standardizeTargets() != null) {
      m.put("standardize-targets", d.standardizeTargets());
    }
    if (!d.oneHot().isEmpty()) {
      m.put("one-hot", new ArrayList<>(d.oneHot()));
    }
    if (d.stratify()) {
      m.put("stratify", true);
    }
    if (d.splitSeed() != null) {
      m.put("split-seed", d.splitSeed());
    }
    return m;
  }

  private static Map<String, Object> holdOut(HoldOut h) {
    if (h instanceof HoldOut.Split) {
      return Map.of("split", ((HoldOut.Split) h).fraction());
    }
    if (h instanceof HoldOut.Fold f) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("fold", f.fold());
      m.put("of", f.folds());
      return m;
    }
    return source(((HoldOut.FromSource) h).source());
  }

  private static Map<String, Object> source(SourceSpec s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", s.source());
    if (s instanceof SourceSpec.Generator) {
      SourceSpec.Generator g = (SourceSpec.Generator) s;
      m.put("name", g.generator().name());
      m.put("samples", g.samples());
      m.putAll(g.generator().settings());
    } else if (s instanceof SourceSpec.Csv) {
      SourceSpec.Csv c = (SourceSpec.Csv) s;
      m.put("path", c.path().resolved().toString());
      m.put("target", c.targets().size() == 1 ? c.targets().get(0) : new ArrayList<>(c.targets()));
      m.put("task", c.task().label());
      if (!c.options().features().isEmpty()) {
        m.put("features", new ArrayList<>(c.options().features()));
      } else if (!c.options().ignored().isEmpty()) {
        m.put("features", Map.of("ignore", new ArrayList<>(c.options().ignored())));
      }
      if (c.options().missing() != CsvOptions.Missing.ERROR) {
        m.put("missing", c.options().missing().label());
      }
      if (c.options().indexColumn() != CsvOptions.IndexColumn.AUTO) {
        m.put("index-column", c.options().indexColumn().label());
      }
      if (c.options().separator() != CsvOptions.AUTO_SEPARATOR) {
        m.put("separator", CsvOptions.separatorLabel(c.options().separator()));
      }
      if (c.options().labels() != CsvOptions.Labels.INDICES) {
        m.put("labels", c.options().labels().label());
      }
      if (!c.options().missingValues().isEmpty()) {
        m.put("missing-values", new ArrayList<>(c.options().missingValues()));
      }
      if (c.options().weight() != null) {
        m.put("weight", c.options().weight());
      }
    } else if (s instanceof SourceSpec.Spark) {
      SourceSpec.Spark k = (SourceSpec.Spark) s;
      m.put("format", k.format());
      m.put("path", k.location());
      m.put("target", k.target());
      if (!k.features().isEmpty()) {
        m.put("features", new ArrayList<>(k.features()));
      }
      m.put("task", k.task().label());
    } else {
      SourceSpec.Idx x = (SourceSpec.Idx) s;
      m.put("images", paths(x.images()));
      m.put("labels", paths(x.labels()));
      x.limit().ifPresent(limit -> m.put("limit", limit));
      m.put("task", x.task().label());
      if (x.classes() != SourceSpec.Idx.DEFAULT_CLASSES) {
        m.put("classes", x.classes());
      }
    }
    return m;
  }

  /** One path as a string, several as a list. */
  private static Object paths(List<PathRef> refs) {
    List<String> written = new ArrayList<>();
    for (PathRef r : refs) {
      written.add(r.resolved().toString());
    }
    return written.size() == 1 ? written.get(0) : written;
  }

  private static Map<String, Object> network(NetworkSpec n) {
    List<Object> layers = new ArrayList<>();
    for (LayerSpec l : n.layers()) {
      Map<String, Object> layer = new LinkedHashMap<>();
      layer.put("units", l.isAuto() ? "auto" : (Object) l.units());
      l.activation().ifPresent(a -> layer.put("activation", plugin(a)));
      if (l.dropout() > 0) {
        layer.put("dropout", l.dropout());
      }
      layers.add(layer);
    }
    List<Object> ties = new ArrayList<>();
    for (TieSpec t : n.ties()) {
      ties.add(tie(t));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("layers", layers);
    if (n.weightsFrom().isPresent()) {
      // the file's weights replace the initializer's draw, and the two keys do not go together
      m.put("weights-from", n.weightsFrom().get().resolved().toString());
    } else {
      m.put("init", plugin(n.init()));
    }
    m.put("ties", ties);
    return m;
  }

  private static Map<String, Object> tie(TieSpec t) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (t instanceof TieSpec.ShareGroup) {
      m.put("share", texts(((TieSpec.ShareGroup) t).members()));
    } else if (t instanceof TieSpec.Absent) {
      m.put("absent", texts(((TieSpec.Absent) t).params()));
    } else if (t instanceof TieSpec.BlockTie) {
      TieSpec.BlockTie b = (TieSpec.BlockTie) t;
      m.put("tie", b.tie().toString());
      m.put("to", b.to().toString());
      m.put("transpose", b.transpose());
    } else if (t instanceof TieSpec.Conv1d) {
      TieSpec.Conv1d c = (TieSpec.Conv1d) t;
      Map<String, Object> conv = new LinkedHashMap<>();
      conv.put("layer", c.layer());
      conv.put("input", List.of(c.channels(), c.length()));
      conv.put("kernel", c.kernel());
      conv.put("stride", c.stride());
      conv.put("channels", c.outChannels());
      m.put("conv1d", conv);
    } else {
      TieSpec.Conv2d c = (TieSpec.Conv2d) t;
      Map<String, Object> conv = new LinkedHashMap<>();
      conv.put("layer", c.layer());
      conv.put("input", List.of(c.channels(), c.height(), c.width()));
      conv.put("kernel", List.of(c.kernelHeight(), c.kernelWidth()));
      conv.put("stride", List.of(c.strideHeight(), c.strideWidth()));
      conv.put("channels", c.outChannels());
      m.put("conv2d", conv);
    }
    return m;
  }

  private static List<String> texts(List<ParamRef> refs) {
    List<String> out = new ArrayList<>();
    for (ParamRef r : refs) {
      out.add(r.toString());
    }
    return out;
  }

  private static Object plugin(PluginRef p) {
    if (p.settings().isEmpty()) {
      return p.name();
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", p.name());
    m.putAll(p.settings());
    return m;
  }

  private static Map<String, Object> optimizer(OptimizerSpec o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", o.optimizer().name());
    m.put("learning-rate", o.learningRate());
    m.put("schedule", schedule(o.schedule()));
    if (o.clipNorm() > 0) {
      m.put("clip-norm", o.clipNorm());
    }
    if (o.warmup() > 0) {
      m.put("warmup", o.warmup());
    }
    m.putAll(o.optimizer().settings());
    return m;
  }

  private static Object schedule(ScheduleSpec s) {
    return s instanceof ScheduleSpec.Constant ? s.name() : s.asMap();
  }

  private static Map<String, Object> training(TrainingSpec t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("epochs", t.epochs());
    m.put("batch-size", t.batchSize());
    m.put("shuffle", t.shuffle());
    if (t.earlyStopping().isPresent()) {
      EarlyStopping s = t.earlyStopping().get();
      Map<String, Object> es = new LinkedHashMap<>();
      es.put("patience", s.patience());
      es.put("monitor", s.monitor().yamlName());
      es.put("min-delta", s.minDelta());
      m.put("early-stopping", es);
    } else {
      m.put("early-stopping", false);
    }
    m.put("checkpoint-every", t.checkpointEvery());
    m.put("checkpoint-minutes", Double.isInfinite(t.checkpointMinutes()) ? "off" : t.checkpointMinutes());
    t.classWeights().ifPresent(w -> m.put("class-weights", w.yamlValue()));
    return m;
  }
}
