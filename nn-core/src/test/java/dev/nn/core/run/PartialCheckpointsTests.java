package dev.nn.core.run;

import static dev.nn.core.run.RunFixtures.assertSameState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.train.EpochReport;
import dev.nn.core.train.TrainerState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints taken partway through an epoch ({@code partial-epoch-NNNN.ckpt}): written beside the epochs' own, read
 * back bit for bit, resumed from when newer than every epoch's checkpoint, and gone once a newer checkpoint is in
 * place.
 */
class PartialCheckpointsTests {
  @TempDir
  Path dir;

  /** After {@code epoch} epochs whose loss fell every epoch; partway through the next when {@code batches > 0}. */
  private static TrainerState state(int epoch, int batches) {
    TrainerState s = RunFixtures.sampleState();
    List<EpochReport> history = new ArrayList<>();
    for (int e = 1; e <= epoch; e++) {
      history.add(new EpochReport(e, e * 10L, 0.1, 1.0 / e, null, 0));
    }
    TrainerState.Within within = batches == 0 ? null
        : new TrainerState.Within(batches, 8, 77, 0.1 * batches + 1e-17, 12.5 + batches, Math.PI);
    return new TrainerState(epoch, epoch * 10L + batches, new double[] {epoch, -batches}, s.optimizerState(), null, 0,
        Double.NaN, 0, history, TrainerState.End.RUNNING, within);
  }

  private List<String> names() throws Exception {
    try (var files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  /**
   * An old checkpoint that cannot be deleted (here epoch 1's, whose delete fails as a disk's input/output error
   * would) is a warning, once per file, when the checkpoints were given where to say it: pruning only removes a
   * surplus file, and a training of hours ended for it. Without, as for a tool that prunes alone, it is the failure
   * it was.
   */
  @Test
  void anOldCheckpointThatCannotBeDeletedIsAWarningOnceAndTheSaveGoesOn() throws Exception {
    Checkpoints.Deletion failingForEpochOne = file -> {
      if (file.getFileName().toString().equals("epoch-0001.ckpt")) {
        throw new java.nio.file.FileSystemException(file.toString(), null, "Input/output error");
      }
      Files.deleteIfExists(file);
    };
    List<String> warnings = new ArrayList<>();
    Checkpoints checkpoints = new Checkpoints(dir, 2, failingForEpochOne).warningOfUndeletedTo(warnings::add);
    checkpoints.save(state(1, 0));
    checkpoints.save(state(2, 0));
    checkpoints.save(state(3, 0));
    checkpoints.save(state(4, 0));
    assertEquals(List.of("epoch-0001.ckpt", "epoch-0003.ckpt", "epoch-0004.ckpt"), names());
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).startsWith("warning: cannot delete the old checkpoint " + dir.resolve("epoch-0001.ckpt")
        + ": "), warnings.get(0));
    assertTrue(warnings.get(0).endsWith("; training goes on, and the next checkpoint tries again to delete it"),
        warnings.get(0));
    java.io.UncheckedIOException thrown = assertThrows(java.io.UncheckedIOException.class,
        () -> new Checkpoints(dir, 2, failingForEpochOne).save(state(5, 0)));
    assertTrue(thrown.getMessage().startsWith("cannot delete the old checkpoint " + dir.resolve("epoch-0001.ckpt")),
        thrown.getMessage());
  }

  @Test
  void aStateWithinAnEpochReadsBackBitForBit() {
    Checkpoints checkpoints = new Checkpoints(dir, 2);
    TrainerState state = state(3, 5);
    Path file = checkpoints.savePartial(state);
    assertEquals("partial-epoch-0004.ckpt", file.getFileName().toString());
    assertSameState(state, Checkpoints.read(file));
  }

  @Test
  void aPartialCheckpointReplacesTheOneBeforeItAndGoesWhenItsEpochsCheckpointIsWritten() throws Exception {
    Checkpoints checkpoints = new Checkpoints(dir, 2);
    checkpoints.save(state(1, 0));
    checkpoints.savePartial(state(1, 3));
    checkpoints.savePartial(state(1, 7));
    assertEquals(List.of("epoch-0001.ckpt", "partial-epoch-0002.ckpt"), names());
    assertEquals(7, Checkpoints.read(dir.resolve("partial-epoch-0002.ckpt")).within().batches());
    assertEquals(Optional.of(dir.resolve("partial-epoch-0002.ckpt")), checkpoints.newest());

    checkpoints.save(state(2, 0));
    assertEquals(List.of("epoch-0001.ckpt", "epoch-0002.ckpt"), names());
    assertEquals(Optional.of(dir.resolve("epoch-0002.ckpt")), checkpoints.newest());
  }

