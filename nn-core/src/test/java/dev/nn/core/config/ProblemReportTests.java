package dev.nn.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.ProblemId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemReportTests {

  @Test
  void twoProblemsAreNumberedWithSuggestionsAllowedValuesAndACount() {
    List<ConfigProblem> problems =
        List.of(
            new ConfigProblem(
                ProblemId.UNKNOWN_PLUGIN,
                "network.layers[1].activation",
                2,
                51,
                "unknown activation \"rleu\"",
                "identity, relu, sigmoid, tanh",
                List.of("relu")),
            new ConfigProblem(ProblemId.OUT_OF_RANGE, "optimizer.learning-rate", 5, 20, "must be > 0, found -0.001", "", List.of()));

    assertEquals(
        "Invalid experiment autoencoder.yaml — 2 problems:\n"
            + "\n"
            + "1) [nn/UnknownPlugin] network.layers[1].activation (line 2, col 51): unknown activation \"rleu\"\n"
            + "   Did you mean: relu\n"
            + "   Allowed: identity, relu, sigmoid, tanh\n"
            + "\n"
            + "2) [nn/OutOfRange] optimizer.learning-rate (line 5, col 20): must be > 0, found -0.001\n"
            + "\n"
            + "2 problems\n",
        ProblemReport.format("autoencoder.yaml", problems));
  }

  /**
   * A file of 120 problems shows the first 99 and a note for the 21 others: the report counts 120, not the 100
   * entries it lists (the note is not a problem of the file).
   */
  @Test
  void aFileOfMoreProblemsThanShownIsCountedWhole() {
    StringBuilder yaml = new StringBuilder("training:\n");
    for (int i = 0; i < 120; i++) {
      yaml.append("  unknown-").append(i).append(": 1\n");
    }
    List<ConfigProblem> problems = assertThrows(ConfigException.class,
        () -> Resources.reader().read(yaml.toString(), "many.yaml", java.nio.file.Path.of("."), List.of())).problems();
    assertEquals(100, problems.size());
    String report = ProblemReport.format("many.yaml", problems);
    assertTrue(report.startsWith("Invalid experiment many.yaml — 1"), report);
    String count = report.substring("Invalid experiment many.yaml — ".length(), report.indexOf(':'));
    int total = Integer.parseInt(count.substring(0, count.indexOf(' ')));
    assertTrue(total > 120, "every problem of the file is counted (the 120 keys and the missing sections): " + count);
    assertTrue(count.endsWith(" problems (the first 99 shown)"), count);
    assertTrue(report.contains("100) [nn/TooLarge] " + (total - 99) + " more problems not shown"), report);
    assertTrue(report.endsWith("\n" + total + " problems\n"), report);
  }

  @Test
  void oneProblemIsCountedInTheSingular() {
    String report = ProblemReport.format("x.yaml", List.of(ConfigProblem.of(ProblemId.TOO_LARGE, "", "too big", "")));

    assertEquals("Invalid experiment x.yaml — 1 problem:\n\n1) [nn/TooLarge] too big\n\n1 problem\n", report);
  }

  @Test
  void aProblemWithALineButNoPathShowsTheLineAlone() {
    ConfigProblem p = new ConfigProblem(ProblemId.YAML_SYNTAX, "", 3, 8, "not valid YAML", "", List.of());

    assertEquals(
        "Invalid experiment x.yaml — 1 problem:\n\n1) [nn/YamlSyntax] line 3, col 8: not valid YAML\n\n1 problem\n",
        ProblemReport.format("x.yaml", List.of(p)));
  }

  @Test
  void anIdsAnchorIsItsNameInKebabCaseAndItsDocsLinkPointsThere() {
    assertEquals("unknown-key", ProblemId.UNKNOWN_KEY.anchor());
    assertEquals("yaml-syntax", ProblemId.YAML_SYNTAX.anchor());
    assertEquals("too-large", ProblemId.TOO_LARGE.anchor());
    assertEquals("bundled-api", ProblemId.BUNDLED_API.anchor());
    assertEquals("docs/errors.md#backend-unavailable", ProblemId.BACKEND_UNAVAILABLE.docs());
    assertEquals("nn/IncompatibleLoss", ProblemId.INCOMPATIBLE_LOSS.code());
  }

  @Test
  void theErrorsPageExplainsEveryIdUnderItsAnchor() throws java.io.IOException {
    // Maven runs tests in the module directory; the page is in the repository's docs/
    String page = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "errors.md"));

    for (ProblemId id : ProblemId.values()) {
      assertEquals(
          true,
          page.contains("<a id=\"" + id.anchor() + "\"></a>\n## " + id.code() + "\n"),
          "docs/errors.md has no section for " + id);
    }
  }

  @Test
  void problemsWithoutALineComeFirstThenTheRestInFileOrder() {
    ConfigProblem late = new ConfigProblem(ProblemId.OUT_OF_RANGE, "b", 9, 1, "late", "", List.of());
    ConfigProblem early = new ConfigProblem(ProblemId.OUT_OF_RANGE, "a", 2, 5, "early", "", List.of());
    ConfigProblem sameLine = new ConfigProblem(ProblemId.OUT_OF_RANGE, "a", 2, 3, "same line, earlier column", "", List.of());
    ConfigProblem override = ConfigProblem.of(ProblemId.BAD_OVERRIDE, "x", "override", "");

    assertEquals(List.of(override, sameLine, early, late), ExperimentReader.ordered(List.of(late, early, override, sameLine)));
  }
}
