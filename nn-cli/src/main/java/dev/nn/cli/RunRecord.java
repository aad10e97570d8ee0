package dev.nn.cli;

import dev.nn.core.io.Json;
import dev.nn.core.run.MetricsColumns;
import dev.nn.core.run.RunDirectory;
import dev.nn.core.text.CommandName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What one run directory says about its run, as a map in the layout of {@code summary.json} (format 1): the
 * file itself when the run wrote one; otherwise, for runs made before summaries existed, the same keys pieced
 * together from {@code experiment.yaml}, {@code metrics.csv}, {@code provenance.yaml} and {@code status.yaml}.
 * Then the status is {@code completed} when {@code model.nnm} exists, else the state {@code status.yaml} records,
 * else {@code unknown}; the test figures are unknown ({@code null}). A state nn never writes, or {@code finished}
 * without the model, is told of and not taken.
 *
 * @param directory the run directory
 * @param summary the summary's keys, in the file's order
 * @param fromSummaryFile whether {@code summary.json} was read (rather than pieced together)
 */
record RunRecord(Path directory, Map<String, Object> summary, boolean fromSummaryFile) {
  /** The summary's file name in a run directory. */
  static final String SUMMARY = "summary.json";

  /**
   * Whether {@code dir} holds a run: an {@code experiment.yaml} and a {@code checkpoints/} folder, or, where its
   * checkpoints were deleted to save room once it ended (a run that will not be resumed), its {@code summary.json}
   * or {@code status.yaml}.
   */
  static boolean isRunDirectory(Path dir) {
    return Files.isRegularFile(dir.resolve(RunDirectory.EXPERIMENT))
        && (Files.isDirectory(dir.resolve(RunDirectory.CHECKPOINTS))
            || Files.isRegularFile(dir.resolve(RunDirectory.SUMMARY))
            || Files.isRegularFile(dir.resolve(RunDirectory.STATUS)));
  }

