package dev.nn.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nn.spi.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Pins the exact report of every {@code config/bad/NAME.yaml} to {@code config/bad/NAME.txt}. A
 * {@code NAME.set} file beside it holds {@code --set} overrides, one per line. With
 * {@code -Dnn.golden.dump=DIR} the actual reports are also written to DIR, to review a change by diff;
 * the comparison still decides. That these files and the run-time ones of nn-tests together show every
 * {@link dev.nn.spi.ProblemId} is checked in nn-tests, the one module that sees both.
 */
class ProblemReportGoldenTests {

  @TestFactory
  Stream<DynamicTest> everyBadFileGivesItsPinnedReport() throws IOException {
    Path dir = Resources.path("bad");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
  }

  private static void check(Path yaml) throws IOException {
    String base = yaml.getFileName().toString().replaceFirst("\\.yaml$", "");
    Path set = yaml.resolveSibling(base + ".set");
    List<String> overrides = Files.exists(set) ? Files.readAllLines(set, StandardCharsets.UTF_8) : List.of();
    ConfigException e = assertThrows(ConfigException.class, () -> Resources.reader().read(yaml, overrides));
    String actual = ProblemReport.format(yaml.getFileName().toString(), e.problems());
    if (System.getProperty("nn.golden.dump") != null) {
      Path out = Path.of(System.getProperty("nn.golden.dump"), base + ".txt");
      Files.createDirectories(out.getParent());
      Files.writeString(out, actual);
    }
    String expected = Files.readString(yaml.resolveSibling(base + ".txt"), StandardCharsets.UTF_8);
    assertEquals(expected, actual);
  }
}
