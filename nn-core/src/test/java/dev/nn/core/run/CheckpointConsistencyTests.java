package dev.nn.core.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.io.LittleEndian;
import dev.nn.core.train.EpochReport;
import dev.nn.core.train.TrainerState;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint whose archive is sound (its SHA256SUMS made anew after a hand edit) but whose fields contradict each
 * other or its file's name is set aside as damaged, naming the field, and the resume goes on from the one before: it
 * no longer resumes as if it were true.
 */
class CheckpointConsistencyTests {
  @TempDir
  Path dir;

  /** After {@code epoch} epochs of 10 updates each, with early stopping's best at epoch 2; partway when batches > 0. */
  private static TrainerState state(int epoch, int batches) {
    List<EpochReport> history = new ArrayList<>();
    for (int e = 1; e <= epoch; e++) {
      history.add(new EpochReport(e, e * 10L, 0.1, 1.0 / e, null, 0));
    }
    TrainerState.Within within = batches == 0 ? null : new TrainerState.Within(batches, 8, 77, 1.5, 2, Math.PI);
    return new TrainerState(epoch, epoch * 10L + batches, new double[] {epoch, -epoch}, new double[][] {{0.5, 1e300}},
        new double[] {2, -2}, 2, 0.25, epoch - 2, history, TrainerState.End.RUNNING, within);
  }

  /** Checkpoints 3 and 8 of a run, as a resume finds them. */
  private Checkpoints threeAndEight() {
    Checkpoints checkpoints = new Checkpoints(dir, 2);
    checkpoints.save(state(3, 0));
    checkpoints.save(state(8, 0));
    return checkpoints;
  }

  /** Rewrites one entry of {@code file}, its SHA-256 in SHA256SUMS made anew, as a careful hand edit does. */
  private static void edit(Path file, String entry, byte[] content) throws Exception {
    Files.write(file, CheckpointsTests.replace(Files.readAllBytes(file), entry, content, true));
  }

  private static void editHeader(Path file, String from, String to) throws Exception {
    String header = new String(CheckpointsTests.entry(Files.readAllBytes(file), CheckpointFile.HEADER),
        StandardCharsets.UTF_8);
    assertTrue(header.contains(from), header);
    edit(file, CheckpointFile.HEADER, header.replace(from, to).getBytes(StandardCharsets.UTF_8));
  }

  /** Reads the newest intact checkpoint; it must be epoch 3's, with epoch 8's set aside for {@code problem}. */
  private void assertSetAsideFor(Checkpoints checkpoints, Path file, String problem) {
    List<String> notices = new ArrayList<>();
    TrainerState read = checkpoints.readNewestIntact(notices::add).orElseThrow();
    assertEquals(3, read.epoch());
    assertArrayEquals(new double[] {3, -3}, read.params(), 0.0);
    assertEquals(List.of("the checkpoint " + file + " is damaged and is set aside as " + file.getFileName()
        + ".damaged: " + file + ": " + problem, "resuming from " + dir.resolve("epoch-0003.ckpt") + " instead"),
        notices);
    assertFalse(Files.exists(file));
    assertTrue(Files.exists(file.resolveSibling(file.getFileName() + ".damaged")));
  }

