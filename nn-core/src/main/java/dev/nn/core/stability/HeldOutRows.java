package dev.nn.core.stability;

import dev.nn.api.TargetKind;
import dev.nn.core.config.Experiment;
import dev.nn.core.config.SourceSpec;
import dev.nn.core.data.Dataset;
import dev.nn.core.data.Generators;
import dev.nn.core.data.Task;
import dev.nn.core.experiment.PreparedData;
import dev.nn.core.random.RandomStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a study's replacement rows and test figures come from: rows the training split never sees. The
 * replacements come from the validation split, else the test split; the test figures from the test split, else
 * the validation split. An experiment whose training source is a generator and that holds nothing out gets
 * fresh draws from its generator instead — new samples of the same distribution, prepared as the training
 * split was (targets encoded for the loss, standardised with the training split's scaler) — which serve as both.
 *
 * @param pool the rows a replacement is drawn from, or {@code null} when there are none
 * @param test the rows the test figures are measured on, or {@code null}
 * @param description what the replacements are, for people
 */
record HeldOutRows(Dataset pool, Dataset test, String description) {
  /** How many rows a fresh draw takes. */
  static final int FRESH_DRAWS = 512;

  static HeldOutRows of(Experiment experiment, PreparedData data) {
    Dataset validation = nonEmpty(data.validation());
    Dataset test = nonEmpty(data.test());
    if (validation != null || test != null) {
      return new HeldOutRows(validation != null ? validation : test, test != null ? test : validation,
          "a held-out row of the " + (validation != null ? "validation" : "test") + " split");
    }
    if (experiment.data().train() instanceof SourceSpec.Generator) {
      SourceSpec.Generator g = (SourceSpec.Generator) experiment.data().train();
      Dataset fresh = freshDraws(g, experiment.seed(), data);
      return new HeldOutRows(fresh, fresh, "a fresh draw of generator " + g.generator().name());
    }
    return new HeldOutRows(null, null, "no held-out row");
  }

  /**
   * {@link #FRESH_DRAWS} new samples of the training source's generator, from a seed that the experiment's
   * own streams never use (the {@code STABILITY} stream at index −1), prepared like the training split.
   */
  private static Dataset freshDraws(SourceSpec.Generator g, long seed, PreparedData data) {
    Map<String, Object> settings = new LinkedHashMap<>(g.generator().settings());
    settings.put("samples", FRESH_DRAWS);
    long freshSeed = RandomStream.STABILITY.generator(seed, -1).nextLong();
    Dataset d = Generators.generate(g.generator().name(), settings, freshSeed, RandomStream.TEST_DATA);
    // the encoding DataPreparation gives the training split: one 0/1 column for a two-class binary loss
    if (d.task() == Task.CLASSIFICATION && (data.targets() == TargetKind.BINARY || data.targets() == TargetKind.SIGNED)
        && d.classCount() == 2) {
      d = d.withBinaryTarget();
    }
    d = data.scaler() == null ? d : data.scaler().transform(d);
    return data.targetScaler() == null ? d : data.targetScaler().transformTargets(d);
  }

  private static Dataset nonEmpty(Dataset d) {
    return d != null && d.size() > 0 ? d : null;
  }
}
