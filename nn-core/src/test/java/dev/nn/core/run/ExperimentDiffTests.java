package dev.nn.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.config.Experiment;
import dev.nn.core.config.ExperimentReader;
import dev.nn.core.config.ExperimentWriter;
import dev.nn.core.testing.FakePlugins;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Comparing written experiments: a key the writer leaves out at its default compares as that default, so that a
 * run of the default and a run that states it, or predates the key, do not differ; the list of such keys is the
 * writer's own, checked here against what it writes.
 */
class ExperimentDiffTests {
  private static final String BASE = String.join("\n",
      "name: d",
      "data:",
      "  train: {source: csv, path: iris.csv, target: species, task: classification}",
      "network:",
      "  layers: [{units: 4}, {units: 8, activation: relu}, {units: 3, activation: identity}]",
      "loss: softmax-cross-entropy",
      "optimizer: {name: sgd, learning-rate: 0.1}",
      "training: {epochs: 2, batch-size: 8}", "");

  private static Map<String, String> written(String yaml, String... overrides) {
    Experiment e = new ExperimentReader(FakePlugins.lookup(), Path.of("/work/here"), 2)
        .read(yaml, "test.yaml", Path.of("/exp/dir"), List.of(overrides));
    Map<String, Object> tree = new Yaml().load(ExperimentWriter.write(e));
    return ExperimentDiff.flatten(tree);
  }

  private static Set<String> patterns(Set<String> keys) {
    Set<String> out = new TreeSet<>();
    for (String k : keys) {
      out.add(k.replaceAll("\\[\\d+]", "[*]"));
    }
    return out;
  }

  @Test
  void theWriterLeavesOutExactlyTheListedKeysAtTheirDefaults() {
    Set<String> atDefaults = patterns(written(BASE).keySet());
    for (String key : ExperimentWriter.DEFAULTS_LEFT_OUT.keySet()) {
      assertTrue(!atDefaults.contains(key), key + " is written at its default");
    }
    Map<String, String> changed = written(BASE, "compute.precision=float32", "compute.loops=scalar",
        "compute.blas-kernels=Haswell", "data.stratify=true", "data.train.missing=mean",
        "data.train.index-column=false", "data.train.separator=tab", "data.train.labels=names",
        "data.train.missing-values=[\"?\"]",
        "network.layers[1].dropout=0.5", "optimizer.clip-norm=1",
        "optimizer.warmup=5");
    Set<String> keys = patterns(changed.keySet());
    for (String key : ExperimentWriter.DEFAULTS_LEFT_OUT.keySet()) {
      if (key.equals("data.train.missing-values")) {
        // a list: its items are written
        assertTrue(keys.contains(key + "[*]"), key + " is not written when it differs from its default: " + keys);
      } else if (!key.equals("data.one-hot")) {
        assertTrue(keys.contains(key), key + " is not written when it differs from its default: " + keys);
      }
    }
  }

  @Test
  void aKeyLeftOutAtItsDefaultComparesAsTheDefault() {
    Map<String, Object> quiet = new Yaml().load("compute: {threads: 2}\nnetwork: {layers: [{units: 4}, {units: 8}]}\n");
    Map<String, Object> stated = new Yaml().load(
        "compute: {threads: 2, precision: float64}\nnetwork: {layers: [{units: 4}, {units: 8, dropout: 0.0}]}\n");
    assertEquals(List.of(), ExperimentDiff.of(List.of(quiet, stated)));
    Map<String, Object> other = new Yaml().load(
        "compute: {threads: 2, precision: float32}\nnetwork: {layers: [{units: 4}, {units: 8, dropout: 0.25}]}\n");
    assertEquals(List.of(new ExperimentDiff.Difference("compute.precision", List.of("float64", "float32")),
        new ExperimentDiff.Difference("network.layers[1].dropout", List.of("0", "0.25"))),
        ExperimentDiff.of(List.of(quiet, other)));
    Map<String, Object> noSeed = new Yaml().load("compute: {threads: 2}\n");
    Map<String, Object> seed = new Yaml().load("compute: {threads: 2}\nseed: 3\n");
    assertEquals(List.of(new ExperimentDiff.Difference("seed", List.of(ExperimentDiff.ABSENT, "3"))),
        ExperimentDiff.of(List.of(noSeed, seed)));
  }

  /**
   * A plugin written by its name alone and one written as a mapping compare at the reference's key, their settings
   * below it (they read "loss (absent)" and "loss.name (absent)"); a csv source's defaults are not invented for a
   * generator or for a regression's labels; a whole number reads as written (5000, not 5000.0).
   */
  @Test
  void pluginReferencesSourcesAndNumbersCompareAsWritten() {
    Map<String, Object> squared = new Yaml().load("loss: squared\noptimizer: {name: sgd, learning-rate: 5000.0}\n"
        + "data: {train: {source: generator, name: sine, samples: 10}}\n");
    Map<String, Object> huber = new Yaml().load("loss: {name: huber, delta: 0.5}\n"
        + "optimizer: {name: sgd, learning-rate: 0.05}\n"
        + "data: {train: {source: csv, path: d.csv, target: y, task: regression}}\n");
    List<ExperimentDiff.Difference> d = ExperimentDiff.of(List.of(squared, huber));
    Map<String, List<String>> byKey = new java.util.HashMap<>();
    d.forEach(x -> byKey.put(x.key(), x.values()));
    assertEquals(List.of("squared", "huber"), byKey.get("loss"));
    assertEquals(List.of(ExperimentDiff.ABSENT, "0.5"), byKey.get("loss.delta"));
    assertEquals(List.of("5000", "0.05"), byKey.get("optimizer.learning-rate"));
    assertTrue(d.stream().noneMatch(x -> x.key().equals("data.train.labels")), d.toString());
    assertTrue(d.stream().noneMatch(x -> x.key().equals("loss.name")), d.toString());
  }
}
