package dev.nn.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a line reaches a file that grows a line at a time: appended in place while it stays within a 4,096-byte
 * page of the file, the whole file renamed into place when it would cross one (a write that crosses a page
 * reaches readers page by page). The file is told apart from its replacement by its inode.
 */
class AtomicFilesTests {
  @TempDir Path dir;

  /**
   * A write on a thread whose interrupt flag is set (a cancelled task, an interrupt as a run's record is written)
   * finishes, flushed, and leaves the flag set for the code that checks it; a channel's write failed half-way.
   */
  @Test
  void aWriteOnAnInterruptedThreadFinishesAndKeepsTheFlag() throws Exception {
    Path target = dir.resolve("status.yaml");
    Thread.currentThread().interrupt();
    try {
      AtomicFiles.writeString(target, "state: finished\n");
      AtomicFiles.write(dir.resolve("model.bin"), out -> out.write(new byte[1 << 20]));
      assertTrue(Thread.currentThread().isInterrupted(), "the flag stays set");
    } finally {
      Thread.interrupted();
    }
    assertEquals("state: finished\n", Files.readString(target));
    assertEquals(1 << 20, Files.size(dir.resolve("model.bin")));
  }

  /** A read the thread's interruption ended is told as that, not as "null" after the file's name. */
  @Test
  void aReadEndedByTheThreadsInterruptionIsToldSo() throws Exception {
    Path file = dir.resolve("m.nnm");
    Files.write(file, new byte[100]);
    Thread.currentThread().interrupt();
    java.io.IOException failure;
    try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file)) {
      failure = assertThrows(java.nio.channels.ClosedByInterruptException.class,
          () -> channel.read(java.nio.ByteBuffer.allocate(10)));
    } finally {
      Thread.interrupted();
    }
    assertEquals(SystemReason.INTERRUPTED, SystemReason.message(failure));
    assertEquals(SystemReason.INTERRUPTED, SystemReason.describe(failure));
    assertTrue(SystemReason.INTERRUPTED.startsWith("interrupted: the thread's interrupt flag was set"));
  }

  /**
   * A folder held in place is not made again by a write under it once it is gone: the write fails naming it, and
   * nothing appears; two holds of one folder keep it held until both are released, and then a write makes the
   * folder as any write does.
   */
  @Test
  void aWriteUnderAFolderHeldInPlaceThatIsGoneFailsAndMakesNothing() throws Exception {
    Path run = Files.createDirectories(dir.resolve("run"));
    AtomicFiles.InPlace first = AtomicFiles.keepInPlace(run);
    AtomicFiles.InPlace second = AtomicFiles.keepInPlace(run);
    AtomicFiles.writeString(run.resolve("checkpoints").resolve("a.txt"), "a");
    Files.move(run, dir.resolve("moved"));
    FolderGoneException gone = org.junit.jupiter.api.Assertions.assertThrows(FolderGoneException.class,
        () -> AtomicFiles.writeString(run.resolve("checkpoints").resolve("b.txt"), "b"));
    assertEquals(run.toAbsolutePath().normalize(), gone.folder());
    assertEquals("cannot write " + run.resolve("checkpoints").resolve("b.txt") + ": the folder "
        + run.toAbsolutePath().normalize() + " was moved or deleted while nn wrote in it", gone.getMessage());
    assertFalse(Files.exists(run));
    first.close();
    first.close();
    org.junit.jupiter.api.Assertions.assertThrows(FolderGoneException.class,
        () -> AtomicFiles.writeRebuildable(run.resolve("c.txt"), "c"));
    second.close();
    AtomicFiles.writeString(run.resolve("d.txt"), "d");
    assertEquals("d", Files.readString(run.resolve("d.txt")));
  }

  /**
   * A folder moved while a file is being written in it (a checkpoint takes a while): the write fails as the folder's
   * going, not as a file it could not make, and no level of the folder is made again. A folder whose witness file is
   * gone (emptied by rm -rf, whose last step failed as a file was written meanwhile) is gone too.
   */
  @Test
  void aFolderMovedDuringAWriteOrEmptiedOfItsWitnessIsGone() throws Exception {
    Path run = Files.createDirectories(dir.resolve("run2"));
    Files.writeString(run.resolve("experiment.yaml"), "x");
    AtomicFiles.InPlace held = AtomicFiles.keepInPlace(run, "experiment.yaml");
    try {
      Path moved = dir.resolve("moved2");
      FolderGoneException gone = org.junit.jupiter.api.Assertions.assertThrows(FolderGoneException.class,
          () -> AtomicFiles.write(run.resolve("checkpoints").resolve("epoch-0001.ckpt"), out -> {
            out.write(1);
            Files.move(run, moved);
          }));
      assertEquals(run.toAbsolutePath().normalize(), gone.folder());
      assertFalse(Files.exists(run), "not made again");
      // back in place, a write makes the level under it; a write whose own temporary file is deleted (rm -rf at
      // work, not yet at the witness) is the folder's going; then, the witness deleted, nothing is written
      Files.move(moved, run);
      AtomicFiles.writeString(run.resolve("checkpoints").resolve("epoch-0002.ckpt"), "2");
      Path checkpoints = run.resolve("checkpoints");
      org.junit.jupiter.api.Assertions.assertThrows(FolderGoneException.class,
          () -> AtomicFiles.write(checkpoints.resolve("epoch-0003.ckpt"), out -> {
            try (var files = Files.list(checkpoints)) {
              for (Path f : files.toList()) {
                Files.delete(f);
              }
            }
          }));
      Files.delete(run.resolve("experiment.yaml"));
      org.junit.jupiter.api.Assertions.assertThrows(FolderGoneException.class,
          () -> AtomicFiles.writeString(run.resolve("summary.json"), "{}"));
      assertFalse(Files.exists(run.resolve("summary.json")));
    } finally {
      held.close();
    }
  }

  @Test
  void aLineWithinAPageIsAppendedInPlaceAndALineAcrossAPageReplacesTheFile() throws Exception {
    Path file = dir.resolve("metrics.csv");
    StringBuilder text = new StringBuilder("header\n");
    AtomicFiles.writeRebuildable(file, text.toString());
    int appended = 0;
    int replaced = 0;
    for (int i = 0; i < 400; i++) {
      String line = "row " + i + ",0.123456789012345678,"  + "x".repeat(i % 97) + "\n";
      long before = Files.size(file);
      long end = before + line.length() - 1;
      Object inode = Files.getAttribute(file, "unix:ino");
      text.append(line);
      AtomicFiles.appendRebuildable(file, line, text::toString);
      Object after = Files.getAttribute(file, "unix:ino");
      boolean crosses = before / 4096 != end / 4096;
      if (crosses) {
        assertNotEquals(inode, after, "line " + i + " crosses a page at byte " + before + ": the file is replaced");
        replaced++;
      } else {
        assertEquals(inode, after, "line " + i + " lies within a page at byte " + before + ": appended in place");
        appended++;
      }
      assertEquals(text.toString(), Files.readString(file));
    }
    assertTrue(replaced >= 5 && appended >= 300, replaced + " replaced, " + appended + " appended");
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file left behind");
    }
  }

  @Test
  void aLineLongerThanAPageReplacesTheFile() throws Exception {
    Path file = dir.resolve("log.txt");
    AtomicFiles.writeRebuildable(file, "a\n");
    Object inode = Files.getAttribute(file, "unix:ino");
    String line = "b".repeat(5_000) + "\n";
    AtomicFiles.appendRebuildable(file, line, () -> "a\n" + line);
    assertNotEquals(inode, Files.getAttribute(file, "unix:ino"));
    assertEquals("a\n" + line, Files.readString(file));
  }

  @Test
  void aTargetThatIsNotARegularFileIsRefusedAndLeftAsItWas() throws Exception {
    Path fifo = SpecialFiles.fifo(dir, "pipe");
    java.io.UncheckedIOException e = org.junit.jupiter.api.Assertions.assertThrows(
        java.io.UncheckedIOException.class, () -> AtomicFiles.writeString(fifo, "text\n"));
    assertEquals("cannot write " + fifo + ": " + fifo + ": not a regular file", e.getMessage());
    assertTrue(Files.exists(fifo) && !Files.isRegularFile(fifo), "still a pipe");
    Path empty = Files.createDirectory(dir.resolve("empty"));
    org.junit.jupiter.api.Assertions.assertThrows(java.io.UncheckedIOException.class,
        () -> AtomicFiles.writeString(empty, "text\n"));
    assertTrue(Files.isDirectory(empty), "an empty directory is not renamed over");
    Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nowhere"));
    org.junit.jupiter.api.Assertions.assertThrows(java.io.UncheckedIOException.class,
        () -> AtomicFiles.writeString(dangling, "text\n"));
    assertTrue(Files.isSymbolicLink(dangling) && !Files.exists(dir.resolve("nowhere")));
    try (var files = Files.list(dir)) {
      assertEquals(3, files.count(), "no temporary file left");
    }
  }

  @Test
  void aLinkToARegularFileIsWrittenThroughAndStays() throws Exception {
    Path sub = Files.createDirectory(dir.resolve("sub"));
    Path file = Files.writeString(sub.resolve("file.csv"), "old\n");
    Path link = Files.createSymbolicLink(dir.resolve("link.csv"), dir.relativize(file));
    AtomicFiles.writeString(link, "new\n");
    assertTrue(Files.isSymbolicLink(link));
    assertEquals("new\n", Files.readString(file));
    try (var files = Files.list(sub)) {
      assertEquals(1, files.count(), "the temporary file was made beside the file, and renamed");
    }
  }

  /**
   * A folder the user may not write into is named as such, not by the hidden temporary name nn would have given
   * the file. (Skipped for root, who writes into any folder; checked by hand as another user.)
   */
  @Test
  void aFolderThatCannotBeWrittenIntoIsNamedNotTheHiddenFile() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("read-only"));
    Files.setPosixFilePermissions(folder, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(folder), "this user writes into any folder");
      Path target = folder.resolve("p.csv");
      java.io.UncheckedIOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.UncheckedIOException.class,
          () -> AtomicFiles.writeString(target, "x\n"));
      assertEquals("cannot write " + target + ": cannot create a file in the folder " + folder + ": permission denied",
          e.getMessage());
    } finally {
      Files.setPosixFilePermissions(folder, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  /**
   * A file its owner write-protected is not replaced, though its folder would let a rename replace it: refused as
   * the shell's {@code >} refuses it, and left as it was. (Root may write any file: there the test has nothing to
   * show.)
   */
  @Test
  void aWriteProtectedFileIsRefusedAndLeftAsItWas() throws Exception {
    Path target = Files.writeString(dir.resolve("mine.onnx"), "kept\n");
    Files.setPosixFilePermissions(target, java.nio.file.attribute.PosixFilePermissions.fromString("r--r--r--"));
    org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(target), "this user writes any file");
    java.io.UncheckedIOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.UncheckedIOException.class,
        () -> AtomicFiles.writeString(target, "replaced\n"));
    assertEquals("cannot write " + target + ": permission denied: the file is write-protected", e.getMessage());
    assertEquals("kept\n", Files.readString(target));
  }

  /**
   * A file on a file system mounted read-only is refused in the system's words, not as write-protected: no chmod can
   * help there. (OutputTargetTests mounts one where the tests run as root.)
   */
  @Test
  void aFileOnAReadOnlyFileSystemIsRefusedSayingSo() {
    assertEquals("read-only file system", SystemReason.describe(ReadOnlyFileSystem.refusal(true)));
    assertEquals("permission denied: the file is write-protected",
        SystemReason.describe(ReadOnlyFileSystem.refusal(false)));
    assertFalse(ReadOnlyFileSystem.holds(dir), "a test's temporary folder is writable");
  }

  /**
   * A sealed directory: the write under way there finishes before {@code seal} returns; afterwards only the
   * sealing thread writes there; other directories are untouched.
   */
  @Test
  void sealingWaitsForTheWriteUnderWayThenOnlyTheSealingThreadWrites() throws Exception {
    Path run = Files.createDirectories(dir.resolve("run"));
    Path target = run.resolve("model.nnm");
    java.util.concurrent.CountDownLatch writing = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    Thread writer = new Thread(() -> AtomicFiles.write(target, out -> {
      writing.countDown();
      awaitOrFail(release);
      out.write("whole".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }));
    writer.start();
    assertTrue(writing.await(60, java.util.concurrent.TimeUnit.SECONDS));
    java.util.concurrent.atomic.AtomicReference<Throwable> refused = new java.util.concurrent.atomic.AtomicReference<>();
    Thread sealer = new Thread(() -> {
      AtomicFiles.seal(run, 60_000);
      AtomicFiles.writeString(run.resolve("status.yaml"), "state: interrupted\n");
    });
    sealer.start();
    Thread.sleep(200);
    assertTrue(sealer.isAlive(), "the seal waits for the write under way");
    release.countDown();
    writer.join(60_000);
    sealer.join(60_000);
    assertEquals("whole", Files.readString(target));
    assertEquals("state: interrupted\n", Files.readString(run.resolve("status.yaml")));

    Thread late = new Thread(() -> {
      try {
        AtomicFiles.writeString(run.resolve("summary.json"), "{}");
      } catch (java.io.UncheckedIOException e) {
        refused.set(e);
      }
    });
    late.start();
    late.join(60_000);
    assertEquals("cannot write " + run.resolve("summary.json") + ": the process is stopping",
        refused.get().getMessage());
    assertEquals(java.util.List.of("model.nnm", "status.yaml"), names(run), "nothing begun after the seal");
    AtomicFiles.writeString(dir.resolve("elsewhere.txt"), "x");
    assertEquals("x", Files.readString(dir.resolve("elsewhere.txt")));
  }

  /** A write that does not finish in the time the seal gives it loses its temporary file and leaves the target. */
  @Test
  void aWriteTheSealCannotWaitForLeavesNoTemporaryFile() throws Exception {
    Path run = Files.createDirectories(dir.resolve("slow"));
    Path target = run.resolve("model.nnm");
    Files.writeString(target, "old");
    java.util.concurrent.CountDownLatch writing = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicReference<Throwable> failed = new java.util.concurrent.atomic.AtomicReference<>();
    Thread writer = new Thread(() -> {
      try {
        AtomicFiles.write(target, out -> {
          out.write("new".getBytes(java.nio.charset.StandardCharsets.UTF_8));
          writing.countDown();
          awaitOrFail(release);
        });
      } catch (java.io.UncheckedIOException e) {
        failed.set(e);
      }
    });
    writer.start();
    assertTrue(writing.await(60, java.util.concurrent.TimeUnit.SECONDS));
    Thread sealer = new Thread(() -> AtomicFiles.seal(run, 100));
    sealer.start();
    sealer.join(60_000);
    assertEquals(java.util.List.of("model.nnm"), names(run), "the temporary file is deleted");
    release.countDown();
    writer.join(60_000);
    assertEquals("old", Files.readString(target));
    assertTrue(failed.get() != null, "the write cut short fails");
    assertEquals(java.util.List.of("model.nnm"), names(run));
  }

  private static java.util.List<String> names(Path d) throws java.io.IOException {
    try (var s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static void awaitOrFail(java.util.concurrent.CountDownLatch latch) {
    try {
      assertTrue(latch.await(60, java.util.concurrent.TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * A new output gets the permissions any new file gets here (the user's umask decides, as for a file a shell
   * writes), and a replaced one keeps its own: a private 0600 file stays private.
   */
  @Test
  void aNewFileTakesTheUmasksPermissionsAndAReplacedFileKeepsItsOwn() throws Exception {
    Path probe = Files.createFile(dir.resolve("probe"));
    Path fresh = dir.resolve("fresh.csv");
    AtomicFiles.writeString(fresh, "a\n");
    assertEquals(Files.getPosixFilePermissions(probe), Files.getPosixFilePermissions(fresh));

    assertReplacementKeeps("rw-------");
    // a read-only file is replaced (its folder allows it) and stays read-only
    assertReplacementKeeps("r--r--r--");
  }

  /**
   * A file of another user's, replaced by a process allowed to give files away (root), stays that user's and
   * group's, as a shell's {@code >} leaves it: a 640 file handed to root would no longer be theirs to read.
   */
  @Test
  void aReplacedFileKeepsItsOwnerAndGroupWhenTheWriterMayGiveItAway() throws Exception {
    java.nio.file.attribute.UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
    java.nio.file.attribute.UserPrincipal nobody;
    java.nio.file.attribute.GroupPrincipal nogroup;
    Path file = Files.writeString(dir.resolve("theirs.csv"), "old\n");
    try {
      nobody = users.lookupPrincipalByName("nobody");
      nogroup = users.lookupPrincipalByGroupName("nogroup");
      Files.setOwner(file, nobody);
      Files.getFileAttributeView(file, java.nio.file.attribute.PosixFileAttributeView.class).setGroup(nogroup);
    } catch (java.io.IOException e) {
      org.junit.jupiter.api.Assumptions.assumeTrue(false, "this user may not give files away: " + e);
      return;
    }
    Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
    AtomicFiles.writeString(file, "new\n");
    java.nio.file.attribute.PosixFileAttributes now = Files.readAttributes(file,
        java.nio.file.attribute.PosixFileAttributes.class);
    assertEquals("new\n", Files.readString(file));
    assertEquals(nobody, now.owner());
    assertEquals(nogroup, now.group());
    assertEquals("rw-r-----", java.nio.file.attribute.PosixFilePermissions.toString(now.permissions()));
  }

  /** A file of {@code permissions} replaced with new content has that content and those permissions. */
  private void assertReplacementKeeps(String permissions) throws Exception {
    Path file = dir.resolve(permissions.replace('-', '_') + ".csv");
    Files.writeString(file, "old\n");
    Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString(permissions));
    AtomicFiles.writeString(file, "new\n");
    assertEquals("new\n", Files.readString(file));
    assertEquals(permissions, java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  /** A name as long as the file system allows (255 bytes) is written: the temporary keeps only its start. */
  @Test
  void aNameOfTheLongestLengthIsWritten() throws Exception {
    Path longest = dir.resolve("é".repeat(100) + "x".repeat(50) + ".onnx");
    assertEquals(255, longest.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    AtomicFiles.writeString(longest, "model");
    assertEquals("model", Files.readString(longest));
    try (var left = Files.list(dir)) {
      assertEquals(1, left.count(), "no temporary left");
    }
  }


  /**
   * A temporary file that a kill -9 left beside a target is deleted by the target's next write once it is old; a
   * fresh one (another process writing now), another target's, and a look-alike folder are left alone.
   */
  @Test
  void theNextWriteOfATargetDeletesItsOldAbandonedTemporaryFilesOnly() throws Exception {
    Path old = Files.writeString(dir.resolve(".predictions.csv.3k2j1x.tmp"), "half a fi");
    Path fresh = Files.writeString(dir.resolve(".predictions.csv.9zz.tmp"), "being written");
    Path other = Files.writeString(dir.resolve(".model.onnx.abc.tmp"), "");
    Path folder = Files.createDirectory(dir.resolve(".predictions.csv.def.tmp"));
    java.nio.file.attribute.FileTime longAgo = java.nio.file.attribute.FileTime.from(
        java.time.Instant.now().minus(java.time.Duration.ofHours(2)));
    for (Path p : java.util.List.of(old, other, folder)) {
      Files.setLastModifiedTime(p, longAgo);
    }
    AtomicFiles.writeString(dir.resolve("predictions.csv"), "class\n");
    assertTrue(Files.notExists(old), "the abandoned temporary file");
    assertTrue(Files.exists(fresh) && Files.exists(other) && Files.isDirectory(folder));
    assertEquals("class\n", Files.readString(dir.resolve("predictions.csv")));
  }

  /**
   * Trying a folder for a new file leaves nothing in it, and removes an old trial file that a kill -9 left there; a
   * fresh one (another command trying now) stays.
   */
  @Test
  void tryingAFolderLeavesNothingAndRemovesOldTrialFiles() throws Exception {
    Path old = Files.writeString(dir.resolve(".nn-check-123456789.tmp"), "");
    Path fresh = Files.writeString(dir.resolve(".nn-check-987654321.tmp"), "");
    Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.from(
        java.time.Instant.now().minus(java.time.Duration.ofHours(2))));
    AtomicFiles.tryMakingAFileIn(dir);
    try (var left = Files.list(dir)) {
      assertEquals(java.util.List.of(fresh), left.toList());
    }
    assertThrows(java.io.IOException.class, () -> AtomicFiles.tryMakingAFileIn(dir.resolve("not-there")));
  }
}