  @Test
  void aNaNParameterIsDamageNotADivergenceToReportLater() throws Exception {
    Checkpoints checkpoints = threeAndEight();
    Path file = dir.resolve("epoch-0008.ckpt");
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
      checkpoints.save(state(8, 0));
      ByteArrayOutputStream params = new ByteArrayOutputStream();
      LittleEndian.write(params, new double[] {8, bad});
      edit(file, CheckpointFile.PARAMS, params.toByteArray());
      assertSetAsideFor(checkpoints, file, "params.bin holds " + bad + " at parameter 1; a checkpoint's parameters"
          + " are finite numbers, as a model's weights are (a diverged epoch is never saved) (corrupted)");
    }
  }

  @Test
  void aNaNInTheOptimizersStateIsDamageButAnOverflowedSumIsNot() throws Exception {
    Checkpoints checkpoints = threeAndEight();
    Path file = dir.resolve("epoch-0008.ckpt");
    ByteArrayOutputStream optimizer = new ByteArrayOutputStream();
    LittleEndian.write(optimizer, new double[] {0.5, Double.POSITIVE_INFINITY});
    edit(file, CheckpointFile.OPTIMIZER, optimizer.toByteArray());
    assertEquals(Double.POSITIVE_INFINITY, Checkpoints.read(file).optimizerState()[0][1]);
    optimizer.reset();
    LittleEndian.write(optimizer, new double[] {0.5, Double.NaN});
    edit(file, CheckpointFile.OPTIMIZER, optimizer.toByteArray());
    assertSetAsideFor(checkpoints, file, "optimizer.bin holds NaN at value 1 of parameter block 0; an optimizer's"
        + " state holds numbers (infinite ones too), never NaN: a diverged epoch is never saved (corrupted)");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "updates: 80|updates: -5|checkpoint.yaml: \"updates\" is -5; the updates applied are 0 or more (corrupted)",
      "updates: 80|updates: 99999999999999|checkpoint.yaml: \"updates\" is 99999999999999, but history.csv records 80"
          + " after epoch 8: it must be 80 (corrupted)",
      "epoch: 8|epoch: 0|checkpoint.yaml: \"epoch\" is 0, but the file's name is of epoch 8; a checkpoint's epoch is"
          + " the one its name gives (corrupted)",
      "epoch: 8|epoch: 9|checkpoint.yaml: \"epoch\" is 9, but the file's name is of epoch 8; a checkpoint's epoch is"
          + " the one its name gives (corrupted)",
      "best-epoch: 2|best-epoch: 50|checkpoint.yaml: \"best-epoch\" is 50, beyond epoch 8; the best epoch is one of"
          + " those completed (0 to 8) (corrupted)",
      "best-epoch: 2|best-epoch: 0|checkpoint.yaml: \"best-params\" is given, but \"best-epoch\" is 0; the best"
          + " epoch's parameters are of one of the epochs completed (1 to 8) (corrupted)",
      "epochs-without-improvement: 6|epochs-without-improvement: 9|checkpoint.yaml: \"epochs-without-improvement\" is"
          + " 9, more than the 8 epochs completed (0 to 8) (corrupted)",
      "encoding: float64-le|encoding: float32-le|checkpoint.yaml gives \"encoding\" \"float32-le\"; nn reads"
          + " float64-le (corrupted, or written by another program)",
  })
  void aFieldThatContradictsTheOthersOrTheNameIsSetAsideNamingIt(String from, String to, String problem)
      throws Exception {
    Checkpoints checkpoints = threeAndEight();
    Path file = dir.resolve("epoch-0008.ckpt");
    editHeader(file, from + "\n", to + "\n");
    assertSetAsideFor(checkpoints, file, problem);
  }

  @Test
  void aHistoryOutOfOrderIsSetAside() throws Exception {
    Checkpoints checkpoints = threeAndEight();
    Path file = dir.resolve("epoch-0008.ckpt");
    String history = new String(CheckpointsTests.entry(Files.readAllBytes(file), CheckpointFile.HISTORY),
        StandardCharsets.UTF_8);
    edit(file, CheckpointFile.HISTORY, history.replace("\n3,30,", "\n4,30,").getBytes(StandardCharsets.UTF_8));
    assertSetAsideFor(checkpoints, file, "history.csv line 4 is of epoch 4; its lines are of epochs 1, 2, 3, … in"
        + " order, so this one is of epoch 3 (corrupted)");
  }

  @Test
  void aPartialCheckpointIsCheckedAgainstItsNameAndItsBatches() throws Exception {
    Checkpoints checkpoints = new Checkpoints(dir, 2);
    checkpoints.save(state(3, 0));
    Path partial = checkpoints.savePartial(state(3, 4));
    assertEquals(dir.resolve("partial-epoch-0004.ckpt"), partial);
    assertEquals(34, Checkpoints.read(partial).updates());
    editHeader(partial, "updates: 34\n", "updates: 30\n");
    assertSetAsideFor(checkpoints, partial, "checkpoint.yaml: \"updates\" is 30, but history.csv records 30 after"
        + " epoch 3, and 4 batches of the next were trained since: it must be 34 (corrupted)");
    checkpoints.savePartial(state(3, 4));
    Files.move(partial, dir.resolve("partial-epoch-0005.ckpt"));
    assertSetAsideFor(checkpoints, dir.resolve("partial-epoch-0005.ckpt"), "checkpoint.yaml: \"epoch\" is 3, but the"
        + " file's name says it was taken partway through epoch 5, after 4 completed epochs (corrupted)");
  }

  @Test
  void whatATrainerWritesPassesEveryCheck() {
    Checkpoints checkpoints = new Checkpoints(dir, 2);
    RunFixtures.assertSameState(state(8, 0), Checkpoints.read(checkpoints.save(state(8, 0))));
    RunFixtures.assertSameState(state(8, 5), Checkpoints.read(checkpoints.savePartial(state(8, 5))));
  }

  /** A model file copied in as the newest checkpoint is set aside as no checkpoint, not as a damaged one. */
  @Test
  void aModelFileCopiedInAsACheckpointIsSetAsideAsNoCheckpoint() throws Exception {
    Checkpoints checkpoints = threeAndEight();
    Path file = dir.resolve("epoch-0008.ckpt");
    try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
      zip.putNextEntry(new java.util.zip.ZipEntry("model.yaml"));
      zip.write("format: nn-model\n".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    List<String> notices = new ArrayList<>();
    assertEquals(3, checkpoints.readNewestIntact(notices::add).orElseThrow().epoch());
    assertEquals("the file " + file + " is an nn model file (model.nnm), not a checkpoint, and is set aside as"
        + " epoch-0008.ckpt.not-a-checkpoint", notices.get(0));
  }
}
