package dev.nn.tests.errors;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.spi.ProblemId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@link ProblemId} a user can meet is explained in {@code docs/errors.md} and shown by at least one
 * golden report made from a real broken input, so that a new id cannot ship undocumented or unseen. The golden
 * reports are nn-core's, for problems the experiment reader finds, and this module's {@code errors/}, for
 * problems found once a run is wired; this module is the one that sees both.
 */
class ProblemIdCoverageTests {
  /** The repository root, from nn-tests, where the tests run. */
  private static final Path ROOT = Path.of("..");

  /**
   * The one id no test machine can produce: the bundled OpenBLAS loads on linux-x86_64, where the tests run,
   * so {@code backend: blas} never fails there. Its message is pinned by the docs' example instead.
   */
  private static final ProblemId NOT_PRODUCIBLE_HERE = ProblemId.BACKEND_UNAVAILABLE;

  @Test
  void everyIdHasASectionUnderItsAnchorInTheErrorsPage() throws IOException {
    String page = Files.readString(ROOT.resolve("docs").resolve("errors.md"));

    for (ProblemId id : ProblemId.values()) {
      assertTrue(page.contains("<a id=\"" + id.anchor() + "\"></a>\n## " + id.code() + "\n"),
          "docs/errors.md has no section for " + id);
    }
  }

  @Test
  void everyIdIsShownByAGoldenReport() throws IOException {
    String reports = goldenReports(ROOT.resolve("nn-core/src/test/resources/config/bad"))
        + goldenReports(RunProblemGoldenTests.DIR);

    for (ProblemId id : ProblemId.values()) {
      assertTrue(id == NOT_PRODUCIBLE_HERE || reports.contains("[" + id.code() + "]"),
          "no golden report shows " + id);
    }
  }

  private static String goldenReports(Path dir) throws IOException {
    StringBuilder all = new StringBuilder();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
    }
    for (Path p : files) {
      all.append(Files.readString(p));
    }
    return all.toString();
  }
}
