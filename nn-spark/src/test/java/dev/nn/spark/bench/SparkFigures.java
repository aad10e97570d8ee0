package dev.nn.spark.bench;

import dev.nn.core.Nn;
import dev.nn.core.config.Experiment;
import dev.nn.core.experiment.TrainingRun;
import dev.nn.core.train.EpochReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The figures of docs/spark.md, measured in one JVM with one Spark session in {@code local[2]} (started before
 * any timing). Not part of the test run. Parts, each printed as table rows:
 *
 * <ul>
 *   <li>{@code digits}: nn (one process, Spark synchronous, Spark averaging) against Spark MLlib's
 *       {@code MultilayerPerceptronClassifier} on one fixed split of examples/data/digits.csv, standardised
 *       with the training rows' statistics, written once as two CSV files that both read; test accuracy and
 *       wall time of the training call.
 *   <li>{@code throughput}: W2's network (784-512-512-10 relu, softmax-CE, batch 128, SGD 0.05) on the first
 *       {@code images} MNIST training images, in one process ({@code compute.threads: 2}) and on Spark
 *       (synchronous; averaging every 32); samples/s of each epoch after the first.
 *   <li>{@code rounds}: the cost of one Spark round in this JVM without training: an empty two-task job, a
 *       broadcast of θ read by both tasks, both tasks returning a vector of θ's size, and both.
 * </ul>
 *
 * <p>Arguments: {@code [digits|throughput|rounds|all] [repetitions] [images]}; defaults {@code all 5 20000}.
 * Run from the repository root, see docs/spark.md.
 */
public final class SparkFigures {
  private static final Path ROOT = findRoot();
  private static final Path OUT = ROOT.resolve("nn-spark/target/spark-figures");
  private static final Nn NN = Nn.create();

  private SparkFigures() {}

  public static void main(String[] args) throws Exception {
    String what = args.length > 0 ? args[0] : "all";
    int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int images = args.length > 2 ? Integer.parseInt(args[2]) : 20000;
    Files.createDirectories(OUT);
    SparkSession spark = SparkSession.builder().master("local[2]").appName("nn spark figures")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        // as nn-spark sets it for the local sessions it starts itself (ClusterSessions); -D overrides it
        .config("spark.task.maxDirectResultSize", System.getProperty("spark.task.maxDirectResultSize", "128m"))
        .getOrCreate();
    SparkSession.setActiveSession(spark);
    spark.sparkContext().setLogLevel("WARN");
    System.out.printf(Locale.ROOT,
        "# Spark %s, master %s, %d processors, Java %s, max heap %d MB, OPENBLAS_CORETYPE=%s, spark.task.maxDirectResultSize=%s%n",
        spark.version(), spark.sparkContext().master(), Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20, System.getenv("OPENBLAS_CORETYPE"),
        spark.conf().get("spark.task.maxDirectResultSize"));
    try {
      if (what.equals("digits") || what.equals("all")) {
        digits(spark, reps);
      }
      if (what.equals("throughput") || what.equals("all")) {
        throughput(reps, images);
      }
      if (what.equals("rounds") || what.equals("all")) {
        rounds(spark, Math.max(reps, 5) * 6);
      }
    } finally {
      spark.stop();
    }
  }

  // ---------------------------------------------------------------------------------------------- digits

  /** Hidden layer sizes of the digits comparison: 64-32-10. */
  static final int HIDDEN = 32;

  static String digitsExperiment(String activation, String init, String distributed) {
    return """
        name: digits-%s
        seed: 11
        data:
          train: {source: csv, path: %s, target: last, task: classification}
          test: {source: csv, path: %s, target: last, task: classification}
          standardize: false
        network:
          layers:
            - {units: auto}
            - {units: %d, activation: %s}
            - {units: auto, activation: identity}
          init: %s
        loss: softmax-cross-entropy
        optimizer: {name: adam, learning-rate: 0.01}
        training: {epochs: 30, batch-size: 64, shuffle: true}
        compute: {threads: 2}
        """.formatted(activation, OUT.resolve("digits-train.csv"), OUT.resolve("digits-test.csv"), HIDDEN, activation,
        init) + distributed;
  }

