package dev.nn.cli;

import dev.nn.core.Nn;
import dev.nn.core.bench.BenchResult;
import dev.nn.core.bench.Benchmark;
import dev.nn.core.config.Experiment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nn bench}: times the experiments of a benchmark directory through the classes {@code nn train}
 * uses, and prints samples per second and GFLOP/s.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    header = "Times the benchmark experiments: samples/s and GFLOP/s.",
    description = {"Runs every experiment of the benchmark directory (default: examples/bench of this nn)"
        + " through the same classes nn train uses — network, loss, optimizer, trainer — after a warm-up, and"
        + " prints the median, slowest and fastest samples per second over the repetitions, and GFLOP/s.",
        "An experiment whose file name ends in -infer is timed as inference: forward passes in batches of its"
        + " batch size. FLOPs count multiply and add as two: forward 2·Σ n(l−1)·n(l), weight gradients the"
        + " same, input gradients 2·Σ over layers 2 … L+1."},
    footer = "%nExit codes: 0 done, 2 a bad option, experiment or missing directory.")
final class BenchCommand implements Callable<Integer> {
  private final NnCommand root;

  @Option(names = "--workload", paramLabel = "NAME",
      description = "Runs only this workload (the file name without .yaml, any case: W1, w2-infer); repeatable.")
  List<String> workloads = new ArrayList<>();

  @Option(names = "--dir", paramLabel = "DIR", description = "The benchmark experiments' directory.")
  Path dir;

  @Option(names = "--repetitions", paramLabel = "N", defaultValue = "5",
      description = "Timed repetitions per workload (default ${DEFAULT-VALUE}).")
  int repetitions;

  @Option(names = "--seconds", paramLabel = "S", defaultValue = "2",
      description = "Minimum length of one repetition, in seconds (default ${DEFAULT-VALUE}).")
  double seconds;

  @Option(names = "--set", paramLabel = "KEY.PATH=VALUE",
      description = "Overrides one key of every benchmark experiment, e.g. compute.threads=1; repeatable.")
  List<String> sets = new ArrayList<>();

  @Option(names = "--json", description = "Prints one JSON object per workload instead of a table.")
  boolean json;

  BenchCommand(NnCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    Nn nn = root.nn();
    Path directory = dir != null ? dir : defaultDirectory();
    List<Path> files = experiments(directory);
    if (files.isEmpty()) {
      throw new CommandFailure("no benchmark experiment matches " + workloads + " in " + directory);
    }
    Benchmark bench = new Benchmark(nn.plugins(), repetitions, seconds);
    for (Path file : files) {
      Experiment e = Failures.readingConfig(file.toString(), () -> Experiments.load(nn, file.toString(), sets));
      BenchResult r = name(file).endsWith("-infer") ? bench.infer(e) : bench.train(e);
      root.out().println(json ? r.json() : r.line());
      root.out().flush();
    }
    return Main.OK;
  }

  private List<Path> experiments(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new UncheckedIOException(new NoSuchFileException(directory.toString(), null, "no benchmark directory"));
    }
    try (Stream<Path> s = Files.list(directory)) {
      return s.filter(p -> p.toString().endsWith(".yaml"))
          .filter(p -> workloads.isEmpty() || workloads.stream().anyMatch(w -> w.equalsIgnoreCase(name(p))))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String name(Path file) {
    String n = file.getFileName().toString();
    return n.substring(0, n.length() - ".yaml".length()).toLowerCase(Locale.ROOT);
  }

  /** examples/bench of the nn checkout this command runs from, else of the working directory. */
  private static Path defaultDirectory() {
    try {
      Path jar = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // <root>/nn-cli/target/nn-cli-<version>.jar or <root>/nn-cli/target/classes
      Path candidate = jar.getParent().getParent().getParent().resolve("examples").resolve("bench");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    } catch (java.net.URISyntaxException | RuntimeException e) {
      // fall back to the working directory
    }
    return Path.of("examples", "bench");
  }
}
