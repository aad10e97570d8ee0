package dev.nn.core.run;

import dev.nn.core.io.AtomicFiles;
import dev.nn.core.io.Json;
import dev.nn.core.io.YamlFields;
import dev.nn.core.train.EpochReport;
import dev.nn.core.train.Metrics;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code summary.json}: one run at a glance, for people and for programs that list and compare runs — its
 * status, its figures so far and where it came from — in format 1 (documented in docs/cli.md, "The run
 * directory"). Written at the start of training, after every epoch, and once more when the run ends, whatever
 * the end. A resumed run keeps the time it first started, the commit it started from, and adds the time of
 * its earlier attempts to its duration.
 */
final class RunSummary {
  /** The format this class writes; readers ignore keys they do not know. */
  static final int FORMAT = 1;

  /**
   * What does not change while the run trains.
   *
   * @param name the experiment's name
   * @param started when the run first started
   * @param epochsPlanned the experiment's {@code training.epochs}
   * @param seed the experiment's seed
   * @param overrides the {@code --set} arguments, in order
   * @param nnVersion nn's version
   * @param gitCommit the commit of the repository holding the experiment file, or {@code null}
   * @param host this machine's name
   * @param earlierSeconds the wall time of the run's earlier attempts, 0 for a new run
   * @param targetNames the target columns of a regression, which name each target's figures
   */
  record Identity(String name, Instant started, int epochsPlanned, long seed, List<String> overrides,
      String nnVersion, String gitCommit, String host, double earlierSeconds, List<String> targetNames) {
    Identity {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(started, "started");
      overrides = dev.nn.core.text.Secrets.redact(overrides);
      targetNames = List.copyOf(targetNames);
    }
  }

  private final Identity identity;
  private final Clock clock;
  private final Instant attemptStarted;
  private String status = "running";
  private String message;
  private Instant ended;
  private int epochs;
  private long updates;
  private int bestEpoch;
  private double trainLoss = Double.NaN;
  private Metrics validation;
  private Metrics test;

  RunSummary(Identity identity, Clock clock) {
    this.identity = identity;
    this.clock = clock;
    this.attemptStarted = clock.instant();
  }

  /** Takes the figures of the epochs so far, {@code bestEpoch} being the one whose weights would be kept. */
  void epochs(List<EpochReport> history, int bestEpoch) {
    if (history.isEmpty()) {
      epochs = 0;
      updates = 0;
      this.bestEpoch = 0;
      trainLoss = Double.NaN;
      validation = null;
      return;
    }
    EpochReport last = history.get(history.size() - 1);
    epochs = last.epoch();
    updates = last.updates();
    trainLoss = last.trainLoss();
    this.bestEpoch = bestEpoch;
    validation = null;
    for (EpochReport r : history) {
      if (r.epoch() == bestEpoch) {
        validation = r.validation();
      }
    }
  }

  /** The run ended with {@code status} ("completed", "diverged", "interrupted", "failed"). */
  void ended(String status, String message, Metrics finalValidation, Metrics test) {
    this.status = status;
    this.message = message;
    this.ended = clock.instant();
    if (finalValidation != null) {
      this.validation = finalValidation;
    }
    this.test = test;
  }

  /** The run's duration so far: its earlier attempts' and this one's, up to its end or now. */
  double seconds() {
    return identity.earlierSeconds()
        + Duration.between(attemptStarted, ended == null ? clock.instant() : ended).toNanos() / 1e9;
  }

  /** The JSON text. */
  String toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", FORMAT);
    m.put("name", identity.name());
    m.put("status", status);
    m.put("message", message);
    m.put("started", instant(identity.started()));
    m.put("ended", ended == null ? null : instant(ended));
    double seconds = seconds();
    // to the millisecond; Double.toString always writes a point, so YAML reads it back as a number too
    m.put("duration_seconds", Math.round(Math.max(0, seconds) * 1000) / 1000.0);
    m.put("epochs_planned", identity.epochsPlanned());
    m.put("epochs", epochs);
    m.put("updates", updates);
    m.put("best_epoch", epochs == 0 ? null : bestEpoch);
    m.put("train", epochs == 0 ? null : Map.of("loss", trainLoss));
    m.put("validation", figures(validation, identity.targetNames()));
    m.put("test", figures(test, identity.targetNames()));
    m.put("seed", identity.seed());
    m.put("overrides", identity.overrides());
    m.put("nn_version", identity.nnVersion());
    m.put("git_commit", identity.gitCommit());
    m.put("host", identity.host());
    // a figure that is NaN or infinite is unknown, so null
    return Json.pretty(m, Json.NonFinite.AS_NULL) + "\n";
  }

  /** To the millisecond: what a person or a program comparing runs needs. */
  private static String instant(Instant t) {
    return t.truncatedTo(ChronoUnit.MILLIS).toString();
  }

  /** Writes the file atomically, flushed to disk: the run's end. */
  void write(Path file) {
    AtomicFiles.writeString(file, toJson());
  }

  /** Writes the file atomically without flushing it to disk: progress, which the next write or a resume renews. */
  void writeProgress(Path file) {
    AtomicFiles.writeRebuildable(file, toJson());
  }

  /**
   * A split's figures under metrics.csv's names without "val_": those that apply to the task; for a regression of
   * several targets also {@code targets}, each target's RMSE, MAE and R² under its column's name.
   */
  private static Map<String, Object> figures(Metrics m, List<String> targetNames) {
    if (m == null) {
      return null;
    }
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("loss", m.loss());
    if (m.isClassification()) {
      f.put("accuracy", m.accuracy());
    } else {
      f.put("rmse", m.rmse());
      f.put("mae", m.mae());
      f.put("r2", m.r2());
      if (!m.byTarget().isEmpty() && m.byTarget().size() == targetNames.size()) {
        Map<String, Object> targets = new LinkedHashMap<>();
        for (int k = 0; k < targetNames.size(); k++) {
          Metrics t = m.byTarget().get(k);
          Map<String, Object> one = new LinkedHashMap<>();
          one.put("rmse", t.rmse());
          one.put("mae", t.mae());
          one.put("r2", t.r2());
          targets.put(targetNames.get(k), one);
        }
        f.put("targets", targets);
      }
    }
    return f;
  }

  /**
   * What an earlier attempt of a resumed run recorded in {@code file}: when the run started, how long it has
   * trained, from which commit. Empty when there is no such file or it cannot be read (written by an nn that had
   * none), so that the resume still goes on.
   */
  static Optional<Earlier> readEarlier(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      // JSON is YAML: the summary reads as one YAML mapping
      YamlFields f = YamlFields.read(file, RunFileException::new);
      Instant started = Instant.parse(f.string("started"));
      double seconds = f.isNull("duration_seconds") ? 0 : f.real("duration_seconds");
      String commit = f.isNull("git_commit") ? null : f.string("git_commit");
      return Optional.of(new Earlier(started, seconds, commit));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** See {@link #readEarlier}. */
  record Earlier(Instant started, double seconds, String gitCommit) {}

  /** This machine's name: from the kernel or the environment, falling back on the network's answer. */
  static String hostName() {
    for (String var : new String[] {"HOSTNAME", "COMPUTERNAME"}) {
      String v = System.getenv(var);
      if (v != null && !v.isBlank()) {
        return v.strip();
      }
    }
    try {
      Path kernel = Path.of("/proc/sys/kernel/hostname");
      if (Files.isReadable(kernel)) {
        String v = Files.readString(kernel, StandardCharsets.UTF_8).strip();
        if (!v.isEmpty()) {
          return v;
        }
      }
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
