package dev.nn.core.sweep;

import dev.nn.core.io.AtomicFiles;
import dev.nn.core.io.Sha256;
import dev.nn.core.io.SystemReason;
import dev.nn.core.io.TextFiles;
import dev.nn.core.plugin.PluginPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What a sweep was started with, kept in its folder as {@code sweep.yaml} before its first point, so that
 * {@code nn train --resume SWEEP_FOLDER} continues it with the same points: the experiment file as typed and the
 * working directory it was typed in (relative paths in {@code --set} values resolve against it, as they did), the
 * file's SHA-256 (the points to come must train on the file the points done trained on), the {@code --set}s, the
 * {@code --sweep}s, {@code --folds}, the folder the runs go to, the plugin path and the SHA-256 of each of its jars.
 *
 * @param experiment the experiment file, as typed
 * @param workingDirectory the absolute working directory the sweep was started in
 * @param experimentSha256 the experiment file's SHA-256 when the sweep started
 * @param sets the {@code --set}s every point gets, in order
 * @param sweeps the {@code --sweep} options, in order
 * @param folds {@code --folds}, or 0 without
 * @param output the absolute folder the sweep's runs and its own folder are made in
 * @param pluginPath the plugin path's entries, absolute; empty without
 * @param command the sweep's command line, from {@code nn}: its points record theirs from it
 * @param dataFiles the SHA-256 of each data file some point reads, by absolute path: the points to come must train on
 *     the data the points done trained on
 * @param pluginJars the SHA-256 of each jar the plugin path named, by absolute path: the points to come must train
 *     with the plugins the points done trained with
 * @param allowedChanges what each resume given {@code --allow-changed-data} or {@code --allow-changed-plugins} took
 *     (when, and each file's digest before and after), in order; the digests above are then those of the last such
 *     resume, which the points trained since used
 */
public record SweepRecord(String experiment, Path workingDirectory, String experimentSha256, List<String> sets,
    List<String> sweeps, int folds, Path output, List<Path> pluginPath, List<String> command,
    Map<Path, String> dataFiles, Map<Path, String> pluginJars, List<String> allowedChanges) {
  /** The file's name in a sweep folder. */
  public static final String FILE = "sweep.yaml";
  /** The file a process running the sweep holds a lock on, in its folder. */
  public static final String LOCK = ".lock";

  /** Copies the lists and maps it is given. */
  public SweepRecord {
    sets = List.copyOf(sets);
    sweeps = List.copyOf(sweeps);
    pluginPath = List.copyOf(pluginPath);
    command = List.copyOf(command);
    dataFiles = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dataFiles));
    pluginJars = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(pluginJars));
    allowedChanges = List.copyOf(allowedChanges);
  }

  /**
   * The record of a sweep starting now, in this process's working directory.
   *
   * @throws java.io.UncheckedIOException naming the file when the experiment cannot be read
   */
  public static SweepRecord starting(String experiment, List<String> sets, List<String> sweeps, int folds,
      Path output, List<Path> pluginPath, List<String> command, java.util.Collection<Path> dataFiles) {
    Path cwd = Path.of("").toAbsolutePath();
    Map<Path, String> data = new LinkedHashMap<>();
    for (Path file : dataFiles) {
      Path absolute = file.toAbsolutePath().normalize();
      if (Files.isRegularFile(absolute) && !data.containsKey(absolute)) {
        data.put(absolute, Sha256.of(absolute));
      }
    }
    return new SweepRecord(experiment, cwd, Sha256.of(cwd.resolve(experiment)), sets, sweeps, folds,
        output.toAbsolutePath().normalize(), pluginPath.stream().map(p -> p.toAbsolutePath().normalize()).toList(),
        command, data, jarDigests(pluginPath), List.of());
  }

  private static Map<Path, String> jarDigests(List<Path> pluginPath) {
    Map<Path, String> jars = new LinkedHashMap<>();
    for (Path jar : PluginPath.jarsNamedBy(pluginPath)) {
      jars.put(jar, Sha256.of(jar));
    }
    return jars;
  }

  /**
   * The plugin jars that are not as the sweep started with them (or as its last resume on changed files took them,
   * {@link #digestsFrom}), each with what it is now, when the points left are
   * trained with {@code pluginPath}: a jar the sweep used that is gone or changed (by its name), and a jar it did not
   * use. A jar moved elsewhere unchanged (the same SHA-256) is the same jar.
   */
  public List<String> changedPluginJars(List<Path> pluginPath) {
    return changedPluginJars(pluginPath, digestsFrom());
  }

  /** What a record's digests are said to be from: the sweep's start, unless the record was {@link #rehashed}. */
  public static final String STARTED = "when the sweep started";
  /** What the digests of a record a resume took changed files into are said to be from. */
  public static final String LAST_RESUMED = "when the sweep was last resumed on changed files";

  /** What this record's digests are from: the sweep's start, or the last resume that took changed files. */
  public String digestsFrom() {
    return allowedChanges.isEmpty() ? STARTED : LAST_RESUMED;
  }

  /** The moment this record's digests are from, after "since the sweep …". */
  public String digestsSince() {
    return allowedChanges.isEmpty() ? "started" : "was last resumed on changed files";
  }

  /** {@link #changedPluginJars(List)}, each changed jar's digest said to be from {@code when}. */
  public List<String> changedPluginJars(List<Path> pluginPath, String when) {
    if (pluginJars.isEmpty() && !this.pluginPath.isEmpty()) {
      return List.of(); // a sweep.yaml written before its jars were recorded: nothing to compare with
    }
    Map<Path, String> now = jarDigests(pluginPath);
    java.util.Set<String> digestsNow = new java.util.HashSet<>(now.values());
    java.util.Set<String> namesChanged = new java.util.HashSet<>();
    List<String> changed = new ArrayList<>();
    pluginJars.forEach((jar, sha256) -> {
      if (digestsNow.contains(sha256)) {
        return;
      }
      String name = jar.getFileName().toString();
      // the same jar changed: at its own path, or by its name elsewhere once its own path is gone (moved, and changed)
      Path sameName = now.keySet().stream().filter(j -> j.getFileName().toString().equals(name))
          .filter(j -> j.equals(jar) || !Files.isRegularFile(jar)).findFirst().orElse(null);
      if (sameName == null) {
        // a jar still there is left off the plugin path, which deleting it would not mend
        changed.add(jar + (Files.isRegularFile(jar) ? " (not on the plugin path now)" : " (gone)"));
      } else {
        namesChanged.add(name);
        changed.add(sameName + " (SHA-256 " + sha256 + (sameName.equals(jar) ? "" : " at " + jar) + " " + when + ")");
      }
    });
    java.util.Set<String> digestsThen = new java.util.HashSet<>(pluginJars.values());
    now.forEach((jar, sha256) -> {
      if (!digestsThen.contains(sha256) && !namesChanged.contains(jar.getFileName().toString())) {
        changed.add(jar + " (not on the plugin path " + when + ")");
      }
    });
    return changed;
  }

  /**
   * How {@code data-files} marks a file that was gone when a resume took changes, before the digest it had: still
   * gone, it is no change; back, it is compared with that digest.
   */
  static final String GONE = "gone ";

  /**
   * The data files that are not as the sweep started with them, or as its last resume on changed files took them
   * ({@link #digestsFrom}): changed, or gone, each with what it is now.
   */
  public List<String> changedDataFiles() {
    return changedDataFiles(digestsFrom());
  }

  /** {@link #changedDataFiles()}, each changed file's digest said to be from {@code when}. */
  public List<String> changedDataFiles(String when) {
    List<String> changed = new ArrayList<>();
    dataFiles.forEach((file, recorded) -> {
      if (recorded.startsWith(GONE)) {
        // gone when a resume took changes: still gone is no change; back, it is to be as it was before it went
        String before = recorded.substring(GONE.length());
        if (Files.isRegularFile(file) && !Sha256.of(file).equals(before)) {
          changed.add(file + " (back, SHA-256 " + before + " before it went missing)");
        }
      } else if (!Files.isRegularFile(file)) {
        changed.add(file + " (gone)");
      } else if (!Sha256.of(file).equals(recorded)) {
        changed.add(file + " (SHA-256 " + recorded + " " + when + ")");
      }
    });
    return changed;
  }

  /**
   * This record with the digests of its data files and of the jars {@code pluginPath} names taken again now: what the
   * points of a sweep resumed with changed files (allowed) train on from here, for the points after to be checked
   * against. A data file gone now is not checked again. The record on disk keeps the start's digests.
   */
  public SweepRecord rehashed(List<Path> pluginPath) {
    Map<Path, String> data = new LinkedHashMap<>();
    dataFiles.keySet().stream().filter(Files::isRegularFile).forEach(file -> data.put(file, Sha256.of(file)));
    return new SweepRecord(experiment, workingDirectory, experimentSha256, sets, sweeps, folds, output,
        this.pluginPath, command, data, jarDigests(pluginPath), allowedChanges);
  }

  /**
   * This record {@link #rehashed} for a resume that was allowed ({@code options}, as typed) to train the points left
   * on changed files, with an entry saying when and what changed, to be written over the one on disk: the points
   * trained from here on use these files, and a later resume is checked against them, not against the files of the
   * sweep's start (which it would otherwise take back in silence), and with {@code pluginPath} as its plugin path. This
   * record itself when nothing changed.
   */
  public SweepRecord takingChangesNow(List<Path> pluginPath, List<String> options, java.time.Instant now) {
    SweepRecord retaken = rehashed(pluginPath);
    List<String> what = new ArrayList<>();
    // a data file is the path the experiment names: one gone keeps its digest, to be checked once it is back
    Map<Path, String> data = new LinkedHashMap<>();
    dataFiles.forEach((file, recorded) -> {
      String after = retaken.dataFiles.get(file);
      boolean wasGone = recorded.startsWith(GONE);
      String sha256 = wasGone ? recorded.substring(GONE.length()) : recorded;
      data.put(file, after == null ? GONE + sha256 : after);
      if (after == null && !wasGone) {
        what.add(file + " gone (SHA-256 " + sha256 + ")");
      } else if (after != null && wasGone) {
        what.add(file + " back" + (after.equals(sha256) ? " as it was" : ", SHA-256 " + sha256 + " before it went ->"
            + " " + after));
      } else if (after != null && !after.equals(sha256)) {
        what.add(file + " SHA-256 " + sha256 + " -> " + after);
      }
    });
    describeJarChanges(pluginJars, retaken.pluginJars, what);
    if (what.isEmpty()) {
      return this;
    }
    List<String> entries = new ArrayList<>(allowedChanges);
    entries.add(now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " " + String.join(" ", options) + " took "
        + String.join("; ", what));
    // the plugin path the points from here on train with, which a later resume without one takes
    return new SweepRecord(experiment, workingDirectory, experimentSha256, sets, sweeps, folds, output,
        pluginPath.stream().map(p -> p.toAbsolutePath().normalize()).toList(), command, data, retaken.pluginJars,
        entries);
  }

  /** The jars' changes: a jar is known by its content, so one found elsewhere unchanged has moved. */
  private static void describeJarChanges(Map<Path, String> then, Map<Path, String> now, List<String> into) {
    then.forEach((file, sha256) -> {
      String after = now.get(file);
      Path moved = now.entrySet().stream().filter(e -> e.getValue().equals(sha256)).map(Map.Entry::getKey)
          .findFirst().orElse(null);
      if (after == null && moved != null) {
        into.add(file + " moved to " + moved);
      } else if (after == null) {
        into.add(file + (Files.isRegularFile(file) ? " left off the plugin path" : " gone") + " (SHA-256 " + sha256
            + ")");
      } else if (!after.equals(sha256)) {
        into.add(file + " SHA-256 " + sha256 + " -> " + after);
      }
    });
    now.forEach((file, sha256) -> {
      if (!then.containsKey(file) && !then.containsValue(sha256)) {
        into.add(file + " new (SHA-256 " + sha256 + ")");
      }
    });
  }

  /**
   * Takes the lock of the sweep in {@code folder} for this process, without waiting: an operating-system lock on its
   * {@value #LOCK} file, released when the process ends however it ends, so that two processes never train the
   * same sweep's points (a second resume would mark the first one's point failed and train the next point twice).
   *
   * @throws SweepFileException naming the folder when another process holds it
   */
  public static Held lock(Path folder) {
    dev.nn.core.io.HeldLock lock = dev.nn.core.io.HeldLock.tryTake(folder.resolve(LOCK));
    if (lock == null) {
      throw new SweepFileException(folder, "another nn process is running this sweep (it holds " + LOCK + "); wait"
          + " for it to end, or stop it, before resuming");
    }
    return lock::close;
  }

  /** A lock this process holds until it is closed. */
  public interface Held extends AutoCloseable {
    @Override
    void close();
  }

  /** Whether {@code dir} is a sweep's folder that can be continued: it holds a {@value #FILE}. */
  public static boolean isSweepFolder(Path dir) {
    return Files.isRegularFile(dir.resolve(FILE));
  }

  /**
   * Whether {@code dir} is a sweep's folder stopped as it began: its lock and nothing else but temporary files (a
   * kill while it wrote its record leaves the record's {@code .tmp}). A run directory holds a lock too, beside its
   * other files: one that had lost its experiment.yaml was taken for such a folder, and its deletion advised.
   */
  public static boolean isStoppedAsItBegan(Path dir) {
    try (java.util.stream.Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".tmp")).toList()
          .equals(java.util.List.of(LOCK));
    } catch (java.io.IOException | RuntimeException notAFolder) {
      return false; // not a folder, or not readable: the run's own checks say what it is
    }
  }

  /** The experiment file, absolute. */
  public Path experimentFile() {
    return workingDirectory.resolve(experiment).normalize();
  }

  /** The experiment file as a command in {@code directory} should name it: as typed there, absolute elsewhere. */
  public String experimentFrom(Path directory) {
    return directory.toAbsolutePath().normalize().equals(workingDirectory.normalize()) ? experiment
        : experimentFile().toString();
  }

  /** Whether the experiment file is as the sweep started with it (its SHA-256); it must exist. */
  public boolean experimentUnchanged() {
    return Sha256.of(experimentFile()).equals(experimentSha256);
  }

  /** Writes {@value #FILE} into {@code folder}, atomically. */
  public void write(Path folder) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("experiment", experiment);
    m.put("working-directory", workingDirectory.toString());
    m.put("experiment-sha256", experimentSha256);
    m.put("sets", sets);
    m.put("sweeps", sweeps);
    if (folds > 0) {
      m.put("folds", folds);
    }
    m.put("output", output.toString());
    if (!pluginPath.isEmpty()) {
      m.put("plugin-path", pluginPath.stream().map(Path::toString).toList());
    }
    m.put("command", command);
    Map<String, String> data = new LinkedHashMap<>();
    dataFiles.forEach((file, sha256) -> data.put(file.toString(), sha256));
    m.put("data-files", data);
    Map<String, String> jars = new LinkedHashMap<>();
    pluginJars.forEach((jar, sha256) -> jars.put(jar.toString(), sha256));
    m.put("plugin-jars", jars);
    if (!allowedChanges.isEmpty()) {
      m.put("allowed-changes", allowedChanges);
    }
    DumperOptions o = new DumperOptions();
    o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    o.setWidth(120);
    o.setSplitLines(false);
    AtomicFiles.writeString(folder.resolve(FILE), "# The sweep as it was started" + (allowedChanges.isEmpty() ? ""
        : ", its files' digests as its last resume took them") + ": nn train --resume " + folder
        + " continues it with these.\n" + new Yaml(o).dump(m));
  }

  /**
   * Reads {@code folder}'s {@value #FILE}.
   *
   * @throws SweepFileException naming the file and what is wrong with it
   */
  public static SweepRecord read(Path folder) {
    Path file = folder.resolve(FILE);
    Object parsed;
    try {
      parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(TextFiles.read(file));
    } catch (IOException e) {
      throw new SweepFileException(file, "cannot be read: " + SystemReason.describe(e), e);
    } catch (RuntimeException e) {
      throw new SweepFileException(file, "damaged: not the YAML a sweep writes (" + firstLine(e.getMessage()) + ")", e);
    }
    if (!(parsed instanceof Map<?, ?> m)) {
      throw new SweepFileException(file, "damaged: expected the keys a sweep writes");
    }
    Object folds = m.get("folds");
    return new SweepRecord(text(file, m, "experiment"), Path.of(text(file, m, "working-directory")),
        text(file, m, "experiment-sha256"), texts(file, m, "sets"), texts(file, m, "sweeps"),
        folds == null ? 0 : folds instanceof Integer k ? k : wrong(file, "folds", "a whole number"),
        Path.of(text(file, m, "output")),
        m.containsKey("plugin-path") ? texts(file, m, "plugin-path").stream().map(Path::of).toList() : List.of(),
        texts(file, m, "command"), digests(file, m, "data-files"), digests(file, m, "plugin-jars"),
        m.containsKey("allowed-changes") ? texts(file, m, "allowed-changes") : List.of());
  }

  private static Map<Path, String> digests(Path file, Map<?, ?> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      return Map.of();
    }
    if (!(v instanceof Map<?, ?> data)) {
      return wrong(file, key, "a map of files to their SHA-256");
    }
    Map<Path, String> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : data.entrySet()) {
      if (!(e.getKey() instanceof String path) || !(e.getValue() instanceof String sha256)) {
        return wrong(file, key, "a map of files to their SHA-256");
      }
      out.put(Path.of(path), sha256);
    }
    return out;
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("").strip();
  }

  private static String text(Path file, Map<?, ?> m, String key) {
    Object v = m.get(key);
    return v instanceof String s && !s.isEmpty() ? s : wrong(file, key, "text");
  }

  private static List<String> texts(Path file, Map<?, ?> m, String key) {
    if (!(m.get(key) instanceof List<?> list)) {
      return wrong(file, key, "a list");
    }
    List<String> out = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof String s)) {
        return wrong(file, key, "a list of text");
      }
      out.add(s);
    }
    return out;
  }

  private static <T> T wrong(Path file, String key, String expected) {
    throw new SweepFileException(file, "damaged: its " + key + " is missing or not " + expected);
  }
}
