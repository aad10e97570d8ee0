package dev.nn.core.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTests {
  @TempDir
  Path dir;

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC);

  /**
   * A staging directory that a kill -9 left (hidden, named for the experiment) is removed by a later run of the
   * same experiment once it is old; a fresh one (another run staging now), another experiment's, and one holding
   * more than staging writes are left alone.
   */
  @Test
  void aLaterRunRemovesAnOldAbandonedStagingDirectoryOfItsExperimentOnly() throws Exception {
    Path old = Files.createDirectories(dir.resolve(".xor-20260101-000000-3k2j1").resolve("checkpoints"))
        .getParent();
    Files.writeString(old.resolve("experiment.yaml"), "name: xor\n");
    Files.writeString(old.resolve(".overrides.yaml123.tmp"), "");
    Path fresh = Files.createDirectories(dir.resolve(".xor-20260101-000001-9zz"));
    Path other = Files.createDirectories(dir.resolve(".iris-20260101-000000-abc"));
    Path kept = Files.createDirectories(dir.resolve(".xor-20260101-000002-def"));
    Files.writeString(kept.resolve("notes.txt"), "mine");
    java.nio.file.attribute.FileTime longAgo = java.nio.file.attribute.FileTime.from(
        java.time.Instant.now().minus(java.time.Duration.ofHours(2)));
    for (Path p : List.of(old, other, kept)) {
      Files.setLastModifiedTime(p, longAgo);
    }
    RunDirectory made = RunDirectory.create(dir, "xor", CLOCK, "name: xor\n");
    assertFalse(Files.exists(old), "the abandoned staging directory");
    assertTrue(Files.isDirectory(fresh) && Files.isDirectory(other) && Files.isDirectory(kept));
    assertTrue(Files.isDirectory(made.path()));
  }

  @Test
  void aRunIsNamedByTheExperimentAndTheClocksTimeAndKnowsItsFiles() {
    Path out = dir.resolve("runs");
    RunDirectory run = RunDirectory.create(out, "lecture-regression", CLOCK);
    Path expected = out.resolve("lecture-regression-20260304-050607");
    assertEquals(expected, run.path());
    assertTrue(Files.isDirectory(expected.resolve("checkpoints")));
    assertEquals(expected.resolve("experiment.yaml"), run.experimentFile());
    assertEquals(expected.resolve("metrics.csv"), run.metricsFile());
    assertEquals(expected.resolve("checkpoints"), run.checkpointsDir());
    assertEquals(expected.resolve("model.nnm"), run.modelFile());
    assertEquals(expected.resolve("provenance.yaml"), run.provenanceFile());
    assertEquals(expected.resolve("report.html"), run.reportFile());
    assertEquals(2, run.checkpoints().keep());
    assertEquals(run.checkpointsDir(), run.checkpoints(5).dir());
  }

  @Test
  void theTimestampIsTheClocksLocalTime() {
    Clock tokyo = Clock.fixed(Instant.parse("2026-12-31T23:59:59Z"), ZoneId.of("Asia/Tokyo"));
    assertEquals(dir.resolve("x-20270101-085959"), RunDirectory.create(dir, "x", tokyo).path());
  }

  @Test
  void aTakenNameGetsANumber() {
    List<Path> made = List.of(RunDirectory.create(dir, "xor", CLOCK).path(), RunDirectory.create(dir, "xor", CLOCK).path(),
        RunDirectory.create(dir, "xor", CLOCK).path());
    assertEquals(List.of(dir.resolve("xor-20260304-050607"), dir.resolve("xor-20260304-050607-2"),
        dir.resolve("xor-20260304-050607-3")), made);
  }

  @Test
  void aRunDirectoryAppearsWithItsExperimentAndLeavesNoStagingBehind() throws Exception {
    RunDirectory first = RunDirectory.create(dir, "xor", CLOCK, "name: xor\n");
    RunDirectory second = RunDirectory.create(dir, "xor", CLOCK, "name: xor\nseed: 2\n");
    assertEquals(dir.resolve("xor-20260304-050607"), first.path());
    assertEquals(dir.resolve("xor-20260304-050607-2"), second.path());
    assertEquals("name: xor\nseed: 2\n", Files.readString(second.experimentFile()));
    assertTrue(Files.isDirectory(first.checkpointsDir()));
    try (var names = Files.list(dir)) {
      assertEquals(List.of("xor-20260304-050607", "xor-20260304-050607-2"),
          names.map(p -> p.getFileName().toString()).sorted().toList());
    }
    assertThrows(IllegalArgumentException.class, () -> RunDirectory.create(dir, "../up", CLOCK, "name: x\n"));
  }

  /** A run directory gets the permissions any new directory gets there (the umask's), not the owner's alone. */
  @Test
  void aRunDirectoryHasThePermissionsOfAnyNewDirectory() throws Exception {
    RunDirectory run = RunDirectory.create(dir, "shared", CLOCK, "name: shared\n");
    Path plain = Files.createDirectory(dir.resolve("plain"));
    assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(run.path()));
    assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(run.checkpointsDir()));
  }

  @Test
  void aNameThatIsNoSafeDirectoryNameIsRefused() {
    for (String bad : new String[] {"", "../up", "a/b", ".hidden", "tab\tname", "x".repeat(101)}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> RunDirectory.create(dir, bad, CLOCK), bad);
      assertTrue(e.getMessage().startsWith("run name \"" + bad + "\" cannot name a directory"), e.getMessage());
    }
  }

  @Test
  void theExperimentIsWrittenAsGivenWithoutLeftovers() throws Exception {
    RunDirectory run = RunDirectory.create(dir, "e", CLOCK);
    run.writeExperiment("name: e\nseed: 42\n");
    run.writeExperiment("name: e\nseed: 43\n");
    assertEquals("name: e\nseed: 43\n", Files.readString(run.experimentFile()));
    assertEquals(List.of(), RunFixtures.temporaryFiles(run.path()));
  }

  @Test
  void openingSaysWhyADirectoryCannotBeResumed() throws Exception {
    Path missing = dir.resolve("nope");
    assertEquals(missing + ": no such directory; expected the directory of an earlier training run",
        assertThrows(RunFileException.class, () -> RunDirectory.open(missing)).getMessage());
    Path file = Files.writeString(dir.resolve("file.txt"), "x");
    assertEquals(file + ": not a directory; expected the directory of an earlier training run",
        assertThrows(RunFileException.class, () -> RunDirectory.open(file)).getMessage());
    // a checkpoint given for its run is told the run
    Path checkpoint = Files.writeString(Files.createDirectories(dir.resolve("run").resolve("checkpoints"))
        .resolve("epoch-0003.ckpt"), "x");
    assertEquals(checkpoint + ": not a directory; expected the directory of an earlier training run (this is a"
        + " checkpoint of the run " + dir.resolve("run").toAbsolutePath().normalize() + ", which --resume takes: it"
        + " continues from the newest intact checkpoint)",
        assertThrows(RunFileException.class, () -> RunDirectory.open(checkpoint)).getMessage());
    Path plain = Files.createDirectory(dir.resolve("plain"));
    assertEquals(plain + ": not a run directory: it has no experiment.yaml",
        assertThrows(RunFileException.class, () -> RunDirectory.open(plain)).getMessage());
  }

  @Test
  void aRunKilledBeforeItsFirstCheckpointOpensWithNothingToRestore() {
    RunDirectory run = RunDirectory.create(dir, "e", CLOCK);
    run.writeExperiment("name: e\n");
    RunDirectory opened = RunDirectory.openToResume(run.path());
    List<String> notices = new ArrayList<>();
    assertEquals(Optional.empty(), opened.checkpoints().readNewestIntact(notices::add));
    assertEquals(List.of(), notices);
  }

  @Test
  void aFinishedRunIsNotResumedAndAFailedOneIs() throws Exception {
    RunDirectory run = RunDirectory.create(dir, "e", CLOCK);
    run.writeExperiment("name: e\n");
    run.writeStatus(new RunStatus(RunStatus.State.FAILED, "java.lang.OutOfMemoryError: Java heap space"));
    assertEquals(new RunStatus(RunStatus.State.FAILED, "java.lang.OutOfMemoryError: Java heap space"),
        RunDirectory.openToResume(run.path()).status().orElseThrow());
    run.writeStatus(new RunStatus(RunStatus.State.FINISHED, "trained 5 of 5 epochs"));
    // a run writes its model before it records that it finished: without the model, the state is not trusted
    assertFalse(Files.exists(run.modelFile()));
    assertEquals(run.path(), RunDirectory.openToResume(run.path()).path());
    assertTrue(run.saysFinishedWithoutModel());
    Files.writeString(run.modelFile(), "not read");
    assertFalse(run.saysFinishedWithoutModel());
    assertEquals(run.path() + ": the run finished (trained 5 of 5 epochs); there is nothing to resume, and nothing "
        + "was changed. Its model is " + run.modelFile(),
        assertThrows(RunFileException.class, () -> RunDirectory.openToResume(run.path())).getMessage());
    Files.writeString(run.statusFile(), "state: finished\n");
    assertEquals(run.path() + ": the run finished; there is nothing to resume, and nothing was changed. Its model is "
        + run.modelFile(), assertThrows(RunFileException.class, () -> RunDirectory.openToResume(run.path()))
        .getMessage());
    run.clearStatus();
    assertEquals(Optional.empty(), run.status());
  }

  @Test
  void theTemporaryFilesOfAKilledWriteAreDeletedAndNothingElse() throws Exception {
    RunDirectory run = RunDirectory.create(dir, "e", CLOCK);
    run.writeExperiment("name: e\n");
    run.checkpoints().save(RunFixtures.sampleState());
    Files.writeString(run.path().resolve(".model.nnm123.tmp"), "half");
    Files.writeString(run.checkpointsDir().resolve(".epoch-0004.ckpt456.tmp"), "half");
    Files.writeString(run.path().resolve("notes.tmp"), "the user's, not an atomic write's");
    assertEquals(2, run.deleteTemporaryFiles());
    assertEquals(List.of("notes.tmp"), RunFixtures.temporaryFiles(run.path()));
    assertTrue(Files.exists(run.path().resolve("notes.tmp")));
    assertTrue(Files.exists(run.checkpointsDir().resolve("epoch-0003.ckpt")));
    assertTrue(Files.exists(run.experimentFile()));
  }

  /** Held here, by another thread's run of this JVM, the lock is refused with that said: there is no process to stop. */
  @Test
  void whileOneHoldsTheLockASecondIsRefusedAndAfterwardsGranted() {
    RunDirectory run = RunDirectory.create(dir, "e", CLOCK);
    RunLock first = run.lock();
    RunFileException e = assertThrows(RunFileException.class, run::lock);
    assertEquals(run.path() + ": another thread of this process is training in this run directory (it holds .lock);"
        + " wait for that training to end before resuming", e.getMessage());
    first.close();
    run.lock().close();
    assertTrue(Files.exists(run.path().resolve(RunDirectory.LOCK)));
  }

  @Test
  void aRunWithACheckpointOpensAtItsLatest() {
    RunDirectory run = RunDirectory.create(dir, "e", CLOCK);
    run.writeExperiment("name: e\n");
    run.checkpoints().save(RunFixtures.sampleState());
    RunDirectory opened = RunDirectory.open(run.path());
    assertEquals(run.checkpointsDir().resolve("epoch-0003.ckpt"), opened.latestCheckpoint().orElseThrow());
    assertEquals(3, opened.checkpoints().readLatest().epoch());
  }

  /**
   * A status.yaml that cannot be read (binary, or a state nn never writes) does not block a resume: it only records
   * how the run ended, which the checkpoints' headers say too, and the resume rewrites it.
   */
  @Test
  void aDamagedStatusFileDoesNotBlockAResume() throws Exception {
    for (byte[] damaged : List.of(new byte[] {(byte) 0xAF, 0, 1, 2}, "state: exploded\nmessage: x\n".getBytes())) {
      RunDirectory run = RunDirectory.create(dir.resolve(damaged.length + "x"), "xor", CLOCK, "name: xor\n");
      Files.write(run.statusFile(), damaged);
      assertEquals(run.path(), RunDirectory.openToResume(run.path()).path());
    }
  }
}