  static void digits(SparkSession spark, int reps) throws IOException {
    splitDigits();
    Dataset<Row> train = frame(spark, OUT.resolve("digits-train.csv")).repartition(2).cache();
    Dataset<Row> test = frame(spark, OUT.resolve("digits-test.csv")).cache();
    train.count();
    test.count();
    System.out.println();
    System.out.println("# load " + load());
    System.out.println("## digits: 1437 training rows, 360 test rows, 64-" + HIDDEN + "-10, local[2]");
    System.out.println("| trainer | configuration | test accuracy | training s, median (range) | runs |");
    System.out.println("|---|---|---|---|---|");
    String sync = "distributed: {master: \"local[2]\", partitions: 2, mode: synchronous}\n";
    String avg = "distributed: {master: \"local[2]\", partitions: 2, mode: averaging, average-every: 4}\n";
    for (String[] config : new String[][] {{"sigmoid", "xavier-uniform"}, {"relu", "he-uniform"}}) {
      String label = config[0] + " hidden, " + config[1] + ", softmax-CE, Adam 0.01, batch 64, 30 epochs";
      nnDigits("nn, one process (2 threads)", label, digitsExperiment(config[0], config[1], ""), reps);
      nnDigits("nn-spark synchronous, 2 parts", label, digitsExperiment(config[0], config[1], sync), reps);
      nnDigits("nn-spark averaging every 4, 2 parts", label, digitsExperiment(config[0], config[1], avg), reps);
    }
    for (int iterations : new int[] {100, 400}) {
      mlpc(train, test, "l-bfgs", iterations, reps);
    }
    train.unpersist();
    test.unpersist();
  }

  static void nnDigits(String who, String label, String yaml, int reps) throws IOException {
    Experiment e = NN.parse(yaml, List.of());
    NN.train(e, TrainingRun.Options.into(Files.createTempDirectory(OUT, "runs"))); // warm-up
    double[] seconds = new double[reps];
    double accuracy = Double.NaN;
    for (int r = 0; r < reps; r++) {
      Path dir = Files.createTempDirectory(OUT, "runs");
      long t0 = System.nanoTime();
      TrainingRun.Result result = NN.train(e, TrainingRun.Options.into(dir));
      seconds[r] = (System.nanoTime() - t0) / 1e9;
      double a = result.test().accuracy();
      if (r > 0 && a != accuracy) {
        throw new IllegalStateException(who + ": accuracy changed between runs: " + accuracy + " then " + a);
      }
      accuracy = a;
    }
    row(who, label, accuracy, seconds);
  }

  static void mlpc(Dataset<Row> train, Dataset<Row> test, String solver, int iterations, int reps) {
    MultilayerPerceptronClassifier mlpc = new MultilayerPerceptronClassifier()
        .setLayers(new int[] {64, HIDDEN, 10}).setSolver(solver).setMaxIter(iterations).setSeed(11L);
    mlpc.fit(train); // warm-up
    double[] seconds = new double[reps];
    double accuracy = Double.NaN;
    for (int r = 0; r < reps; r++) {
      long t0 = System.nanoTime();
      MultilayerPerceptronClassificationModel model = mlpc.fit(train);
      seconds[r] = (System.nanoTime() - t0) / 1e9;
      long right = model.transform(test).filter("prediction = label").count();
      double a = right / (double) test.count();
      if (r > 0 && a != accuracy) {
        throw new IllegalStateException("MLPC: accuracy changed between runs: " + accuracy + " then " + a);
      }
      accuracy = a;
    }
    row("Spark MLlib MultilayerPerceptronClassifier",
        "sigmoid hidden, softmax output, " + solver + ", max " + iterations + " iterations, block size 128",
        accuracy, seconds);
  }

  static void row(String who, String label, double accuracy, double[] seconds) {
    double[] s = seconds.clone();
    Arrays.sort(s);
    System.out.printf(Locale.ROOT, "| %s | %s | %.4f | %.2f (%.2f–%.2f) | %d |%n", who, label, accuracy, median(s), s[0],
        s[s.length - 1], s.length);
  }

