package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.sweep.SweepRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep checks, before each point after its first, that its experiment file and data files are those it started
 * with: points trained on another network or other data sat in one table as if they differed by the swept value.
 */
class SweepFilesChangedTests {
  @TempDir
  Path tmp;

  /** The record of a sweep of two seeds starting now, of the experiment file and data file written here. */
  private SweepRecord started(Path experiment, Path data) throws Exception {
    Files.writeString(experiment, "name: x\n");
    Files.writeString(data, "a,y\n1,2\n");
    return SweepRecord.starting(experiment.toString(), List.of(), List.of("seed=1,2"), 0, tmp.resolve("runs"),
        List.of(), List.of("nn", "train"), List.of(data));
  }

  @Test
  void anEditedExperimentOrDataFileIsNamedAsChanged() throws Exception {
    Path experiment = tmp.resolve("x.yaml");
    Path data = tmp.resolve("d.csv");
    SweepRecord record = started(experiment, data);
    assertEquals(List.of(), SweepRunner.changedSince(record, List.of()));
    String experimentSha = record.experimentSha256();
    Files.writeString(experiment, "name: y\n");
    Files.writeString(data, "a,y\n1,3\n");
    List<String> changed = SweepRunner.changedSince(record, List.of());
    assertEquals(2, changed.size(), changed.toString());
    assertEquals(experiment + " (SHA-256 " + experimentSha + " when the sweep started)", changed.get(0));
    assertEquals(data.toAbsolutePath().normalize() + " (SHA-256 ", changed.get(1).substring(0,
        changed.get(1).indexOf("(SHA-256 ") + 9));
    Files.delete(experiment);
    assertEquals(experiment + " (gone)", SweepRunner.changedSince(record, List.of()).get(0));
  }

  /**
   * A sweep resumed with --allow-changed-data trains its points left on the data as it is at the resume: those points
   * are checked against that (they were not checked at all), and a change then is said to be since the resume.
   */
  @Test
  void aResumedSweepChecksItsPointsAgainstTheFilesAsTheyWereAtTheResume() throws Exception {
    Path experiment = tmp.resolve("x.yaml");
    Path data = tmp.resolve("d.csv");
    SweepRecord record = started(experiment, data);
    Files.writeString(data, "a,y\n1,3\n");
    assertEquals(1, SweepRunner.changedSince(record, List.of()).size(), "changed since the start");
    SweepRecord resumed = record.rehashed(List.of());
    String when = "when the sweep was resumed";
    assertEquals(List.of(), SweepRunner.changedSince(resumed, List.of(), when));
    assertEquals(record.dataFiles().keySet(), resumed.dataFiles().keySet());
    String atResume = resumed.dataFiles().values().iterator().next();
    Files.writeString(data, "a,y\n1,4\n");
    assertEquals(List.of(data.toAbsolutePath().normalize() + " (SHA-256 " + atResume + " " + when + ")"),
        SweepRunner.changedSince(resumed, List.of(), when));
    Files.delete(data);
    assertEquals(List.of(data.toAbsolutePath().normalize() + " (gone)"), SweepRunner.changedSince(resumed, List.of(),
        when));
    // a file gone at the resume (allowed) is not looked for again
    assertEquals(List.of(), SweepRunner.changedSince(record.rehashed(List.of()), List.of(), when));
  }

  /**
   * A resume allowed to take changed files writes what it took into the record: each file's digest before and after,
   * and from then on the record's digests are the resume's, so that a later resume is checked against the files the
   * points since trained on (with the start's digests kept, the original data put back was taken in silence).
   */
  @Test
  void aResumeThatTakesChangedFilesRecordsThemAndIsCheckedAgainstAfter() throws Exception {
    Path experiment = tmp.resolve("x.yaml");
    Path data = tmp.resolve("d.csv");
    SweepRecord record = started(experiment, data);
    assertEquals(SweepRecord.STARTED, record.digestsFrom());
    java.time.Instant at = java.time.Instant.parse("2026-12-06T03:30:00.25Z");
    assertEquals(record, record.takingChangesNow(List.of(), List.of("--allow-changed-data"), at), "nothing changed");
    String before = record.dataFiles().values().iterator().next();
    Files.writeString(data, "a,y\n1,3\n");
    SweepRecord taken = record.takingChangesNow(List.of(), List.of("--allow-changed-data"), at);
    String after = taken.dataFiles().values().iterator().next();
    Path file = data.toAbsolutePath().normalize();
    assertEquals(List.of("2026-12-06T03:30:00Z --allow-changed-data took " + file + " SHA-256 " + before + " -> " + after),
        taken.allowedChanges());
    Path folder = Files.createDirectories(tmp.resolve("sweep"));
    taken.write(folder);
    SweepRecord read = SweepRecord.read(folder);
    assertEquals(taken, read);
    assertEquals(SweepRecord.LAST_RESUMED, read.digestsFrom());
    assertEquals(List.of(), read.changedDataFiles(read.digestsFrom()));
    // the data the sweep started with, put back: a change since the points last trained
    Files.writeString(data, "a,y\n1,2\n");
    assertEquals(List.of(file + " (SHA-256 " + after + " when the sweep was last resumed on changed files)"),
        read.changedDataFiles(read.digestsFrom()));
    SweepRecord again = read.takingChangesNow(List.of(), List.of("--allow-changed-data"), at.plusSeconds(60));
    assertEquals(2, again.allowedChanges().size(), again.allowedChanges().toString());
    assertEquals(before, again.dataFiles().get(file));
  }

