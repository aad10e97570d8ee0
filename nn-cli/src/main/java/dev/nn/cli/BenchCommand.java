package dev.nn.cli;

import dev.nn.core.Nn;
import dev.nn.core.bench.BenchResult;
import dev.nn.core.bench.Benchmark;
import dev.nn.core.config.Experiment;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
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
        "An experiment whose file name contains -infer (w2-infer, w2-infer-f32) is timed as inference: forward"
        + " passes in batches of its batch size. FLOPs count multiply and add as two: forward 2·Σ n(l−1)·n(l),"
        + " weight gradients the same, input gradients 2·Σ over layers 2 … L+1.",
        "With several workloads, each runs in a JVM of its own (started as this one was), so that what the"
        + " JIT learnt from one does not shape another's code; --in-process runs them all in this JVM."},
    footer = "%nExit codes: 0 done, 2 a bad option, experiment or missing directory.")
final class BenchCommand implements Callable<Integer> {
  private final NnCommand root;

  @Option(names = "--workload", paramLabel = "NAME",
      description = "Runs only this workload (its file's name without the extension, any case: W1, w2-infer);"
          + " repeatable.")
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
      description = "Overrides one key of every benchmark experiment (for example compute.threads=1);"
          + " repeatable.")
  List<String> sets = new ArrayList<>();

  @Option(names = "--json", description = "Prints one JSON object per workload instead of a table.")
  boolean json;

  @Option(names = "--in-process", description = "Runs every workload in this JVM, one after the other.")
  boolean inProcess;

  @Option(names = "--products",
      description = "Also times each workload's matrix products alone (mode products): the same products on the"
          + " same kernels with nothing around them, the rate nn would reach if the rest took no time.")
  boolean products;

  /** What is being measured, on a terminal; made when the command runs, its streams known. */
  private StatusLine status;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  BenchCommand(NnCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    if (repetitions < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--repetitions must be >= 1, found "
          + repetitions);
    }
    if (!(seconds > 0)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--seconds must be > 0, found " + seconds);
    }
    Nn nn = root.nn();
    status = new StatusLine(root.out(), root.drawsInPlace());
    Path directory = dir != null ? dir : defaultDirectory();
    List<Path> files = experiments(directory);
    if (files.isEmpty()) {
      throw new CommandFailure("nn: no benchmark experiment matches " + workloads + " in " + directory);
    }
    List<Experiment> loaded = new ArrayList<>();
    for (Path file : files) {
      loaded.add(Failures.readingConfig(file.toString(), () -> Experiments.load(nn, file.toString(), sets)));
    }
    if (files.size() > 1 && !inProcess) {
      for (int i = 0; i < files.size(); i++) {
        Path file = files.get(i);
        showing(name(file) + ": measuring (" + (i + 1) + " of " + files.size() + " workloads)");
        int code = runInOwnJvm(directory, file);
        if (code != Main.OK) {
          return code;
        }
      }
      return Main.OK;
    }

    for (int i = 0; i < files.size(); i++) {
      boolean inference = name(files.get(i)).contains("-infer");
      Benchmark benchmark = nn.benchmark(loaded.get(i));
      showing(name(files.get(i)) + ": measuring " + (inference ? "inference" : "training"));
      print(inference ? benchmark.infer(repetitions, seconds) : benchmark.train(repetitions, seconds));
      if (products) {
        showing(name(files.get(i)) + ": measuring the products alone");
        print(benchmark.products(!inference, repetitions, seconds));
      }
    }
    return Main.OK;
  }

  private void print(BenchResult r) {
    erase();
    // on a terminal a line wider than it is folded at its gaps, never inside a figure
    root.out().println(json ? r.json() : root.fitted(r.line()));
    root.out().flush();
  }

  /**
   * On a terminal, a line saying what is being measured (a workload takes its warm-up and repetitions, some 15 s,
   * with nothing else to show), erased before the result is printed; nothing elsewhere.
   */
  private void showing(String text) {
    status.show(text, status.draws() ? root.terminalColumns() : Integer.MAX_VALUE);
  }

  private void erase() {
    status.erase();
  }

  /**
   * Runs {@code nn bench} on one workload in a new JVM with this JVM's options and class path (and the same
   * plugins, passed as NN_PLUGIN_PATH), printing its output here; returns its exit code.
   */
  private int runInOwnJvm(Path directory, Path file) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "bench",
        "--dir", directory.toString(), "--workload", name(file), "--repetitions", Integer.toString(repetitions),
        "--seconds", Double.toString(seconds)));
    for (String set : sets) {
      command.add("--set=" + set);
    }
    if (json) {
      command.add("--json");
    }
    if (products) {
      command.add("--products");
    }
    Path errors = null;
    try {
      errors = Files.createTempFile("nn-bench-", ".err");
      ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
      builder.environment().put(Nn.PLUGIN_PATH_ENV, root.pluginPathEntries().stream().map(Path::toString)
          .collect(Collectors.joining(File.pathSeparator)));
      Process child = builder.start();
      try (BufferedReader lines = new BufferedReader(
          new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          erase();
          root.out().println(json ? line : root.fitted(line));
          root.out().flush();
        }
      }
      int code = child.waitFor();
      erase();
      // the child's stderr, without the JVM's notice that it runs an incubating module (see the nn launcher)
      for (String line : Files.readAllLines(errors, StandardCharsets.UTF_8)) {
        if (!line.startsWith("WARNING: Using incubator modules:")) {
          root.err().println(line);
        }
      }
      return code;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while benchmarking " + name(file), e);
    } finally {
      if (errors != null) {
        try {
          Files.deleteIfExists(errors);
        } catch (IOException e) {
          // a leftover temporary file is harmless
        }
      }
    }
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
