package dev.nn.cli;

import dev.nn.core.io.Json;
import dev.nn.core.sweep.SweepTable;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nn runs}: a table of the run directories in a folder, from their summaries. */
@Command(name = "runs", mixinStandardHelpOptions = true,
    header = "Lists the training runs in a folder.",
    description = "Lists the run directories (those holding experiment.yaml, and checkpoints/ or summary.json)"
        + " among DIR's"
        + " subfolders and theirs, or, DIR a sweep folder, its points' runs: their name, status, start (local time),"
        + " duration, --set overrides,"
        + " validation figure of the epoch its model keeps (accuracy for a classifier, else RMSE or loss) and test figure. Each run's"
        + " summary.json is read; a run without one (written by an earlier nn) is described from its metrics.csv,"
        + " provenance.yaml and status.yaml.",
    footer = {"%nExit codes: 0 listed (also when there is no run, and when a run's summary.json or other files"
        + " cannot be read: each is named on standard error and the run listed from what can be read), 2 DIR"
        + " missing or not a folder."})
final class RunsCommand implements Callable<Integer> {
  private final NnCommand root;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
      description = "The folder to look in (default: ./runs when it exists, else the current folder).")
  Path dir;

  @Option(names = "--sort", paramLabel = "FIELD",
      description = "Orders the table by name, status, started, val or test (default: started); a leading '-'"
          + " sorts in descending order.")
  String sort = "started";

  @Option(names = "--reverse", description = "Sorts in descending order.")
  boolean reverse;

  @Option(names = "--json", description = "Prints the runs' summaries as one JSON array instead, each with a"
      + " \"directory\" key added.")
  boolean json;

  RunsCommand(NnCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    Comparator<RunRecord> order = RunOrder.parse(sort, reverse)
        .orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(), "--sort: \"" + sort
            + "\" is not a field; expected one of " + String.join(", ", RunOrder.FIELDS)
            + " (with a leading '-' for descending order)"));
    Path folder = dir != null ? dir : Files.isDirectory(Path.of("runs")) ? Path.of("runs") : Path.of(".");
    if (!Files.exists(folder)) {
      throw new CommandFailure("nn: " + folder + ": no such folder; expected a folder of run directories");
    }
    if (!Files.isDirectory(folder)) {
      throw new CommandFailure("nn: " + folder + ": not a folder; expected a folder of run directories");
    }
    List<RunRecord> runs = new ArrayList<>();
    // a sweep folder holds its table, its points' runs are beside it: they are named from the folder that holds both
    List<Path> swept = RunRecord.isRunDirectory(folder) ? List.of() : sweptRuns(folder);
    Path namedFrom = swept.isEmpty() ? folder : folder.toAbsolutePath().normalize().getParent();
    for (Path d : swept.isEmpty() ? runDirectories(folder) : swept) {
      runs.add(RunRecord.readOrDescribe(d, root.err()::println));
    }
    runs.sort(order);
    PrintStream out = root.out();
    if (json) {
      out.println(Json.pretty(runs.stream().map(RunRecord::withDirectory).toList(), Json.NonFinite.AS_NULL));
      return Main.OK;
    }
    if (runs.isEmpty()) {
      out.println("no runs in " + folder + " (a run directory holds experiment.yaml, and checkpoints/ or summary.json)");
      return Main.OK;
    }
    RunTable table = new RunTable(namedFrom, runs);
    out.print(table.render(root.terminal() ? root.terminalColumns() : Integer.MAX_VALUE));
    // a run shown as interrupted though nothing recorded it so: said under the table, with how to go on — for a
    // sweep's point, by resuming the sweep, which also trains the points after it (the run's own resume would not)
    java.util.Map<Path, Path> sweepOf = sweepsOfRuns(folder, !swept.isEmpty());
    for (RunRecord r : runs) {
      if (r.abandoned()) {
        Path sweep = sweepOf.get(r.directory().toAbsolutePath().normalize());
        out.println(root.fitted("note: " + r.directory().getFileName() + ": " + (sweep == null ? r.message()
            : RunRecord.ABANDONED + "; it is a point of the sweep " + sweep + ", which "
                + dev.nn.core.text.CommandName.resume(sweep) + " continues, with the points after it")));
      }
    }
    return Main.OK;
  }

  /**
   * The sweep folder each swept run is a point of: {@code folder}'s, when it is a sweep folder ({@code isSweep}), else
   * those of the sweep folders among its subfolders.
   */
  private static java.util.Map<Path, Path> sweepsOfRuns(Path folder, boolean isSweep) {
    java.util.Map<Path, Path> sweepOf = new java.util.HashMap<>();
    List<Path> sweeps = isSweep ? List.of(folder) : subfolders(folder).stream()
        .filter(dev.nn.core.sweep.SweepRecord::isSweepFolder).toList();
    for (Path s : sweeps) {
      for (Path run : sweptRuns(s)) {
        sweepOf.put(run, s);
      }
    }
    return sweepOf;
  }

  /**
   * The run directories in {@code folder}: itself when it is one, else those among its subfolders and theirs,
   * sorted by path. Hidden folders (a run directory being created is staged in one) are passed over.
   */
  static List<Path> runDirectories(Path folder) {
    List<Path> found = new ArrayList<>();
    if (RunRecord.isRunDirectory(folder)) {
      found.add(folder);
      return found;
    }
    for (Path child : subfolders(folder)) {
      if (RunRecord.isRunDirectory(child)) {
        found.add(child);
      } else {
        for (Path grandchild : subfolders(child)) {
          if (RunRecord.isRunDirectory(grandchild)) {
            found.add(grandchild);
          }
        }
      }
    }
    return found;
  }

  /**
   * The runs of the points of the sweep whose folder {@code folder} is, as {@code nn compare} takes them: those its
   * sweep.csv names that are run directories, absolute; empty when {@code folder} is no sweep folder. A point that
   * has not started names none.
   */
  static List<Path> sweptRuns(Path folder) {
    List<Path> runs = new ArrayList<>();
    for (Path run : SweepTable.runDirectories(folder)) {
      if (RunRecord.isRunDirectory(run)) {
        runs.add(run.toAbsolutePath().normalize());
      }
    }
    return runs;
  }

  private static List<Path> subfolders(Path folder) {
    try (Stream<Path> all = Files.list(folder)) {
      return all.filter(p -> Files.isDirectory(p) && !p.getFileName().toString().startsWith("."))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
