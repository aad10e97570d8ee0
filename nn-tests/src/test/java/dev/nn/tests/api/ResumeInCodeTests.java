package dev.nn.tests.api;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.Nn;
import dev.nn.core.config.Experiment;
import dev.nn.core.data.Dataset;
import dev.nn.core.experiment.TrainingInterruptedException;
import dev.nn.core.experiment.TrainingRun;
import dev.nn.core.random.Rng;
import dev.nn.core.run.RunFileException;
import dev.nn.core.train.EpochReport;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run trained on samples given in code is resumed in code with the same samples; its experiment's sources are
 * placeholders, so a resume without the samples, or with others, is refused rather than trained on other data.
 */
class ResumeInCodeTests {
  private static final String EXPERIMENT = """
      name: quadrants
      seed: 7
      data:
        train: {source: generator, name: xor, samples: 200}   # a placeholder: the samples come from code
        validation: {split: 0.2}
      network:
        layers:
          - {units: auto}
          - {units: 8, activation: tanh}
          - {units: auto, activation: identity}
      loss: binary-cross-entropy
      optimizer: {name: adam, learning-rate: 0.05}
      training: {epochs: 6, batch-size: 8}
      """;

  @TempDir
  Path tmp;

  private static Dataset quadrants(long seed, String first) {
    RandomGenerator random = Rng.create(seed);
    double[] x = new double[200 * 2];
    int[] classes = new int[200];
    for (int i = 0; i < 200; i++) {
      x[2 * i] = random.nextDouble(-1, 1);
      x[2 * i + 1] = random.nextDouble(-1, 1);
      classes[i] = x[2 * i] * x[2 * i + 1] > 0 ? 1 : 0;
    }
    return Dataset.classification("quadrants", x, classes, List.of(first, "b"), "same-sign", List.of("no", "yes"));
  }

  @Test
  void aRunOnSamplesFromCodeResumesOnlyWithTheSameSamples() {
    Nn nn = Nn.create();
    Experiment experiment = nn.parse(EXPERIMENT, List.of());
    Dataset samples = quadrants(1, "a");
    TrainingListener stopAtEpoch3 = new TrainingListener() {
      @Override
      public void onEpochEnd(Trainer trainer, EpochReport report) {
        if (report.epoch() == 3) {
          Thread.currentThread().interrupt();
        }
      }
    };
    TrainingInterruptedException stopped;
    try {
      stopped = assertThrows(TrainingInterruptedException.class,
          () -> nn.train(experiment, samples, null, TrainingRun.Options.into(tmp).withListener(stopAtEpoch3)));
    } finally {
      Thread.interrupted();
    }
    Path run = stopped.runDirectory().orElseThrow();

    // the status says how it was stopped and how to go on: in code, with the samples (it said Ctrl-C, and nn train)
    String status = assertDoesNotThrow(() -> Files.readString(run.resolve("status.yaml"))).replaceAll("\n\\s+", " ");
    assertTrue(status.contains("stopped by its thread's interruption (Thread.interrupt, Future.cancel(true)); nn.resume("
        + run + ", train, validation, options) with the samples it was given continues it"), status);

    RunFileException withoutSamples = assertThrows(RunFileException.class,
        () -> nn.resume(run, TrainingRun.Options.defaults()));
    assertTrue(withoutSamples.getMessage().contains("the run trained on (samples given in code: quadrants), which are"
        + " not given now, and its experiment's data sources are placeholders for them"), withoutSamples.getMessage());
    // allowing changed data does not make the placeholders the run's data: it trained them in the run's place
    RunFileException allowed = assertThrows(RunFileException.class,
        () -> nn.resume(run, TrainingRun.Options.defaults().allowingChangedData(true)));
    assertTrue(allowed.getMessage().contains("with or without --allow-changed-data"), allowed.getMessage());
    RunFileException otherSamples = assertThrows(RunFileException.class,
        () -> nn.resume(run, quadrants(2, "a"), null, TrainingRun.Options.defaults()));
    assertTrue(otherSamples.getMessage().contains("the data changed since the run started: (samples given in code:"
        + " quadrants) (SHA-256 was "), otherSamples.getMessage());

    TrainingRun.Result resumed = nn.resume(run, samples, null, TrainingRun.Options.defaults());
    assertEquals(6, resumed.training().last().epoch());
    assertEquals(List.of("a", "b"), resumed.model().spec().features(), "the samples' own columns, not the placeholder's");
    assertEquals(40, resumed.validation().rows(), "the validation split of the same 200 samples");
  }
}
