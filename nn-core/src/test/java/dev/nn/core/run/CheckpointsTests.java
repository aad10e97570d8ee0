package dev.nn.core.run;

import static dev.nn.core.run.RunFixtures.assertSameState;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nn.core.testing.FormatFiles;
import dev.nn.core.io.Sha256;
import dev.nn.core.train.EpochReport;
import dev.nn.core.train.TrainerState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTests {
  @TempDir
  Path dir;

  /** The state after {@code epoch} epochs whose loss fell every epoch, so that the newest is the best. */
  private static TrainerState atEpoch(int epoch) {
    TrainerState s = RunFixtures.sampleState();
    List<EpochReport> history = new ArrayList<>();
    for (int e = 1; e <= epoch; e++) {
      history.add(new EpochReport(e, e, 0.1, 1.0 / e, null, 0));
    }
    return new TrainerState(epoch, epoch, new double[] {epoch, -epoch}, s.optimizerState(), null, 0,
        Double.NaN, 0, history);
  }

  @Test
  void aSavedStateReadsBackBitForBitIncludingOptimizerStateAndNaNs() {
    Path file = dir.resolve("epoch-0003.ckpt");
    TrainerState state = RunFixtures.sampleState();
    Checkpoints.write(file, state);
    TrainerState back = Checkpoints.read(file);
    assertSameState(state, back);
    assertTrue(Double.isNaN(back.bestValue()));
    assertEquals(Double.POSITIVE_INFINITY, back.optimizerState()[2][0]);
    assertEquals(List.of(3, 0, 4), Arrays.stream(back.optimizerState()).map(b -> b.length).toList());
  }

  @Test
  void aNaNWithUnusualBitsSurvivesInTheYamlPartsToo() {
    TrainerState s = RunFixtures.sampleState();
    List<EpochReport> history = List.of(new EpochReport(1, 5, RunFixtures.ODD_NAN, Double.NaN, null, -0.0));
    TrainerState odd = new TrainerState(1, 5, s.params(), s.optimizerState(), null, 1, RunFixtures.ODD_NAN, 0, history);
    Path file = dir.resolve("odd.ckpt");
    Checkpoints.write(file, odd);
    TrainerState back = Checkpoints.read(file);
    assertSameState(odd, back);
    assertNull(back.bestParams());
  }

  @Test
  void theSameStateAlwaysWritesTheSameBytes() throws Exception {
    Checkpoints.write(dir.resolve("a.ckpt"), RunFixtures.sampleState());
    Checkpoints.write(dir.resolve("b.ckpt"), RunFixtures.sampleState());
    assertArrayEquals(Files.readAllBytes(dir.resolve("a.ckpt")), Files.readAllBytes(dir.resolve("b.ckpt")));
  }

  @Test
  void theHeaderIsReadableYamlWithTheCountersAndBlockSizes() throws Exception {
    Path file = dir.resolve("c.ckpt");
    Checkpoints.write(file, RunFixtures.sampleState());
    String header = new String(entry(Files.readAllBytes(file), "checkpoint.yaml"), StandardCharsets.UTF_8);
    assertTrue(header.contains("format: nn-checkpoint\nformat-version: 2\nepoch: 3\nupdates: 3000000000\n"
        + "best-epoch: 2\nbest-value: .NaN\nepochs-without-improvement: 1\n"), header);
    assertTrue(header.contains("block-sizes:\n  - 3\n  - 0\n  - 4\n"), header);
  }

  /** 20 000 epochs of a 10-class run: several megabytes of history. */
  @Test
  void aLongHistoryReadsBack() {
    List<EpochReport> history = new ArrayList<>();
    long[][] confusion = new long[10][10];
    for (int e = 1; e <= 20_000; e++) {
      history.add(new EpochReport(e, 100L * e, 0.01, 1.0 / e, RunFixtures.classification(2.0 / e, 100, 0.5, confusion),
          0.01));
    }
    TrainerState s = new TrainerState(20_000, 2_000_000, new double[] {1}, new double[][] {{}}, null, 20_000, 0.5, 0,
        history);
    Path file = dir.resolve("long.ckpt");
    Checkpoints.write(file, s);
    assertSameState(s, Checkpoints.read(file));
  }

  @Test
  void theHistoryIsOneReadableLinePerEpoch() throws Exception {
    Path file = dir.resolve("c.ckpt");
    Checkpoints.write(file, RunFixtures.sampleState());
    String history = new String(entry(Files.readAllBytes(file), "history.csv"), StandardCharsets.UTF_8);
    assertEquals("epoch,updates,learning_rate,train_loss,val_loss,val_accuracy,val_rmse,val_mae,val_r2,seconds,"
        + "val_rows,val_confusion\n"
        + "1,25,0.1,0.30000000000000004,,,,,,0.125,,\n"
        + "2,50,3.333333333333333E-4,4.9E-324,0.6931471805599453,0.875,,,,1.5E-9,8,3 1 0 4\n"
        + "3,3000000000,-0.0,1.7976931348623157E308,Infinity,,1.4142135623730951,NaN,-12.5,7.0,4,\n", history);
  }

  @Test
  void aDamagedHistoryLineIsNamed() throws Exception {
    Path file = dir.resolve("epoch-0003.ckpt");
    Checkpoints.write(file, RunFixtures.sampleState());
    byte[] zip = Files.readAllBytes(file);
    String history = new String(entry(zip, "history.csv"), StandardCharsets.UTF_8).replace("3 1 0 4", "3 1 0");
    Files.write(file, replace(zip, "history.csv", history.getBytes(StandardCharsets.UTF_8), true));
    RunFileException e = assertThrows(RunFileException.class, () -> Checkpoints.read(file));
    assertEquals(file + ": history.csv line 3 is corrupted: a confusion matrix of 3 counts is not square",
        e.getMessage());
  }

  @Test
  void everyTruncationIsReportedNamingTheFile() throws Exception {
    Path file = dir.resolve("full.ckpt");
    Checkpoints.write(file, RunFixtures.sampleState());
    byte[] all = Files.readAllBytes(file);
    Path cut = dir.resolve("epoch-0003.ckpt");
    for (int n = 0; n < all.length; n++) {
      Files.write(cut, Arrays.copyOf(all, n));
      RunFileException e = assertThrows(RunFileException.class, () -> Checkpoints.read(cut), "cut at " + n);
      assertTrue(e.getMessage().startsWith(cut + ": "), e.getMessage());
      assertTrue(e.getMessage().contains("truncated"), "cut at " + n + ": " + e.getMessage());
    }
  }

  @Test
  void aFlippedByteAnywhereIsReportedOrChangesNothing() throws Exception {
    Path file = dir.resolve("full.ckpt");
    TrainerState state = RunFixtures.sampleState();
    Checkpoints.write(file, state);
    byte[] all = Files.readAllBytes(file);
    Path bad = dir.resolve("epoch-0003.ckpt");
    int reported = 0;
    for (int i = 0; i < all.length; i++) {
      byte[] copy = all.clone();
      copy[i] ^= 0x10;
      Files.write(bad, copy);
      try {
        // bytes such as a timestamp or the central directory do not affect the content
        assertSameState(state, Checkpoints.read(bad));
      } catch (RunFileException e) {
        assertTrue(e.getMessage().startsWith(bad + ": "), e.getMessage());
        reported++;
      } catch (RuntimeException e) {
        fail("byte " + i + ": expected a RunFileException, found " + e, e);
      }
    }
    assertTrue(reported > all.length / 2, reported + " of " + all.length + " flips reported");
  }

  @Test
  void aCorruptedParameterIsCaughtByTheChecksums() throws Exception {
    Path file = dir.resolve("epoch-0003.ckpt");
    Checkpoints.write(file, RunFixtures.sampleState());
    byte[] zip = Files.readAllBytes(file);
    byte[] params = entry(zip, "params.bin");
    params[17] ^= 0x01;
    Files.write(file, replace(zip, "params.bin", params, false));
    RunFileException e = assertThrows(RunFileException.class, () -> Checkpoints.read(file));
    assertEquals(file + ": params.bin does not match its SHA-256 (corrupted)", e.getMessage());
  }

  @Test
  void aChangedHeaderIsCaughtByTheChecksumsToo() throws Exception {
    Path file = dir.resolve("epoch-0003.ckpt");
    Checkpoints.write(file, RunFixtures.sampleState());
    byte[] zip = Files.readAllBytes(file);
    String header = new String(entry(zip, "checkpoint.yaml"), StandardCharsets.UTF_8).replace("epoch: 3", "epoch: 4");
    Files.write(file, replace(zip, "checkpoint.yaml", header.getBytes(StandardCharsets.UTF_8), false));
    RunFileException e = assertThrows(RunFileException.class, () -> Checkpoints.read(file));
    assertEquals(file + ": checkpoint.yaml does not match its SHA-256 (corrupted)", e.getMessage());
  }

  @Test
  void aHeaderWithARepeatedKeyIsRefused() throws Exception {
    Path file = dir.resolve("epoch-0003.ckpt");
    Checkpoints.write(file, RunFixtures.sampleState());
    byte[] zip = Files.readAllBytes(file);
    String header = new String(entry(zip, "checkpoint.yaml"), StandardCharsets.UTF_8) + "epoch: 9\n";
    Files.write(file, replace(zip, "checkpoint.yaml", header.getBytes(StandardCharsets.UTF_8), true));
    RunFileException e = assertThrows(RunFileException.class, () -> Checkpoints.read(file));
    assertTrue(e.getMessage().startsWith(file + ": checkpoint.yaml has the key \"epoch\" twice (line "),
        e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
  }

  @Test
  void aVersion2CheckpointWithoutItsChecksumsIsRefused() throws Exception {
    Path file = dir.resolve("epoch-0003.ckpt");
    Checkpoints.write(file, RunFixtures.sampleState());
    Files.write(file, replace(Files.readAllBytes(file), "SHA256SUMS", null, false));
    RunFileException e = assertThrows(RunFileException.class, () -> Checkpoints.read(file));
    assertEquals(file + ": not a complete checkpoint: SHA256SUMS is missing (truncated or corrupted)", e.getMessage());
  }

  /** A checkpoint written by the version 1 code (resources/formats), holding {@link RunFixtures#sampleState()}. */
  @Test
  void aVersion1CheckpointStillReadsBackBitForBit() throws Exception {
    Path file = dir.resolve("epoch-0003.ckpt");
    Files.copy(FormatFiles.path("checkpoint-v1.ckpt"), file);
    assertSameState(RunFixtures.sampleState(), Checkpoints.read(file));
  }

  @Test
  void aVersion1CheckpointIsStillCheckedAgainstTheDigestsInItsHeader() throws Exception {
    Path file = dir.resolve("epoch-0003.ckpt");
    byte[] zip = Files.readAllBytes(FormatFiles.path("checkpoint-v1.ckpt"));
    byte[] optimizer = entry(zip, "optimizer.bin");
    optimizer[3] ^= 0x40;
    Files.write(file, replace(zip, "optimizer.bin", optimizer, false));
    RunFileException e = assertThrows(RunFileException.class, () -> Checkpoints.read(file));
    assertEquals(file + ": optimizer.bin does not match its SHA-256 (corrupted)", e.getMessage());
  }

  @Test
  void anotherFormatVersionIsRefusedSayingWhichIsRead() throws Exception {
    Path file = dir.resolve("epoch-0003.ckpt");
    Checkpoints.write(file, RunFixtures.sampleState());
    byte[] zip = Files.readAllBytes(file);
    String header = new String(entry(zip, "checkpoint.yaml"), StandardCharsets.UTF_8)
        .replace("format-version: 2", "format-version: 7");
    Files.write(file, replace(zip, "checkpoint.yaml", header.getBytes(StandardCharsets.UTF_8), true));
    RunFileException e = assertThrows(RunFileException.class, () -> Checkpoints.read(file));
    assertEquals(file + ": checkpoint format version 7 is not supported; this nn reads versions 1 and 2",
        e.getMessage());
  }

  @Test
  void aFileThatIsNotACheckpointIsNamedAsSuch() throws Exception {
    Path text = dir.resolve("notes.ckpt");
    Files.writeString(text, "epoch: 3\n");
    RunFileException e = assertThrows(RunFileException.class, () -> Checkpoints.read(text));
    assertEquals(text + ": not an nn checkpoint: an nn checkpoint is a ZIP archive holding checkpoint.yaml,"
        + " params.bin, optimizer.bin and history.csv, and this file is none (it begins as text: \"epoch: 3\")",
        e.getMessage());
    // a model file copied in as a checkpoint is told as the model file it is
    Path model = dir.resolve("epoch-0008.ckpt");
    try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(model))) {
      zip.putNextEntry(new java.util.zip.ZipEntry("model.yaml"));
      zip.write("format: nn-model\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    e = assertThrows(RunFileException.class, () -> Checkpoints.read(model));
    assertEquals(model + ": is an nn model file (model.nnm), not an nn checkpoint", e.getMessage());
    Path missing = dir.resolve("epoch-0009.ckpt");
    e = assertThrows(RunFileException.class, () -> Checkpoints.read(missing));
    assertEquals(missing + ": no such checkpoint file", e.getMessage());
  }

  @Test
  void onlyTheNewestCheckpointsAreKeptAndOtherFilesAreLeftAlone() throws Exception {
    Checkpoints checkpoints = new Checkpoints(dir, 2);
    Files.writeString(dir.resolve("notes.txt"), "mine");
    for (int e = 1; e <= 5; e++) {
      Path written = checkpoints.save(atEpoch(e));
      assertEquals(dir.resolve(String.format("epoch-%04d.ckpt", e)), written);
    }
    assertEquals(List.of(dir.resolve("epoch-0004.ckpt"), dir.resolve("epoch-0005.ckpt")), checkpoints.list());
    assertTrue(Files.exists(dir.resolve("notes.txt")));
    assertEquals(5, checkpoints.readLatest().epoch());
    assertArrayEquals(new double[] {5, -5}, checkpoints.readLatest().params(), 0.0);
    assertEquals(List.of(), RunFixtures.temporaryFiles(dir));

    Checkpoints three = new Checkpoints(dir, 3);
    three.save(atEpoch(6));
    three.save(atEpoch(7));
    assertEquals(List.of(5L, 6L, 7L), three.list().stream().map(Checkpoints::epochOf).toList());
  }

  @Test
  void howTrainingEndedReadsBackAndAnOlderHeaderWithoutItHasEpochsToGo() throws Exception {
    TrainerState s = atEpoch(4);
    for (TrainerState.End end : TrainerState.End.values()) {
      TrainerState ended = new TrainerState(4, s.updates(), s.params(), s.optimizerState(), null, 0, Double.NaN, 0,
          s.history(), end);
      Path file = dir.resolve("epoch-0004.ckpt");
      Checkpoints.write(file, ended);
      assertSameState(ended, Checkpoints.read(file));
      String header = new String(entry(Files.readAllBytes(file), CheckpointFile.HEADER), StandardCharsets.UTF_8);
      assertTrue(header.contains("end: " + end.name().toLowerCase().replace('_', '-') + "\n"), header);
    }
  }

  @Test
  void aResumeThatFindsThreeCheckpointsPrunesToTheTwoPromised() {
    Checkpoints three = new Checkpoints(dir, 3);
    for (int e = 1; e <= 3; e++) {
      three.save(atEpoch(e));
    }
    Checkpoints two = new Checkpoints(dir, 2);
    two.prune();
    assertEquals(List.of(2L, 3L), two.list().stream().map(Checkpoints::epochOf).toList());
  }

  @Test
  void whenTheLossClimbsTheBestEpochsCheckpointIsKeptBesideTheNewestTwo() {
    Checkpoints checkpoints = bestThenTwoNewer();
    assertEquals(dir.resolve("epoch-0002.ckpt"), checkpoints.best().orElseThrow());
    checkpoints.prune();
    assertEquals(List.of(2L, 4L, 5L), checkpoints.list().stream().map(Checkpoints::epochOf).toList());
  }

  /**
   * Early stopping on validation accuracy keeps the weights of an epoch other than the lowest validation loss's: that
   * epoch's checkpoint is kept too, by each save and by the pruning of a resume, so the model's epoch (summary.json's
   * best_epoch) can be resumed or fine-tuned from.
   */
  @Test
  void theEpochEarlyStoppingKeepsIsKeptBesideTheLowestLossAndTheNewestTwo() {
    Checkpoints checkpoints = new Checkpoints(dir, 2);
    double[] losses = {5, 1, 3, 40, 900, 950};
    List<EpochReport> history = new ArrayList<>();
    TrainerState s = atEpoch(1);
    double[] best = {1, -1};
    for (int e = 1; e <= losses.length; e++) {
      history.add(new EpochReport(e, e, 0.1, 7, RunFixtures.regression(losses[e - 1], 10, 1, 1, 0), 0));
      // the monitor's best: epoch 3 from then on (as the most accurate, say), though epoch 2 has the lowest loss
      int monitored = Math.min(e, 3);
      if (e <= 3) {
        best = new double[] {e, -e};
      }
      checkpoints.save(new TrainerState(e, e, new double[] {e, -e}, s.optimizerState(), best, monitored,
          -0.9, e - monitored, List.copyOf(history)));
    }
    assertEquals(List.of(2L, 3L, 5L, 6L), checkpoints.list().stream().map(Checkpoints::epochOf).toList());
    Checkpoints resumed = new Checkpoints(dir, 1);
    resumed.prune();
    assertEquals(List.of(2L, 3L, 6L), resumed.list().stream().map(Checkpoints::epochOf).toList());
  }

  @Test
  void aTruncatedNewestCheckpointIsSetAsideAndTheOneBeforeIsRead() throws Exception {
    Checkpoints checkpoints = new Checkpoints(dir, 2);
    checkpoints.save(atEpoch(4));
    Path newest = checkpoints.save(atEpoch(5));
    byte[] all = Files.readAllBytes(newest);
    Files.write(newest, Arrays.copyOf(all, all.length / 2));
    assertFallsBackFrom5To4(checkpoints, newest, "truncated");
  }

  @Test
  void aBitFlippedNewestCheckpointIsSetAsideAndTheOneBeforeIsRead() throws Exception {
    Checkpoints checkpoints = new Checkpoints(dir, 2);
    checkpoints.save(atEpoch(4));
    Path newest = checkpoints.save(atEpoch(5));
    byte[] all = Files.readAllBytes(newest);
    // one bit of the first entry's compressed data, which starts after its local header, name and extra field
    all[30 + (all[26] & 0xff) + (all[27] & 0xff) * 256 + (all[28] & 0xff) + (all[29] & 0xff) * 256 + 5] ^= 0x01;
    Files.write(newest, all);
    assertFallsBackFrom5To4(checkpoints, newest, "corrupted");
  }

  private void assertFallsBackFrom5To4(Checkpoints checkpoints, Path newest, String problem) throws Exception {
    List<String> notices = new ArrayList<>();
    TrainerState read = checkpoints.readNewestIntact(notices::add).orElseThrow();
    assertEquals(4, read.epoch());
    assertArrayEquals(new double[] {4, -4}, read.params(), 0.0);
    assertEquals(2, notices.size(), notices.toString());
    assertTrue(notices.get(0).startsWith("the checkpoint " + newest + " is damaged and is set aside as "
        + "epoch-0005.ckpt.damaged: " + newest + ": "), notices.get(0));
    assertTrue(notices.get(0).contains(problem), notices.get(0));
    assertEquals("resuming from " + dir.resolve("epoch-0004.ckpt") + " instead", notices.get(1));
    assertFalse(Files.exists(newest));
    assertTrue(Files.exists(dir.resolve("epoch-0005.ckpt.damaged")));
    assertEquals(List.of(dir.resolve("epoch-0004.ckpt")), checkpoints.list());
  }

  @Test
  void whenNoCheckpointIsIntactTheResumeIsRefusedNamingEach() throws Exception {
    Checkpoints checkpoints = new Checkpoints(dir, 2);
    for (int e = 1; e <= 2; e++) {
      Path f = checkpoints.save(atEpoch(e));
      Files.write(f, Arrays.copyOf(Files.readAllBytes(f), 100));
    }
    List<String> notices = new ArrayList<>();
    RunFileException e = assertThrows(RunFileException.class, () -> checkpoints.readNewestIntact(notices::add));
    assertTrue(e.getMessage().startsWith(dir + ": holds no intact checkpoint to resume from: "
        + dir.resolve("epoch-0002.ckpt") + ": "), e.getMessage());
    assertTrue(e.getMessage().contains("; " + dir.resolve("epoch-0001.ckpt") + ": "), e.getMessage());
    // one message: each file's damage was said as it was set aside, then again in the refusal
    assertTrue(e.getMessage().endsWith("; set aside as epoch-0002.ckpt.damaged, epoch-0001.ckpt.damaged"),
        e.getMessage());
    assertEquals(List.of(), notices);
  }

  /** Checkpoints 2, 4 and 5 of a run whose validation loss was lowest at epoch 2, as pruning leaves them. */
  private Checkpoints bestThenTwoNewer() {
    Checkpoints checkpoints = new Checkpoints(dir, 2);
    double[] losses = {5, 1, 3, 40, 900};
    List<EpochReport> history = new ArrayList<>();
    TrainerState s = atEpoch(1);
    for (int e = 1; e <= losses.length; e++) {
      history.add(new EpochReport(e, e, 0.1, 7, RunFixtures.regression(losses[e - 1], 10, 1, 1, 0), 0));
      checkpoints.save(new TrainerState(e, e, new double[] {e, -e}, s.optimizerState(), null, 0, Double.NaN, 0,
          List.copyOf(history)));
    }
    assertEquals(List.of(2L, 4L, 5L), checkpoints.list().stream().map(Checkpoints::epochOf).toList());
    return checkpoints;
  }

  private static void damage(Path checkpoint) throws Exception {
    Files.write(checkpoint, Arrays.copyOf(Files.readAllBytes(checkpoint), 100));
  }

  @Test
  void aDamagedNewestCheckpointDoesNotMakeTheOlderBestOneLookWorthless() throws Exception {
    Checkpoints checkpoints = bestThenTwoNewer();
    damage(dir.resolve("epoch-0005.ckpt"));
    // the history of epoch 4's checkpoint says epoch 2 was the best: pruning keeps it
    assertEquals(dir.resolve("epoch-0002.ckpt"), checkpoints.best().orElseThrow());
    checkpoints.prune();
    assertEquals(List.of(2L, 4L, 5L), checkpoints.list().stream().map(Checkpoints::epochOf).toList());
    assertEquals(4, checkpoints.readNewestIntact(n -> { }).orElseThrow().epoch());
    checkpoints.prune();
    assertEquals(List.of(2L, 4L), checkpoints.list().stream().map(Checkpoints::epochOf).toList());
  }

  @Test
  void withTheTwoNewestDamagedTheOlderBestOneIsReadAndKept() throws Exception {
    Checkpoints checkpoints = bestThenTwoNewer();
    damage(dir.resolve("epoch-0004.ckpt"));
    damage(dir.resolve("epoch-0005.ckpt"));
    checkpoints.prune();
    List<String> notices = new ArrayList<>();
    TrainerState read = checkpoints.readNewestIntact(notices::add).orElseThrow();
    assertEquals(2, read.epoch());
    assertArrayEquals(new double[] {2, -2}, read.params(), 0.0);
    assertEquals("resuming from " + dir.resolve("epoch-0002.ckpt") + " instead", notices.get(notices.size() - 1));
    assertEquals(List.of(2L), checkpoints.list().stream().map(Checkpoints::epochOf).toList());
  }

  @Test
  void aResumeAfterEveryCheckpointWasSetAsideIsRefusedAgainRatherThanStartingOver() throws Exception {
    Checkpoints checkpoints = new Checkpoints(dir, 2);
    for (int e = 1; e <= 2; e++) {
      damage(checkpoints.save(atEpoch(e)));
    }
    assertThrows(RunFileException.class, () -> checkpoints.readNewestIntact(n -> { }));
    RunFileException again = assertThrows(RunFileException.class, () -> checkpoints.readNewestIntact(n -> { }));
    assertEquals(dir + ": holds no intact checkpoint to resume from: epoch-0001.ckpt.damaged, epoch-0002.ckpt.damaged"
        + " were set aside as damaged by an earlier resume. Delete them to train the run again from the start here,"
        + " or start a new run with nn train", again.getMessage());
  }

  @Test
  void aCheckpointThisUserCannotReadIsLeftAsItIsAndNamed() throws Exception {
    Checkpoints checkpoints = new Checkpoints(dir, 2);
    checkpoints.save(atEpoch(1));
    Path newest = checkpoints.save(atEpoch(2));
    Files.setPosixFilePermissions(newest, java.nio.file.attribute.PosixFilePermissions.fromString("---------"));
    try {
      // root reads every file whatever its mode: there is nothing to show then
      org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(newest), "this user reads files of any mode");
      RunFileException e = assertThrows(RunFileException.class, () -> checkpoints.readNewestIntact(n -> { }));
      assertEquals(newest + ": permission denied; the checkpoint may be intact, so it is left as it is: make it"
          + " readable to this user, then resume again", e.getMessage());
      assertEquals(List.of(1L, 2L), checkpoints.list().stream().map(Checkpoints::epochOf).toList());
    } finally {
      Files.setPosixFilePermissions(newest, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    }
  }

  @Test
  void theBestCheckpointIsTheOneWithTheLowestLossInTheNewestHistory() {
    List<EpochReport> history = List.of(new EpochReport(1, 1, 0.1, 5.0, null, 0), new EpochReport(2, 2, 0.1, 1.0, null, 0),
        new EpochReport(3, 3, 0.1, 900.0, null, 0));
    Checkpoints checkpoints = new Checkpoints(dir, 3);
    TrainerState s = atEpoch(1);
    for (int e = 1; e <= 3; e++) {
      checkpoints.save(new TrainerState(e, e, s.params(), s.optimizerState(), null, 0, Double.NaN, 0,
          history.subList(0, e)));
    }
    assertEquals(dir.resolve("epoch-0002.ckpt"), checkpoints.best().orElseThrow());
    assertTrue(new Checkpoints(dir.resolve("absent"), 2).best().isEmpty());
  }

  @Test
  void theLatestIsTheHighestEpochNotTheLastName() {
    Checkpoints checkpoints = new Checkpoints(dir, 5);
    checkpoints.save(atEpoch(10_000));
    checkpoints.save(atEpoch(9_999));
    assertEquals(dir.resolve("epoch-10000.ckpt"), checkpoints.latest().orElseThrow());
  }

  @Test
  void aMissingOrEmptyDirectoryHasNoCheckpoint() {
    Checkpoints none = new Checkpoints(dir.resolve("absent"), 2);
    assertEquals(List.of(), none.list());
    assertTrue(none.latest().isEmpty());
    RunFileException e = assertThrows(RunFileException.class, none::readLatest);
    assertEquals(dir.resolve("absent") + ": holds no checkpoint (epoch-NNNN.ckpt)", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Checkpoints(dir, 0));
  }

  @Test
  void aWriteThatFailsMidwayLeavesThePreviousCheckpointWhole() throws Exception {
    Checkpoints checkpoints = new Checkpoints(dir, 2);
    Path file = checkpoints.save(atEpoch(3));
    byte[] before = Files.readAllBytes(file);
    TrainerState good = atEpoch(3);
    List<EpochReport> failing = new AbstractList<>() {
      @Override
      public EpochReport get(int index) {
        if (index == 1) {
          throw new IllegalStateException("the disk went away");
        }
        return good.history().get(index);
      }

      @Override
      public int size() {
        return good.history().size();
      }
    };
    TrainerState broken = new TrainerState(3, 1, new double[] {9, 9}, good.optimizerState(), null, 0, 0, 0, failing);
    assertThrows(RuntimeException.class, () -> checkpoints.save(broken));
    assertArrayEquals(before, Files.readAllBytes(file));
    assertEquals(List.of(), RunFixtures.temporaryFiles(dir));
    assertFalse(Checkpoints.read(file).params()[0] == 9);
  }

  static byte[] entry(byte[] zip, String name) throws Exception {
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        if (e.getName().equals(name)) {
          return in.readAllBytes();
        }
      }
    }
    throw new AssertionError("no " + name);
  }

  /**
   * The archive with one entry's content replaced, or the entry left out when {@code data} is null. Its CRC
   * is recomputed, so only our own checks can object; with {@code reseal} its SHA-256 in SHA256SUMS too, as
   * another program writing a consistent archive would, so that only the checks of the content object.
   */
  static byte[] replace(byte[] zip, String name, byte[] data, boolean reseal) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
        ZipOutputStream out = new ZipOutputStream(bytes)) {
      String oldSha = null;
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        byte[] content = in.readAllBytes();
        if (e.getName().equals(name)) {
          oldSha = Sha256.of(content);
          content = data;
        } else if (e.getName().equals("SHA256SUMS") && reseal) {
          content = new String(content, StandardCharsets.UTF_8).replace(oldSha, Sha256.of(data))
              .getBytes(StandardCharsets.UTF_8);
        }
        if (content != null) {
          out.putNextEntry(new ZipEntry(e.getName()));
          out.write(content);
          out.closeEntry();
        }
      }
    }
    return bytes.toByteArray();
  }
}