  /**
   * Reads the run in {@code dir}.
   *
   * @throws CommandFailure when {@code summary.json} exists but is not JSON, naming the file and the place
   */
  static RunRecord read(Path dir) {
    Path file = dir.resolve(SUMMARY);
    if (Files.isRegularFile(file)) {
      Object parsed;
      try {
        parsed = Json.parse(dev.nn.core.io.TextFiles.read(file));
      } catch (Json.SyntaxError e) {
        throw new CommandFailure("nn: " + file + ": not a run summary: " + e.getMessage());
      } catch (dev.nn.core.io.TextFiles.NotUtf8Exception e) {
        throw new CommandFailure("nn: " + file + ": not a run summary: " + e.getMessage());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (!(parsed instanceof Map)) {
        throw new CommandFailure("nn: " + file + ": not a run summary: expected a JSON object");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) parsed;
      String wrong = wrongField(m);
      if (wrong != null) {
        throw new CommandFailure("nn: " + file + ": not a run summary: " + wrong);
      }
      return new RunRecord(dir, endedIfAbandoned(dir, m), true);
    }
    return new RunRecord(dir, endedIfAbandoned(dir, LegacyRun.summarize(dir, problem -> {
      throw new CommandFailure(problem);
    })), false);
  }

  /** The states a summary's {@code status} may hold. */
  private static final List<String> STATUSES = List.of("running", "completed", "diverged", "interrupted", "failed",
      "unknown");

  /**
   * What is wrong with a summary that is JSON but not as nn writes one — a field of another type ({@code "status":
   * 42}), a status or time nn never writes — or {@code null} when every field it has is of its kind: such a summary
   * is not shown as it is, but told of, and the run described from its other files.
   */
  private static String wrongField(Map<String, Object> m) {
    Object status = m.get("status");
    if (status == null) {
      // {} or {"format": 1}: the run showed as unknown, every column a dash, though its other files said how it ended
      return "it has no \"status\", which every summary nn writes has";
    }
    if (!STATUSES.contains(status)) {
      return "\"status\" is " + Json.line(status, Json.NonFinite.AS_NULL) + ", not one of " + String.join(", ", STATUSES);
    }
    for (String time : List.of("started", "ended")) {
      Object t = m.get(time);
      if (t != null && (!(t instanceof String text) || parsedInstant(text) == null)) {
        return "\"" + time + "\" is " + Json.line(t, Json.NonFinite.AS_NULL) + ", not a time such as \"2026-12-03T00:30:00Z\"";
      }
    }
    for (String count : List.of("format", "epochs", "epochs_planned", "best_epoch", "updates", "duration_seconds")) {
      Object n = m.get(count);
      if (n != null && !(n instanceof Number)) {
        return "\"" + count + "\" is " + Json.line(n, Json.NonFinite.AS_NULL) + ", not a number";
      }
    }
    return null;
  }

  private static Instant parsedInstant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * {@link #read}, or, when a file of the run cannot be read (a summary cut short by a crash of the machine,
   * a damaged YAML file), the run described from what can be read — at worst only its folder, as {@code unknown}
   * — with each problem passed to {@code problems}: one bad run does not hide the others from a listing.
   */
  static RunRecord readOrDescribe(Path dir, Consumer<String> problems) {
    Consumer<String> fromOthers = problem -> problems.accept(problem + "; listed from the run's other files");
    // without a summary, read would piece the run together as below: a second try would only fail again
    if (Files.isRegularFile(dir.resolve(SUMMARY))) {
      try {
        return withOthersFilling(read(dir), problems);
      } catch (CommandFailure e) {
        fromOthers.accept(e.getMessage());
      } catch (dev.nn.core.run.RunFileException e) {
        fromOthers.accept("nn: " + e.getMessage());
      }
    }
    try {
      return new RunRecord(dir, endedIfAbandoned(dir, LegacyRun.summarize(dir, fromOthers)), false);
    } catch (CommandFailure e) {
      problems.accept(e.getMessage() + "; listed as unknown");
    } catch (dev.nn.core.run.RunFileException e) {
      problems.accept("nn: " + e.getMessage() + "; listed as unknown");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", 1L);
    m.put("name", null);
    m.put("status", "unknown");
    return new RunRecord(dir, m, false);
  }

  /** The keys the table shows, which a summary nn writes always has. */
  private static final List<String> SHOWN = List.of("name", "started", "duration_seconds", "overrides", "validation");

  /**
   * {@code read}, a summary that lacks keys the table shows (a file cut down or written by hand to its status), with
   * them pieced together from the run's other files as for a run without a summary, and a word saying so: it was
   * listed with blank columns, silently.
   */
  private static RunRecord withOthersFilling(RunRecord read, Consumer<String> problems) {
    List<String> missing = SHOWN.stream().filter(k -> !read.summary().containsKey(k)).toList();
    if (missing.isEmpty()) {
      return read;
    }
    Map<String, Object> others;
    try {
      others = LegacyRun.summarize(read.directory(), problem -> { });
    } catch (RuntimeException e) {
      return read;
    }
    Map<String, Object> filled = new LinkedHashMap<>(read.summary());
    for (String key : missing) {
      if (others.get(key) != null) {
        filled.put(key, others.get(key));
      }
    }
    problems.accept("nn: " + read.directory().resolve(SUMMARY) + " lacks " + String.join(", ", missing)
        + "; listed from the run's other files");
    return new RunRecord(read.directory(), filled, true);
  }

  /** How the message of a run whose process was killed before it recorded an end starts. */
  static final String ABANDONED = "the process training it ended without recording an end (killed?)";

  /** Whether the run's process was killed before it recorded an end: its summary says running, and no one trains it. */
  boolean abandoned() {
    return "interrupted".equals(status()) && message().startsWith(ABANDONED);
  }

  /**
   * A summary that says "running" while no process holds the run's lock was left by a process killed before it
   * could record its end (kill -9, a lost machine): such a run is shown as interrupted, with a message saying
   * so, because that is what it is to its user, who can resume it. The file itself is left as it is.
   */
  private static Map<String, Object> endedIfAbandoned(Path dir, Map<String, Object> summary) {
    if (!"running".equals(summary.get("status")) || RunDirectory.isTraining(dir)) {
      return summary;
    }
    Map<String, Object> m = new LinkedHashMap<>(summary);
    m.put("status", "interrupted");
    m.put("message", ABANDONED + "; "
        + CommandName.resume(dir) + " continues it");
    return m;
  }

  /** The experiment's name. */
  String name() {
    Object n = summary.get("name");
    return n == null ? "" : n.toString();
  }

  /** running, completed, diverged, interrupted, failed, or unknown. */
  String status() {
    Object s = summary.get("status");
    return s == null ? "unknown" : s.toString();
  }

  /** The failure or divergence message, or "". */
  String message() {
    Object m = summary.get("message");
    return m == null ? "" : m.toString();
  }

  /** When training started, or null when unknown. */
  Instant started() {
    Object s = summary.get("started");
    return s == null ? null : parsedInstant(s.toString());
  }

  /** How long it trained, or null when unknown. */
  Duration duration() {
    Double d = number(summary.get("duration_seconds"));
    return d == null ? null : Duration.ofMillis(Math.round(d * 1000));
  }

  /** The {@code --set} arguments the run was given. */
  List<String> overrides() {
    List<String> all = new ArrayList<>();
    if (summary.get("overrides") instanceof List<?> list) {
      for (Object o : list) {
        all.add(String.valueOf(o));
      }
    }
    return all;
  }

  /** The best epoch's validation figure worth showing first (see {@link Figure#headline}), or null. */
  Figure validation() {
    return Figure.headline(summary.get("validation"));
  }

  /** The same figure on the test split, or null. */
  Figure test() {
    return Figure.headline(summary.get("test"));
  }

  /** This summary with a {@code "directory"} key added first, for {@code nn runs --json}. */
  Map<String, Object> withDirectory() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("directory", directory.toString());
    m.putAll(summary);
    return m;
  }

  static Double number(Object o) {
    return o instanceof Number n && Double.isFinite(n.doubleValue()) ? n.doubleValue() : null;
  }

  /**
   * The sweep table's row for the point with {@code values} whose run this is, as the run recorded its end: its status,
   * figures, and message unless it completed.
   */
  dev.nn.core.sweep.SweepTable.Row sweepRow(java.util.List<String> values) {
    return new dev.nn.core.sweep.SweepTable.Row(values, status(), directory.toString(), inTable(validation()),
        inTable(test()), status().equals("completed") ? "" : message());
  }

  /** A figure as a sweep's table holds it; null for none. */
  static dev.nn.core.sweep.SweepTable.Figure inTable(Figure f) {
    return f == null ? null : new dev.nn.core.sweep.SweepTable.Figure(f.metric(), f.value());
  }

  /**
   * One metric of a split.
   *
   * @param metric accuracy, rmse or loss
   */
  record Figure(String metric, double value) {
    /**
     * A split's headline figure: accuracy for a classifier, RMSE for a regression, the loss when neither
     * is there; null when the split has no figures.
     */
    static Figure headline(Object split) {
      if (!(split instanceof Map<?, ?> m)) {
        return null;
      }
      for (String k : new String[] {"accuracy", "rmse", "loss"}) {
        Double v = number(m.get(k));
        if (v != null) {
          return new Figure(k, v);
        }
      }
      return null;
    }

    /** "acc 0.9500", "rmse 1.234", "loss 0.0123". */
    String display() {
      String label = metric.equals("accuracy") ? "acc" : metric;
      return label + " " + (metric.equals("accuracy") ? Figures.fraction(value) : Figures.sixDigits(value));
    }
  }

  /** Reading a run directory written before {@code summary.json} existed. */
  static final class LegacyRun {
    private LegacyRun() {}

    /**
     * The summary's keys from the run's files. A {@code status.yaml} that cannot be trusted is passed to {@code
     * problems} and the run's status told without it, as a summary's unknown status is.
     */
    static Map<String, Object> summarize(Path dir, Consumer<String> problems) {
      Map<String, Object> experiment = yaml(dir.resolve(RunDirectory.EXPERIMENT));
      Map<String, Object> provenance = yaml(dir.resolve(RunDirectory.PROVENANCE));
      Map<String, Object> status = status(dir, problems);
      MetricsColumns metrics = MetricsColumns.read(dir.resolve(RunDirectory.METRICS));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("format", 1L);
      m.put("name", experiment.get("name"));
      String state = status.get("state") == null ? null : status.get("state").toString();
      m.put("status", Files.isRegularFile(dir.resolve(RunDirectory.MODEL)) ? "completed"
          : state == null ? "unknown" : state.equals("finished") ? "completed" : state);
      Object message = status.get("message");
      m.put("message", "failed".equals(state) || "diverged".equals(state) ? message : null);
      Instant started = instant(provenance.get("started"));
      Instant ended = instant(provenance.get("ended"));
      m.put("started", started == null ? null : started.toString());
      m.put("ended", ended == null ? null : ended.toString());
      Double seconds = started != null && ended != null ? Double.valueOf(Duration.between(started, ended).toMillis()
          / 1000.0) : metrics.seconds();
      m.put("duration_seconds", seconds);
      m.put("epochs_planned", experiment.get("training") instanceof Map<?, ?> t ? t.get("epochs") : null);
      m.put("epochs", (long) metrics.rows().size());
      Double updates = metrics.last("updates");
      m.put("updates", updates == null ? null : Math.round(updates));
      // the epoch the trainer kept: early stopping's choice by its monitor, else the last
      int best = metrics.keptRow(experiment);
      Double bestEpoch = best < 0 ? null : metrics.rows().get(best).get("epoch");
      m.put("best_epoch", bestEpoch == null ? null : Math.round(bestEpoch));
      Double trainLoss = metrics.last("train_loss");
      m.put("train", trainLoss == null ? null : new LinkedHashMap<>(Map.of("loss", trainLoss)));
      m.put("validation", best < 0 || metrics.validation(best).isEmpty() ? null : metrics.validation(best));
      m.put("test", null);
      m.put("seed", provenance.get("random") instanceof Map<?, ?> r ? r.get("seed") : experiment.get("seed"));
      // a run stopped before its provenance was written has the overrides it started with all the same
      m.put("overrides", provenance.get("command-line") != null ? overrides(provenance.get("command-line"))
          : startedWith(dir.resolve(RunDirectory.OVERRIDES)));
      m.put("nn_version", provenance.get("nn-version"));
      m.put("git_commit", null);
      m.put("host", null);
      return m;
    }

    /** The states {@code status.yaml} may hold, as {@link dev.nn.core.run.RunDirectory} writes them. */
    private static final List<String> STATES = List.of("finished", "failed", "diverged", "interrupted");

    /**
     * {@code status.yaml}'s keys when it can be trusted, else none, the problem passed to {@code problems}: a file
     * that is not YAML, holds no state or one nn never writes (a file cut short: "state: int"), or says the run
     * finished though its model, which a run writes before it records that, does not exist.
     */
    private static Map<String, Object> status(Path dir, Consumer<String> problems) {
      Path file = dir.resolve(RunDirectory.STATUS);
      if (!Files.isRegularFile(file)) {
        return Map.of();
      }
      Map<String, Object> status;
      try {
        status = yaml(file);
      } catch (CommandFailure e) {
        problems.accept(e.getMessage());
        return Map.of();
      }
      Object state = status.get("state");
      if (state == null || !STATES.contains(state)) {
        problems.accept("nn: " + file + ": " + (state == null ? "holds no \"state\""
            : "\"state\" is " + Json.line(state, Json.NonFinite.AS_NULL)) + ", not one of " + String.join(", ", STATES));
        return Map.of();
      }
      if (state.equals("finished") && !Files.isRegularFile(dir.resolve(RunDirectory.MODEL))) {
        problems.accept("nn: " + file + ": \"state\" is \"finished\", but the run has no " + RunDirectory.MODEL
            + ", which a run writes before it records that it finished");
        return Map.of();
      }
      return status;
    }

    /** The overrides {@code overrides.yaml} holds (a list of KEY=VALUE), or none when it holds no list. */
    private static List<String> startedWith(Path file) {
      List<String> sets = new ArrayList<>();
      if (!Files.isRegularFile(file)) {
        return sets;
      }
      Object list;
      try {
        list = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
      } catch (java.io.IOException | RuntimeException unreadable) {
        return sets;
      }
      if (list instanceof List<?> items) {
        items.forEach(o -> sets.add(String.valueOf(o)));
      }
      return sets;
    }

    /** The values of the {@code --set} options in a recorded command line. */
    private static List<String> overrides(Object commandLine) {
      List<String> sets = new ArrayList<>();
      if (commandLine instanceof List<?> args) {
        for (int i = 0; i < args.size(); i++) {
          String a = String.valueOf(args.get(i));
          if (a.equals("--set") && i + 1 < args.size()) {
            sets.add(String.valueOf(args.get(++i)));
          } else if (a.startsWith("--set=")) {
            sets.add(a.substring("--set=".length()));
          }
        }
      }
      return sets;
    }

    private static Instant instant(Object o) {
      return o == null ? null : parsedInstant(o.toString());
    }

    /** A YAML file's top-level mapping; empty when the file is missing or not a mapping. */
    static Map<String, Object> yaml(Path file) {
      if (!Files.isRegularFile(file)) {
        return Map.of();
      }
      try {
        Object o = new Yaml(new SafeConstructor(new LoaderOptions())).load(dev.nn.core.io.TextFiles.read(file));
        if (o instanceof Map<?, ?> m) {
          Map<String, Object> out = new LinkedHashMap<>();
          m.forEach((k, v) -> out.put(String.valueOf(k), v));
          return out;
        }
        return Map.of();
      } catch (dev.nn.core.io.TextFiles.NotUtf8Exception e) {
        throw new CommandFailure("nn: " + file + ": " + e.getMessage());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (RuntimeException e) {
        throw new CommandFailure("nn: " + file + ": not readable as YAML: " + e.getMessage().lines().findFirst()
            .orElse(""));
      }
    }
  }
}