  /** Splits digits.csv once (seeded shuffle, 1437 / 360) and standardises both with the training rows' statistics. */
  static void splitDigits() throws IOException {
    List<String> lines = Files.readAllLines(ROOT.resolve("examples/data/digits.csv"));
    String header = lines.get(0);
    List<double[]> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (!line.isBlank()) {
        rows.add(Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray());
      }
    }
    Collections.shuffle(rows, new Random(20240601L));
    int nTest = (int) Math.round(rows.size() * 0.2);
    List<double[]> test = rows.subList(0, nTest);
    List<double[]> train = rows.subList(nTest, rows.size());
    int d = rows.get(0).length - 1;
    double[] mean = new double[d];
    double[] sd = new double[d];
    for (double[] r : train) {
      for (int j = 0; j < d; j++) {
        mean[j] += r[j] / train.size();
      }
    }
    for (double[] r : train) {
      for (int j = 0; j < d; j++) {
        sd[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / train.size();
      }
    }
    for (int j = 0; j < d; j++) {
      sd[j] = Math.sqrt(sd[j]);
    }
    write(OUT.resolve("digits-train.csv"), header, train, mean, sd);
    write(OUT.resolve("digits-test.csv"), header, test, mean, sd);
  }

  static void write(Path file, String header, List<double[]> rows, double[] mean, double[] sd) throws IOException {
    StringBuilder b = new StringBuilder(header).append('\n');
    for (double[] r : rows) {
      for (int j = 0; j < mean.length; j++) {
        double z = sd[j] > 0 ? (r[j] - mean[j]) / sd[j] : 0; // a constant column stays 0
        b.append(z).append(',');
      }
      b.append((int) r[mean.length]).append('\n');
    }
    Files.writeString(file, b);
  }

