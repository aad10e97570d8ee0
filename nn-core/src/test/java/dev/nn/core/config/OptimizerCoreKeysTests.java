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
 * The core's keys {@code optimizer.clip-norm} (a number above 0) and {@code optimizer.warmup} (a count of updates):
 * keys of every optimizer that the plugin never sees, none when absent, written back only when set.
 */
class OptimizerCoreKeysTests {
  private static final Path DIR = Path.of("/exp/dir");

  private static String experiment(String optimizer) {
    return "data:\n"
        + "  train: {source: csv, path: data/digits.csv, target: last, task: classification}\n"
        + "network:\n"
        + "  layers: [{units: auto}, {units: 16, activation: relu}, {units: auto, activation: identity}]\n"
        + "loss: softmax-cross-entropy\n"
        + "optimizer: " + optimizer + "\n";
  }

  @Test
  void theLimitIsReadForAnyOptimizerAndIsNotAPluginSetting() {
    OptimizerSpec adam = read(experiment("{name: adam, learning-rate: 0.01, clip-norm: 5, beta1: 0.8}")).optimizer();
    assertEquals(5.0, adam.clipNorm());
    assertEquals(0.8, ((Number) adam.optimizer().settings().get("beta1")).doubleValue());
    assertFalse(adam.optimizer().settings().containsKey("clip-norm"), adam.optimizer().settings().toString());
    assertEquals(0.0, read(experiment("{name: sgd}")).optimizer().clipNorm(), "none when absent");
    assertEquals(0.5, read(experiment("sgd"), "optimizer.clip-norm=0.5").optimizer().clipNorm(), "set by --set");
  }

  @Test
  void aLimitOfZeroOrBelowOrAWordIsOneProblemAtItsKey() {
    List<ConfigProblem> zero = problems(experiment("{name: sgd, clip-norm: 0}"));
    assertEquals(List.of("optimizer.clip-norm: must be > 0, found 0"), texts(zero));
    assertEquals(ProblemId.OUT_OF_RANGE, zero.get(0).id());
    assertEquals(6, zero.get(0).line());
    assertEquals("> 0", zero.get(0).allowed());
    assertEquals(List.of("optimizer.clip-norm: must be > 0, found -1"),
        texts(problems(experiment("{name: sgd, clip-norm: -1}"))));
    assertEquals(List.of("optimizer.clip-norm: must be a finite number > 0, found .inf"),
        texts(problems(experiment("{name: sgd, clip-norm: .inf}"))));
    List<ConfigProblem> word = problems(experiment("{name: sgd, clip-norm: high}"));
    assertEquals(ProblemId.WRONG_TYPE, word.get(0).id());
    List<ConfigProblem> misspelt = problems(experiment("{name: sgd, clip-nrom: 1}"));
    assertEquals(List.of("clip-norm"), misspelt.get(0).suggestions());
  }

  @Test
  void theWrittenExperimentReadsBackWithTheSameLimitAndNoKeyWithoutOne() {
    ExperimentReader reader = Resources.reader();
    Experiment clipped = reader.read(experiment("{name: momentum, momentum: 0.9, clip-norm: 2.5}"), "c.yaml", DIR,
        List.of());
    String text = ExperimentWriter.write(clipped);
    assertTrue(text.contains("clip-norm: 2.5"), text);
    Experiment again = reader.read(text, "again.yaml", DIR, List.of());
    assertEquals(clipped, again);
    assertEquals(2.5, again.optimizer().clipNorm());
    String plain = ExperimentWriter.write(reader.read(experiment("sgd"), "p.yaml", DIR, List.of()));
    assertFalse(plain.contains("clip-norm"), plain);
  }

  @Test
  void theWarmupIsACountOfUpdatesForAnyOptimizerAndIsNotAPluginSetting() {
    OptimizerSpec adam = read(experiment("{name: adam, warmup: 500, beta1: 0.8}")).optimizer();
    assertEquals(500, adam.warmup());
    assertFalse(adam.optimizer().settings().containsKey("warmup"), adam.optimizer().settings().toString());
    assertEquals(0, read(experiment("sgd")).optimizer().warmup(), "none when absent");
    assertEquals(7, read(experiment("sgd"), "optimizer.warmup=7").optimizer().warmup(), "set by --set");
    for (String bad : List.of("0", "-3", "1.5", "many")) {
      List<ConfigProblem> p = problems(experiment("{name: sgd, warmup: " + bad + "}"));
      assertEquals(1, p.size(), bad + ": " + texts(p));
      assertEquals("optimizer.warmup", p.get(0).path(), bad);
      assertEquals(6, p.get(0).line(), bad);
    }
    assertEquals(List.of("optimizer.warmup: must be >= 1, found 0"),
        texts(problems(experiment("{name: sgd, warmup: 0}"))));
  }

  @Test
  void theWarmupIsWrittenBackOnlyWhenSet() {
    ExperimentReader reader = Resources.reader();
    Experiment warmed = reader.read(experiment("{name: sgd, warmup: 40, clip-norm: 3}"), "w.yaml", DIR, List.of());
    String text = ExperimentWriter.write(warmed);
    assertTrue(text.contains("warmup: 40"), text);
    assertEquals(warmed, reader.read(text, "again.yaml", DIR, List.of()));
    assertFalse(ExperimentWriter.write(reader.read(experiment("sgd"), "p.yaml", DIR, List.of())).contains("warmup"));
  }
}
