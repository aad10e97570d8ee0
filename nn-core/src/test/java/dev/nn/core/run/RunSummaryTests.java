package dev.nn.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nn.core.train.EpochReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** summary.json's text, what a resume reads back from it, overrides.yaml, and the git commit of a file. */
class RunSummaryTests {
  @TempDir
  Path tmp;

  private static final Instant START = Instant.parse("2026-12-03T01:00:00.123456Z");
  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

  private static RunSummary.Identity identity(List<String> overrides) {
    return new RunSummary.Identity("xor", START, 40, 7, overrides, "0.1.0", null, "host-1", 2.5, List.of());
  }

  @Test
  void aRunningRunsSummaryInFormat1WithNonFiniteNumbersAsNull() {
    Clock clock = Clock.fixed(START.plusSeconds(10), ZoneOffset.UTC);
    RunSummary s = new RunSummary(identity(List.of("optimizer.learning-rate=0.1", "name=\"q\\\"")), clock);
    s.epochs(List.of(new EpochReport(1, 25, 0.1, 0.5, RunFixtures.classification(0.4, 10, 0.9,
        new long[][] {{5, 0}, {1, 4}}), 0.1), new EpochReport(2, 50, 0.1, Double.NaN,
        RunFixtures.classification(Double.POSITIVE_INFINITY, 10, 0.8, new long[][] {{4, 1}, {1, 4}}), 0.1)), 1);
    assertEquals("""
        {
          "format": 1,
          "name": "xor",
          "status": "running",
          "message": null,
          "started": "2026-12-03T01:00:00.123Z",
          "ended": null,
          "duration_seconds": 2.5,
          "epochs_planned": 40,
          "epochs": 2,
          "updates": 50,
          "best_epoch": 1,
          "train": {
            "loss": null
          },
          "validation": {
            "loss": 0.4,
            "accuracy": 0.9
          },
          "test": null,
          "seed": 7,
          "overrides": ["optimizer.learning-rate=0.1", "name=\\"q\\\\\\""],
          "nn_version": "0.1.0",
          "git_commit": null,
          "host": "host-1"
        }
        """, s.toJson());
  }

  @Test
  void beforeTheFirstEpochThereIsNoBestEpochAndNoFigures() {
    RunSummary s = new RunSummary(identity(List.of()), Clock.fixed(START, ZoneOffset.UTC));
    s.epochs(List.of(), 0);
    String json = s.toJson();
    assertEquals(List.of("  \"epochs\": 0,", "  \"updates\": 0,", "  \"best_epoch\": null,", "  \"train\": null,",
        "  \"validation\": null,", "  \"test\": null,", "  \"overrides\": [],"),
        json.lines().filter(l -> l.matches("  \"(epochs|updates|best_epoch|train|validation|test|overrides)\".*"))
            .toList());
  }

  @Test
  void aResumeReadsTheStartTheTimeSoFarAndTheCommitBack() throws Exception {
    RunSummary s = new RunSummary(new RunSummary.Identity("xor", START, 40, 7, List.of(), "0.1.0", COMMIT, "h", 1.25, List.of()),
        Clock.fixed(START, ZoneOffset.UTC));
    s.ended("interrupted", null, null, null);
    Path file = tmp.resolve("summary.json");
    s.write(file);
    Optional<RunSummary.Earlier> earlier = RunSummary.readEarlier(file);
    assertEquals(Optional.of(new RunSummary.Earlier(Instant.parse("2026-12-03T01:00:00.123Z"), 1.25, COMMIT)),
        earlier);
    assertEquals(Optional.empty(), RunSummary.readEarlier(tmp.resolve("none.json")));
    Files.writeString(file, "{\"format\": 1, \"started\": \"not a time\"}");
    assertEquals(Optional.empty(), RunSummary.readEarlier(file), "an unreadable summary starts the count again");
  }

  @Test
  void overridesReadBackExactlyAsGiven() {
    Path file = tmp.resolve("overrides.yaml");
    List<String> given = List.of("optimizer.learning-rate=0.1", "name=a: b # c", "x=\"quoted\" \\ back", "u=é→✓");
    RunOverrides.write(file, given);
    assertEquals(given, RunOverrides.read(file));
    RunOverrides.write(file, List.of());
    assertEquals(List.of(), RunOverrides.read(file));
    assertEquals(List.of(), RunOverrides.read(tmp.resolve("absent.yaml")));
  }

  @Test
  void theCommitIsReadFromTheBranchRefThePackedRefsOrADetachedHead() throws Exception {
    Path repo = tmp.resolve("repo");
    Path experiment = Files.createDirectories(repo.resolve("a/b")).resolve("x.yaml");
    Files.writeString(experiment, "name: x\n");
    assertEquals(Optional.empty(), GitHead.of(experiment), "no repository");
    Path git = repo.resolve(".git");
    Files.createDirectories(git.resolve("refs/heads"));
    Files.writeString(git.resolve("HEAD"), "ref: refs/heads/main\n");
    assertEquals(Optional.empty(), GitHead.of(experiment), "a branch without commits");
    Files.writeString(git.resolve("packed-refs"), "# pack-refs with: peeled fully-peeled sorted\n"
        + "1111111111111111111111111111111111111111 refs/heads/other\n" + COMMIT + " refs/heads/main\n");
    assertEquals(Optional.of(COMMIT), GitHead.of(experiment), "packed");
    String loose = COMMIT.replace('0', 'f');
    Files.writeString(git.resolve("refs/heads/main"), loose + "\n");
    assertEquals(Optional.of(loose), GitHead.of(experiment), "a loose ref wins over the packed one");
    Files.writeString(git.resolve("HEAD"), COMMIT + "\n");
    assertEquals(Optional.of(COMMIT), GitHead.of(experiment), "detached");
  }

  @Test
  void aLinkedWorktreeIsFollowedToItsGitDirectoryAndTheCommonRefs() throws Exception {
    Path main = Files.createDirectories(tmp.resolve("main/.git/refs/heads"));
    Path worktreeGit = Files.createDirectories(tmp.resolve("main/.git/worktrees/wt"));
    Files.writeString(worktreeGit.resolve("HEAD"), "ref: refs/heads/feature\n");
    Files.writeString(worktreeGit.resolve("commondir"), "../..\n");
    Files.writeString(main.resolve("feature"), COMMIT + "\n");
    Path worktree = Files.createDirectories(tmp.resolve("wt"));
    Files.writeString(worktree.resolve(".git"), "gitdir: " + worktreeGit + "\n");
    Path experiment = Files.writeString(worktree.resolve("x.yaml"), "name: x\n");
    assertEquals(Optional.of(COMMIT), GitHead.of(experiment));
  }
}