  /**
   * A data file gone when a resume takes changes keeps its digest in the record, to be checked once it is back, and is
   * said to be gone, not to have moved to another file of the same content.
   */
  @Test
  void aDataFileGoneAtAResumeThatTakesChangesStaysInTheRecord() throws Exception {
    Path experiment = tmp.resolve("x.yaml");
    Path data = tmp.resolve("d.csv");
    SweepRecord record = started(experiment, data);
    String digest = record.dataFiles().values().iterator().next();
    Files.copy(data, tmp.resolve("same.csv"));
    Files.delete(data);
    SweepRecord taken = record.takingChangesNow(List.of(), List.of("--allow-changed-data"), java.time.Instant.EPOCH);
    Path file = data.toAbsolutePath().normalize();
    assertEquals(java.util.Map.of(file, "gone " + digest), taken.dataFiles());
    assertEquals(List.of("1970-01-01T00:00:00Z --allow-changed-data took " + file + " gone (SHA-256 " + digest + ")"),
        taken.allowedChanges());
    // still gone: no change since, and a resume taking changes again has nothing to add
    assertEquals(List.of(), taken.changedDataFiles(taken.digestsFrom()));
    assertEquals(taken, taken.takingChangesNow(List.of(), List.of("--allow-changed-data"), java.time.Instant.EPOCH));
    // back with other content: compared with what it was before it went
    Files.writeString(data, "a,y\n9,9\n");
    assertEquals(List.of(file + " (back, SHA-256 " + digest + " before it went missing)"),
        taken.changedDataFiles(taken.digestsFrom()));
    SweepRecord back = taken.takingChangesNow(List.of(), List.of("--allow-changed-data"), java.time.Instant.EPOCH);
    assertEquals(List.of(), back.changedDataFiles(back.digestsFrom()));
    assertTrue(back.allowedChanges().get(1).endsWith(file + " back, SHA-256 " + digest + " before it went -> "
        + back.dataFiles().get(file)), back.allowedChanges().toString());
  }

  /**
   * A jar left off the plugin path, still where it was, is said to be so (not gone), and another jar of its name
   * elsewhere is not given its digest: it is a jar the sweep did not use.
   */
  @Test
  void aJarLeftOffThePluginPathIsSaidSoAndNotConfusedWithOneOfItsName() throws Exception {
    Path experiment = tmp.resolve("x.yaml");
    Path data = tmp.resolve("d.csv");
    Files.writeString(experiment, "name: x\n");
    Files.writeString(data, "a,y\n1,2\n");
    Path used = Files.createDirectories(tmp.resolve("pp2")).resolve("acme.jar");
    Path other = Files.createDirectories(tmp.resolve("pp")).resolve("acme.jar");
    Files.write(used, new byte[] {1, 2, 3});
    Files.write(other, new byte[] {4, 5, 6});
    SweepRecord record = SweepRecord.starting(experiment.toString(), List.of(), List.of("seed=1,2"), 0,
        tmp.resolve("runs"), List.of(used), List.of("nn", "train"), List.of(data));
    List<String> changed = record.changedPluginJars(List.of(other));
    assertEquals(List.of(used.toAbsolutePath().normalize() + " (not on the plugin path now)",
        other.toAbsolutePath().normalize() + " (not on the plugin path when the sweep started)"), changed);
    SweepRecord taken = record.takingChangesNow(List.of(other), List.of("--allow-changed-plugins"),
        java.time.Instant.EPOCH);
    assertTrue(taken.allowedChanges().get(0).contains(used.toAbsolutePath().normalize() + " left off the plugin path"),
        taken.allowedChanges().toString());
  }
}
