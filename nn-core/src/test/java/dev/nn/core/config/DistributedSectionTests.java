package dev.nn.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.ProblemId;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code distributed} section: absent by default, set in the file or by {@code --set}, checked, written back. */
class DistributedSectionTests {
  private static final String FILE =
      "data: {train: {source: csv, path: data/train.csv}}\n"
          + "network:\n"
          + "  layers:\n"
          + "    - {units: auto}\n"
          + "    - {units: 1, activation: identity}\n"
          + "loss: squared\n";

  private static Experiment read(String text, String... overrides) {
    return Resources.reader().read(text, "file.yaml", Path.of("/exp"), List.of(overrides));
  }

  @Test
  void withoutTheSectionTheExperimentTrainsInOneProcess() {
    assertTrue(read(FILE).distributed().isEmpty());
  }

  @Test
  void aSetCreatesTheSectionWithItsDefaults() {
    DistributedSpec d = read(FILE, "distributed.master=local[2]").distributed().orElseThrow();
    assertEquals("local[2]", d.master());
    assertEquals(DistributedSpec.Mode.SYNCHRONOUS, d.mode());
    assertEquals(32, d.averageEvery());
    assertEquals(Map.of(), d.conf());
  }

  @Test
  void everyKeyIsRead() {
    DistributedSpec d = read(FILE + "distributed: {master: \"spark://h:7077\", partitions: 8, mode: averaging,"
        + " average-every: 16, conf: {spark.executor.memory: \"4g\"}}\n").distributed().orElseThrow();
    assertEquals(new DistributedSpec("spark://h:7077", 8, DistributedSpec.Mode.AVERAGING, 16,
        Map.of("spark.executor.memory", "4g")), d);
  }

  @Test
  void badValuesAreReportedAtTheirKeys() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> read(FILE + "distributed: {partitions: 0, mode: gossip, every: 3}\n"));
    List<String> paths = e.problems().stream().map(ConfigProblem::path).toList();
    assertTrue(paths.contains("distributed.partitions"), paths.toString());
    assertTrue(paths.contains("distributed.mode"), paths.toString());
    assertTrue(paths.contains("distributed.every"), paths.toString());
    ConfigProblem mode = e.problems().stream().filter(p -> p.path().equals("distributed.mode")).findFirst()
        .orElseThrow();
    assertTrue(mode.allowed().contains("synchronous") && mode.allowed().contains("averaging"), mode.allowed());
    assertTrue(e.problems().stream().anyMatch(p -> p.id() == ProblemId.UNKNOWN_KEY), e.problems().toString());
  }

  @Test
  void theWrittenExperimentReadsBackTheSame() {
    Experiment e = read(FILE, "distributed.mode=averaging", "distributed.partitions=3");
    Experiment again = read(ExperimentWriter.write(e));
    assertEquals(e.distributed(), again.distributed());
  }
}