  @Test
  void aResumeTakesThePartialCheckpointWhenItIsNewerThanEveryEpochs() {
    Checkpoints checkpoints = new Checkpoints(dir, 2);
    checkpoints.save(state(1, 0));
    checkpoints.save(state(2, 0));
    // with checkpoint-every above 1, epochs pass without a checkpoint of their own: the partial one is still newer
    checkpoints.savePartial(state(4, 6));
    List<String> notices = new ArrayList<>();
    TrainerState read = checkpoints.readNewestIntact(notices::add).orElseThrow();
    assertSameState(state(4, 6), read);
    assertEquals(List.of(), notices);
  }

  @Test
  void aPartialCheckpointOlderThanAnEpochsIsDeletedByAResume() throws Exception {
    Checkpoints checkpoints = new Checkpoints(dir, 2);
    checkpoints.save(state(1, 0));
    checkpoints.savePartial(state(1, 4));
    // a process killed after writing epoch 2's checkpoint and before deleting the partial one of epoch 2
    Checkpoints.write(dir.resolve("epoch-0002.ckpt"), state(2, 0));
    assertEquals(List.of("epoch-0001.ckpt", "epoch-0002.ckpt", "partial-epoch-0002.ckpt"), names());

    TrainerState read = checkpoints.readNewestIntact(n -> { }).orElseThrow();
    assertEquals(2, read.epoch());
    assertEquals(null, read.within());
    assertEquals(List.of("epoch-0001.ckpt", "epoch-0002.ckpt"), names());
  }

  @Test
  void aDamagedPartialCheckpointIsSetAsideAndTheEpochsBeforeItIsRead() throws Exception {
    Checkpoints checkpoints = new Checkpoints(dir, 2);
    checkpoints.save(state(1, 0));
    Path partial = checkpoints.savePartial(state(1, 4));
    byte[] bytes = Files.readAllBytes(partial);
    Files.write(partial, java.util.Arrays.copyOf(bytes, bytes.length / 2));

    List<String> notices = new ArrayList<>();
    TrainerState read = checkpoints.readNewestIntact(notices::add).orElseThrow();
    assertEquals(1, read.epoch());
    assertEquals(null, read.within());
    assertEquals(List.of("epoch-0001.ckpt", "partial-epoch-0002.ckpt.damaged"), names());
    assertEquals(2, notices.size(), notices.toString());
    assertTrue(notices.get(0).startsWith("the checkpoint " + partial + " is damaged and is set aside as"
        + " partial-epoch-0002.ckpt.damaged: "), notices.get(0));
    assertEquals("resuming from " + dir.resolve("epoch-0001.ckpt") + " instead", notices.get(1));
  }

  @Test
  void aPartialCheckpointWithoutAPositionIsTakenForDamaged() throws Exception {
    Checkpoints checkpoints = new Checkpoints(dir, 2);
    checkpoints.save(state(1, 0));
    Checkpoints.write(dir.resolve("partial-epoch-0002.ckpt"), state(1, 0));
    List<String> notices = new ArrayList<>();
    assertEquals(1, checkpoints.readNewestIntact(notices::add).orElseThrow().epoch());
    assertTrue(notices.get(0).contains("holds no position within its epoch, though its name says it was taken partway"
        + " through one (corrupted)"), notices.get(0));
  }

  @Test
  void onlyAPartialCheckpointInTheFirstEpochIsResumedFrom() {
    Checkpoints checkpoints = new Checkpoints(dir, 2);
    checkpoints.savePartial(state(0, 2));
    assertEquals(Optional.of(dir.resolve("partial-epoch-0001.ckpt")), checkpoints.newest());
    assertEquals(2, checkpoints.readNewestIntact(n -> { }).orElseThrow().within().batches());
    // the epochs' own listing, pruning and the best checkpoint do not count it
    assertEquals(List.of(), checkpoints.list());
    assertFalse(checkpoints.best().isPresent());
  }

  @Test
  void aStateAtAnEpochsEndIsNotSavedAsPartial() {
    Checkpoints checkpoints = new Checkpoints(dir, 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> checkpoints.savePartial(state(2, 0)));
    assertEquals("a partial checkpoint is of a state within an epoch; epoch 2's state is at its end", e.getMessage());
  }
}