  static Dataset<Row> frame(SparkSession spark, Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    List<Row> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      double[] v = Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray();
      rows.add(RowFactory.create(v[v.length - 1], Vectors.dense(Arrays.copyOf(v, v.length - 1))));
    }
    StructType schema = new StructType().add("label", DataTypes.DoubleType).add("features", SQLDataTypes.VectorType());
    return spark.createDataFrame(rows, schema);
  }

  // ------------------------------------------------------------------------------------------ throughput

  static String w2(int images, int epochs, String distributed) {
    return """
        name: w2-spark
        seed: 1
        data:
          train: {source: idx, images: [%s], labels: [%s], limit: %d}
          standardize: false
        network:
          layers:
            - {units: 784}
            - {units: 512, activation: relu}
            - {units: 512, activation: relu}
            - {units: 10, activation: identity}
          init: he-uniform
        loss: softmax-cross-entropy
        optimizer: {name: sgd, learning-rate: 0.05}
        training: {epochs: %d, batch-size: 128, shuffle: true}
        compute: {threads: 2}
        """.formatted(ROOT.resolve("examples/data/mnist/train-images-idx3-ubyte.part1.gz") + ", "
        + ROOT.resolve("examples/data/mnist/train-images-idx3-ubyte.part2.gz"),
        ROOT.resolve("examples/data/mnist/train-labels-idx1-ubyte.part1.gz") + ", "
        + ROOT.resolve("examples/data/mnist/train-labels-idx1-ubyte.part2.gz"), images, epochs) + distributed;
  }

  /**
   * Each repetition trains every mode once, one after the other (so that the machine's drift hits them alike),
   * for 3 epochs; the rate of a run is the median of its epochs 2 and 3 (the first warms the JIT and builds the
   * parts).
   */
  static void throughput(int reps, int images) throws IOException {
    String[][] modes = {
        {"nn, one process, compute.threads 2", ""},
        {"nn-spark synchronous, 2 parts", "distributed: {master: \"local[2]\", partitions: 2, mode: synchronous}\n"},
        {"nn-spark averaging every 32, 2 parts",
            "distributed: {master: \"local[2]\", partitions: 2, mode: averaging, average-every: 32}\n"},
    };
    double[][] rates = new double[modes.length][reps];
    double[][] losses = new double[modes.length][reps];
    for (int r = 0; r < reps; r++) {
      for (int m = 0; m < modes.length; m++) {
        Experiment e = NN.parse(w2(images, 3, modes[m][1]), List.of());
        TrainingRun.Result result = NN.train(e, TrainingRun.Options.into(Files.createTempDirectory(OUT, "runs")));
        List<EpochReport> epochs = result.training().epochs();
        rates[m][r] = images / ((epochs.get(1).seconds() + epochs.get(2).seconds()) / 2);
        losses[m][r] = epochs.get(2).trainLoss();
        System.out.printf(Locale.ROOT, "# repetition %d, %s: %,.0f samples/s, load %s%n", r + 1, modes[m][0],
            rates[m][r], load());
      }
    }
    System.out.println();
    System.out.println("## W2-shaped training, first " + images + " MNIST images, local[2]: samples/s, median (range) of "
        + reps + " runs, each the mean rate of its epochs 2 and 3");
    System.out.println("| trainer | samples/s | × one process, median (range) of the runs' ratios | train loss after 3 epochs |");
    System.out.println("|---|---|---|---|");
    for (int m = 0; m < modes.length; m++) {
      double[] ratio = new double[reps];
      for (int r = 0; r < reps; r++) {
        ratio[r] = rates[m][r] / rates[0][r];
      }
      double[] s = rates[m].clone();
      Arrays.sort(s);
      Arrays.sort(ratio);
      System.out.printf(Locale.ROOT, "| %s | %,.0f (%,.0f–%,.0f) | %.2f (%.2f–%.2f) | %.4f |%n", modes[m][0], median(s),
          s[0], s[reps - 1], median(ratio), ratio[0], ratio[reps - 1], losses[m][0]);
    }
  }

  static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "?";
    }
  }

  // ---------------------------------------------------------------------------------------------- rounds

  static void rounds(SparkSession spark, int rounds) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<Integer> parts = sc.parallelize(List.of(0, 1), 2);
    time(100, () -> parts.map(p -> new double[] {p}).collect()); // warm-up: Spark's own code paths
    System.out.println();
    System.out.println("# load " + load());
    System.out.println("## one round of two tasks in local[2], no training: ms per round, median (range) of " + rounds);
    System.out.println("| parameters | empty job | broadcast θ | collect 2 × θ | broadcast θ + collect 2 × θ |");
    System.out.println("|---|---|---|---|---|");
    for (int size : new int[] {669_706, 10_000_000}) {
      int n = size > 1_000_000 ? 5 : rounds;
      double[] theta = new double[size];
      Random rnd = new Random(1);
      for (int i = 0; i < size; i++) {
        theta[i] = rnd.nextGaussian();
      }
      double[] empty = time(n, () -> parts.map(p -> new double[] {p}).collect());
      double[] bcast = time(n, () -> {
        Broadcast<double[]> b = sc.broadcast(theta);
        parts.map(p -> new double[] {b.value()[p]}).collect();
        b.destroy();
      });
      double[] collect = time(n, () -> parts.map(p -> {
        double[] out = new double[size];
        out[p] = p;
        return out;
      }).collect());
      double[] both = time(n, () -> {
        Broadcast<double[]> b = sc.broadcast(theta);
        parts.map(p -> b.value().clone()).collect();
        b.destroy();
      });
      System.out.printf(Locale.ROOT, "| %,d (%.1f MB) | %s | %s | %s | %s |%n", size, size * 8 / 1e6, ms(empty),
          ms(bcast), ms(collect), ms(both));
    }
  }

  static double[] time(int n, Runnable round) {
    for (int i = 0; i < Math.max(3, n / 3); i++) {
      round.run();
    }
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      round.run();
      t[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(t);
    return t;
  }

  static String ms(double[] sorted) {
    return String.format(Locale.ROOT, "%.1f (%.1f–%.1f)", median(sorted), sorted[0], sorted[sorted.length - 1]);
  }

  static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static Path findRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("examples/data")) && Files.isDirectory(p.resolve("nn-spark"))) {
        return p;
      }
    }
    throw new UncheckedIOException(new IOException("run from inside the nn repository"));
  }
}
