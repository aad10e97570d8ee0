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

  /**
   * A master URL Spark cannot parse, or one asking for 0 threads or 0 attempts per task, is a problem at its key and
   * line with the forms allowed: it passed nn validate and failed only once Spark was starting, in Spark's words.
   */
  @Test
  void aMasterUrlSparkCannotParseIsAProblemAtItsKey() {
    String[][] wrong = {
        {"bogus://x", "\"bogus://x\" is not a Spark master URL"},
        {"7", "\"7\" is not a Spark master URL"},
        {"local[two]", "\"local[two]\" is not a Spark master URL"},
        {"local[0]", "\"local[0]\" asks for 0 threads; it must be from 1 to 2147483647"},
        {"local[2,0]", "\"local[2,0]\" asks for 0 attempts per task; it must be from 1 to 2147483647"},
        {"local[99999999999]", "\"local[99999999999]\" asks for 99999999999 threads; it must be from 1 to 2147483647"},
        {"local-cluster[2,0,1024]", "\"local-cluster[2,0,1024]\" asks for 0 cores per worker; it must be from 1 to"
            + " 2147483647"},
        {"spark://host", "\"spark://host\": \"host\" names no port; Spark needs host:port (a standalone master"
            + " listens at port 7077 unless told otherwise)"},
        {"spark://h:7077/x", "\"spark://h:7077/x\": \"h:7077/x\" is not a host and port of a standalone master"},
        {"spark://h:7077,", "\"spark://h:7077,\": \"\" is not a host and port of a standalone master"},
        {"YARN", "\"YARN\" is not a Spark master URL"}};
    for (String[] w : wrong) {
      ConfigException e = assertThrows(ConfigException.class,
          () -> read(FILE + "distributed:\n  master: " + (w[0].equals("7") ? "7" : "\"" + w[0] + "\"") + "\n"),
          w[0]);
      assertEquals(1, e.problems().size(), e.problems().toString());
      ConfigProblem p = e.problems().get(0);
      assertEquals(ProblemId.OUT_OF_RANGE, p.id());
      assertEquals("distributed.master 8:11", p.path() + " " + p.line() + ":" + p.column());
      assertEquals(w[1], p.message());
      assertTrue(p.allowed().startsWith("local, local[N] or local[*] (N threads), local[N,F] (F attempts per task),"
          + " spark://host:port"), p.allowed());
    }
    ConfigException set = assertThrows(ConfigException.class, () -> read(FILE, "distributed.master=local[0]"));
    assertEquals("\"local[0]\" asks for 0 threads; it must be from 1 to 2147483647 (from --set"
        + " distributed.master=local[0])", set.problems().get(0).message());
    for (String right : List.of("local", "local[1]", "local[*]", "local[2,3]", "local[*, 4]", "local-cluster[2,1,1024]",
        "spark://h:7077", "spark://h1:7077,h2:7078", "spark://[::1]:7077", "yarn", "k8s://https://k8s.example:6443")) {
      assertEquals(right, read(FILE, "distributed.master=" + right).distributed().orElseThrow().master());
    }
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
  void aSparkSettingWhoseValueIsNoTextIsOneProblemAndANameThatIsNoWordIsRefused() {
    ConfigException value = assertThrows(ConfigException.class,
        () -> read(FILE + "distributed: {conf: {spark.executor.memory: [4g]}}\n"));
    assertEquals(List.of("distributed.conf.spark.executor.memory"),
        value.problems().stream().map(ConfigProblem::path).toList());
    ConfigException name = assertThrows(ConfigException.class,
        () -> read(FILE + "distributed: {conf: {[a]: b}}\n"));
    assertEquals(1, name.problems().size(), name.problems().toString());
    assertEquals(ProblemId.WRONG_TYPE, name.problems().get(0).id());
    assertEquals("distributed.conf", name.problems().get(0).path());
  }

  @Test
  void averageEveryWithoutTheAveragingModeIsRefusedUnlessItIsTheDefault() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> read(FILE + "distributed: {average-every: 8}\n"));
    assertEquals(1, e.problems().size(), e.problems().toString());
    ConfigProblem p = e.problems().get(0);
    assertEquals("distributed.average-every", p.path());
    assertEquals("average-every applies to mode: averaging, but the mode is synchronous (the default)", p.message());
    assertEquals("mode: averaging with it, or no average-every key", p.allowed());
    ConfigException set = assertThrows(ConfigException.class,
        () -> read(FILE + "distributed: {mode: averaging, average-every: 8}\n", "distributed.mode=synchronous"));
    assertTrue(set.problems().get(0).message().endsWith("but the mode is synchronous"), set.problems().toString());
    // what earlier versions wrote into every run's experiment.yaml still reads
    assertEquals(32, read(FILE + "distributed: {mode: synchronous, average-every: 32}\n").distributed().orElseThrow()
        .averageEvery());
    assertEquals(8, read(FILE + "distributed: {mode: averaging, average-every: 8}\n").distributed().orElseThrow()
        .averageEvery());
  }

  @Test
  void theWrittenExperimentReadsBackTheSame() {
    Experiment e = read(FILE, "distributed.mode=averaging", "distributed.partitions=3");
    Experiment again = read(ExperimentWriter.write(e));
    assertEquals(e.distributed(), again.distributed());
  }

  private static final String SPARK_SOURCE =
      "data: {train: {source: spark, format: parquet, path: \"hdfs://nn/iris\", target: y, task: classification,"
          + " features: [a, b]}}\n"
          + "network:\n"
          + "  layers:\n"
          + "    - {units: auto}\n"
          + "    - {units: auto, activation: identity}\n"
          + "loss: softmax-cross-entropy\n";

  @Test
  void aSparkSourceIsReadWithItsUriAndNeedsTheDistributedSection() {
    Experiment e = read(SPARK_SOURCE, "distributed.partitions=2");
    SourceSpec.Spark s = (SourceSpec.Spark) e.data().train();
    assertEquals("parquet", s.format());
    assertEquals("hdfs://nn/iris", s.location());
    assertEquals(List.of("a", "b"), s.features());
    assertEquals(new HoldOut.Split(0.1), e.data().validation());
    assertEquals(new HoldOut.Split(0.0), e.data().test());
    assertEquals(e.data(), read(ExperimentWriter.write(e)).data());

    ConfigException none = assertThrows(ConfigException.class, () -> read(SPARK_SOURCE));
    assertEquals(ProblemId.BACKEND_UNAVAILABLE, none.problems().get(0).id());
    assertEquals("data.train", none.problems().get(0).path());
  }

  @Test
  void aSparkSourceWithAHoldOutSourceOrAnUnknownFormatIsReported() {
    ConfigException format = assertThrows(ConfigException.class, () -> read(SPARK_SOURCE.replace("format: parquet",
        "format: avro") + "distributed: {}\n"));
    assertEquals(List.of("data.train.format"), format.problems().stream().map(ConfigProblem::path).toList());
    assertTrue(format.problems().get(0).allowed().contains("parquet, csv, json, orc"));
    ConfigException heldOut = assertThrows(ConfigException.class, () -> read(SPARK_SOURCE.replace("features: [a, b]}",
        "features: [a, b]}, test: {source: csv, path: t.csv}") + "distributed: {}\n"));
    assertEquals(List.of("data.test"), heldOut.problems().stream().map(ConfigProblem::path).toList());
    assertEquals(new HoldOut.Split(0.25),
        read(SPARK_SOURCE + "distributed: {}\n", "data.test.split=0.25").data().test());
  }

  /** Settings that need every row in one place: a Spark table's rows stay on its executors. */
  @Test
  void everyDataSettingASparkSourceRefusesIsReportedAtItsOwnKeyOrItsSet() {
    String text = SPARK_SOURCE.replace("data: {train: {", "data:\n  stratify: true\n  one-hot: [a]\n  train: {")
        .replace("features: [a, b]}}", "features: [a, b]}") + "distributed: {}\n";
    ConfigException e = assertThrows(ConfigException.class, () -> read(text), text);
    assertEquals(List.of("data.stratify 2:13", "data.one-hot 3:12"), e.problems().stream()
        .map(p -> p.path() + " " + p.line() + ":" + p.column()).toList());
    ConfigException set = assertThrows(ConfigException.class,
        () -> read(SPARK_SOURCE + "distributed: {}\n", "data.stratify=true"));
    assertEquals(1, set.problems().size(), set.problems().toString());
    assertEquals(0, set.problems().get(0).line());
    assertTrue(set.problems().get(0).message().endsWith("(from --set data.stratify=true)"),
        set.problems().get(0).message());
  }

  @Test
  void aSparkSourceRefusesTheDataSettingsThatNeedEveryRow() {
    String spark = SPARK_SOURCE + "distributed: {}\n";
    List<String[]> cases = List.of(
        new String[] {"  standardize-targets: true\n", "data.standardize-targets: a spark source's targets are used as"
            + " they are; standardizing them is done for csv and idx sources", "regression"},
        new String[] {"  test: {fold: 1, of: 5}\n", "data.test: with a spark training source, hold-outs are split off"
            + " it by a fraction where its rows lie (no sources of their own, no folds)", "classification", "OUT_OF_RANGE"},
        new String[] {"  stratify: true\n", "data.stratify: a spark source splits its hold-outs off by a fraction"
            + " where the rows lie, without stratifying them", "classification"},
        new String[] {"  one-hot: [a]\n", "data.one-hot: a spark source's features are used as they are; one-hot"
            + " encoding is done for csv sources", "classification"});
    for (String[] c : cases) {
      String stated = spark.replace("data: {train: {", "data:\n" + c[0] + "  train: {")
          .replace("features: [a, b]}}", "features: [a, b]}").replace("task: classification", "task: " + c[2]);
      String text = c[2].equals("regression") ? stated.replace("softmax-cross-entropy", "squared") : stated;
      ConfigException e = assertThrows(ConfigException.class, () -> read(text), text);
      assertEquals(List.of(c[1]), e.problems().stream().map(p -> p.path() + ": " + p.message()).toList());
      assertEquals(c.length > 3 ? ProblemId.OUT_OF_RANGE : ProblemId.BACKEND_UNAVAILABLE, e.problems().get(0).id());
      String allowed = e.problems().get(0).allowed();
      assertTrue(allowed.contains("csv") || allowed.equals("{split: f}"), allowed);
    }
  }

  @Test
  void aRelativeSparkPathIsMadeAbsoluteAgainstTheExperimentFile() {
    Experiment e = read(SPARK_SOURCE.replace("\"hdfs://nn/iris\"", "tables/iris.parquet"), "distributed.partitions=1");
    assertEquals(Path.of("/exp/tables/iris.parquet").toString(), ((SourceSpec.Spark) e.data().train()).location());
  }
}
