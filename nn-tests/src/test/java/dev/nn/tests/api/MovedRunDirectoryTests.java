package dev.nn.tests.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.Nn;
import dev.nn.core.config.Experiment;
import dev.nn.core.experiment.TrainingRun;
import dev.nn.core.io.FolderGoneException;
import dev.nn.core.run.RunDirectory;
import dev.nn.core.train.EpochReport;
import dev.nn.core.train.Trainer;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run directory moved away while its run trains (tidying the runs folder): the run stops at its next write, with
 * the folder that is gone named, rather than make the old path again with the files written after (a half run
 * directory that said the run completed, beside the moved one that looked killed); the moved directory resumes.
 */
class MovedRunDirectoryTests {
  /** InterruptedThreadTests' regression, planned for six epochs. */
  private static final String EXPERIMENT = InterruptedThreadTests.EXPERIMENT.replace("name: cancelled", "name: moved")
      .replace("epochs: 100000", "epochs: 6");

  @TempDir
  Path tmp;

  @Test
  void aRunWhoseDirectoryWasMovedStopsWithoutMakingItAgainAndTheMovedOneResumes() throws Exception {
    Nn nn = Nn.create();
    Experiment experiment = nn.parse(EXPERIMENT, List.of());
    Path runs = Files.createDirectories(tmp.resolve("runs"));
    AtomicReference<Path> directory = new AtomicReference<>();
    Path moved = tmp.resolve("kept-elsewhere");
    TrainingRun.Options movingAfterEpoch2 = TrainingRun.Options.into(runs)
        .withListener(new TrainingRun.DirectoryListener() {
          @Override
          public void onDirectory(RunDirectory dir) {
            directory.set(dir.path());
          }

          @Override
          public void onEpochEnd(Trainer trainer, EpochReport report) {
            if (report.epoch() == 2) {
              try {
                Files.move(directory.get(), moved);
              } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
              }
            }
          }
        });
    FolderGoneException gone = assertThrows(FolderGoneException.class, () -> nn.train(experiment,
        movingAfterEpoch2));
    assertEquals(directory.get().toAbsolutePath().normalize(), gone.folder());
    assertTrue(gone.getMessage().endsWith(": the folder " + gone.folder() + " was moved or deleted while nn wrote in"
        + " it"), gone.getMessage());
    assertFalse(Files.exists(directory.get()), "the old path is not made again");
    assertEquals(List.of(moved), listing(tmp).stream().filter(p -> !p.equals(runs)).toList());
    assertTrue(Files.isRegularFile(moved.resolve("experiment.yaml")));
    assertTrue(Files.isRegularFile(moved.resolve("checkpoints").resolve("epoch-0002.ckpt")));

    TrainingRun.Result resumed = nn.resume(moved, TrainingRun.Options.defaults());
    assertEquals(6, resumed.training().last().epoch());
    assertTrue(Files.readString(moved.resolve("status.yaml")).startsWith("state: finished"),
        Files.readString(moved.resolve("status.yaml")));
    assertFalse(Files.exists(directory.get()));
  }

  private static List<Path> listing(Path dir) throws Exception {
    try (var files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }
}
