package dev.nn.core.run;

import dev.nn.core.random.Rng;
import dev.nn.core.io.AtomicFiles;
import dev.nn.core.io.Sha256;
import dev.nn.core.io.YamlFields;
import dev.nn.core.plugin.PluginDescriptor;
import dev.nn.core.text.Secrets;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a run's results came from: enough to reproduce them bit for bit (same nn version, backend, thread
 * count, CPU architecture and JVM) and to tell whether the code or data changed since. Written as
 * {@code provenance.yaml}.
 *
 * @param nnVersion the nn engine's version
 * @param javaVersion {@code java.version}
 * @param javaVendor {@code java.vendor}
 * @param vmName {@code java.vm.name}
 * @param osName {@code os.name}
 * @param osVersion {@code os.version}
 * @param osArch {@code os.arch}
 * @param processors processors available to the JVM
 * @param backend the compute backend's name
 * @param threads the compute backend's thread count
 * @param randomAlgorithm the random number algorithm of every seeded choice
 * @param seed the run's seed
 * @param commandLine the command's arguments as given
 * @param started when the run started
 * @param ended when it ended, or {@code null} while it runs
 * @param plugins every plugin the run used
 * @param dataFiles every data file the run read
 * @param experimentSha256 the SHA-256 of the run's {@code experiment.yaml} as this attempt read or wrote it, so
 *     that a resume can tell an edit of it; {@code null} when the run has no such file
 * @param cluster where a distributed run trained (engine, version, master, partitions, mode), empty for a run
 *     in one process
 * @param compute how the kernels were chosen and compute, beyond backend and threads (precision, the rule
 *     {@code auto} applied, the OpenBLAS core type): written in the {@code compute} section after them
 * @param outcome how the run went, in the order given: its status once it ended ({@code finished},
 *     {@code stopped-early}, {@code failed}, {@code diverged}) and the message, and for a resumed run what the
 *     resume allowed (data files changed since the run started); empty while it trains
 * @param firstStart for a resumed run, when it first started and the command line that started it (with its
 *     {@code --set} overrides), which this attempt's {@code started} and {@code commandLine} replace; else
 *     {@code null}
 */
public record Provenance(String nnVersion, String javaVersion, String javaVendor, String vmName, String osName,
    String osVersion, String osArch, int processors, String backend, int threads, String randomAlgorithm, long seed,
    List<String> commandLine, Instant started, Instant ended, List<Plugin> plugins, List<DataFile> dataFiles,
    String experimentSha256, Map<String, String> cluster, Map<String, String> compute, Map<String, String> outcome, FirstStart firstStart) {

  /**
   * How a resumed run first started.
   *
   * @param started the instant, as recorded
   * @param commandLine the command's arguments as given
   */
  record FirstStart(String started, List<String> commandLine) {
    FirstStart {
      commandLine = Secrets.redact(commandLine);
    }
  }

  /** What {@link #currentNnVersion()} says when nn-core runs from classes rather than its jar. */
  static final String UNKNOWN_VERSION = "unknown";

  private static final String EXPERIMENT_KEY = "experiment-sha256";

  /**
   * A plugin used.
   *
   * @param kind "activation", "loss", "optimizer" or "initializer"
   * @param name its YAML name
   * @param version its version
   * @param className its provider class
   * @param origin the jar or directory it was loaded from, or "unknown"
   * @param sha256 the SHA-256 of that jar; "directory" for a class directory, "unknown" when the origin is
   *     unknown, "missing" when it no longer exists
   */
  record Plugin(String kind, String name, String version, String className, String origin, String sha256) {

    /** Describes {@code d}, hashing its jar now. */
    public static Plugin of(PluginDescriptor d) {
      return new Plugin(d.kind().label(), d.name(), d.version(), d.className(), d.origin(), digestOf(d.origin()));
    }
  }

  /**
   * A data file read.
   *
   * @param path as the experiment named it
   * @param sha256 its SHA-256 as 64 lowercase hex digits
   */
  record DataFile(String path, String sha256) {

    /** Describes {@code file}, hashing it now. */
    public static DataFile of(Path file) {
      return new DataFile(file.toString(), Sha256.of(file));
    }
  }

  /** Copies the lists; requires the fields that are always known. */
  public Provenance {
    Objects.requireNonNull(nnVersion, "nnVersion");
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(started, "started");
    // read and shared by people: a secret given on the command line is not kept (Secrets)
    commandLine = Secrets.redact(commandLine);
    plugins = List.copyOf(plugins);
    dataFiles = List.copyOf(dataFiles);
    cluster = Collections.unmodifiableMap(new LinkedHashMap<>(cluster));
    compute = Collections.unmodifiableMap(new LinkedHashMap<>(compute));
    outcome = Collections.unmodifiableMap(new LinkedHashMap<>(outcome));
  }

  /**
   * The provenance of a run starting now on this JVM: fills the nn version, the JVM's and the operating
   * system's fields and the random algorithm, and hashes every plugin jar and data file.
   *
   * @param backend the compute backend's name
   * @param threads its thread count
   * @param seed the run's seed
   * @param commandLine the arguments the command was given
   * @param started when the run started
   * @param plugins the plugins the run uses
   * @param dataFiles the data files the run reads
   */
  public static Provenance capture(String backend, int threads, long seed, List<String> commandLine, Instant started,
      List<PluginDescriptor> plugins, List<Path> dataFiles) {
    return capture(backend, threads, seed, commandLine, started, plugins, dataFiles, Map.of());
  }

  /**
   * {@link #capture(String, int, long, List, Instant, List, List)} with the SHA-256 of data files already known
   * ({@code asRead}: the hashes of the bytes the run read); the others are hashed now.
   */
  public static Provenance capture(String backend, int threads, long seed, List<String> commandLine, Instant started,
      List<PluginDescriptor> plugins, List<Path> dataFiles, Map<Path, String> asRead) {
    List<Plugin> used = new ArrayList<>();
    for (PluginDescriptor d : plugins) {
      used.add(Plugin.of(d));
    }
    List<DataFile> data = new ArrayList<>();
    for (Path f : dataFiles) {
      String known = asRead.get(f);
      data.add(known == null ? DataFile.of(f) : new DataFile(f.toString(), known));
    }
    return new Provenance(currentNnVersion(), System.getProperty("java.version"), System.getProperty("java.vendor"),
        System.getProperty("java.vm.name"), System.getProperty("os.name"), System.getProperty("os.version"),
        System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(), backend, threads, Rng.ALGORITHM,
        seed, commandLine, started, null, used, data, null, Map.of(), Map.of(), Map.of(), null);
  }

  /** The nn-core jar's version (its manifest's Implementation-Version), or {@value #UNKNOWN_VERSION}. */
  public static String currentNnVersion() {
    String v = Provenance.class.getPackage().getImplementationVersion();
    return v == null ? UNKNOWN_VERSION : v;
  }

  /** The start of a data-files entry that stands for samples given in code, which no file holds. */
  public static final String SAMPLES_FROM_CODE = "(samples given in code";

  /**
   * This provenance listing, among its data files, samples an application gave in code: {@code entry} (which
   * starts with {@value #SAMPLES_FROM_CODE}) and the SHA-256 of their numbers.
   */
  public Provenance withSamplesFromCode(String entry, String sha256) {
    if (!entry.startsWith(SAMPLES_FROM_CODE)) {
      throw new IllegalArgumentException("an entry for samples given in code starts with " + SAMPLES_FROM_CODE
          + ", found " + entry);
    }
    List<DataFile> all = new ArrayList<>(dataFiles);
    all.add(new DataFile(entry, sha256));
    return new Provenance(nnVersion, javaVersion, javaVendor, vmName, osName, osVersion, osArch, processors, backend,
        threads, randomAlgorithm, seed, commandLine, started, ended, plugins, all, experimentSha256, cluster, compute,
        outcome, firstStart);
  }

  /** This provenance with the run's end time. */
  public Provenance withEnded(Instant end) {
    return new Provenance(nnVersion, javaVersion, javaVendor, vmName, osName, osVersion, osArch, processors, backend,
        threads, randomAlgorithm, seed, commandLine, started, end, plugins, dataFiles, experimentSha256, cluster, compute, outcome, firstStart);
  }

  /** This provenance with the SHA-256 of the run's {@code experiment.yaml}. */
  public Provenance withExperimentSha256(String sha256) {
    return new Provenance(nnVersion, javaVersion, javaVendor, vmName, osName, osVersion, osArch, processors, backend,
        threads, randomAlgorithm, seed, commandLine, started, ended, plugins, dataFiles, sha256, cluster, compute,
        outcome, firstStart);
  }

  /**
   * The SHA-256 of {@code experiment.yaml} the provenance in {@code recordedFile} gives, when it gives one (runs
   * of nn before it recorded it do not; nor does a run killed before it wrote the file).
   *
   * @throws RunFileException when the recorded provenance cannot be read
   */
  public static Optional<String> recordedExperimentSha256(Path recordedFile) {
    if (!Files.isRegularFile(recordedFile)) {
      return Optional.empty();
    }
    YamlFields recorded = YamlFields.read(recordedFile, RunFileException::new);
    return recorded.isNull(EXPERIMENT_KEY) ? Optional.empty() : Optional.of(recorded.string(EXPERIMENT_KEY));
  }

  /** This provenance with where a distributed run trained, in the order given. */
  public Provenance withCluster(Map<String, String> where) {
    return new Provenance(nnVersion, javaVersion, javaVendor, vmName, osName, osVersion, osArch, processors, backend,
        threads, randomAlgorithm, seed, commandLine, started, ended, plugins, dataFiles, experimentSha256, where, compute, outcome, firstStart);
  }

  /** This provenance with details of how the kernels compute, in the order given. */
  public Provenance withCompute(Map<String, String> details) {
    return new Provenance(nnVersion, javaVersion, javaVendor, vmName, osName, osVersion, osArch, processors, backend,
        threads, randomAlgorithm, seed, commandLine, started, ended, plugins, dataFiles, experimentSha256, cluster, details, outcome, firstStart);
  }

  /** This provenance with {@code entries} added to its outcome, after those it has. */
  public Provenance withOutcome(Map<String, String> entries) {
    Map<String, String> all = new LinkedHashMap<>(outcome);
    all.putAll(entries);
    return new Provenance(nnVersion, javaVersion, javaVendor, vmName, osName, osVersion, osArch, processors, backend,
        threads, randomAlgorithm, seed, commandLine, started, ended, plugins, dataFiles, experimentSha256, cluster, compute, all, firstStart);
  }

  /**
   * This provenance of a resumed attempt, keeping how the run first started as the provenance in
   * {@code recordedFile} says (its own first start, or its start and command line); unchanged when there is no
   * such file (a run killed before it wrote one).
   *
   * @throws RunFileException when the recorded provenance cannot be read
   */
  public Provenance withFirstStartFrom(Path recordedFile) {
    if (!Files.isRegularFile(recordedFile)) {
      return this;
    }
    YamlFields recorded = YamlFields.read(recordedFile, RunFileException::new);
    YamlFields first = recorded.isNull("first-start") ? recorded : recorded.fields("first-start");
    FirstStart kept = new FirstStart(first.string("started"), first.strings("command-line"));
    return new Provenance(nnVersion, javaVersion, javaVendor, vmName, osName, osVersion, osArch, processors, backend,
        threads, randomAlgorithm, seed, commandLine, started, ended, plugins, dataFiles, experimentSha256, cluster, compute, outcome,
        kept);
  }

  /**
   * This provenance of a resumed attempt with what earlier attempts recorded under {@code outcome} in
   * {@code recordedFile} — data or plugins allowed to change, an edited experiment, another nn — before its own
   * entries (which win for the same key), but for how those attempts ended ({@code status}, {@code message}): a
   * second resume dropped what the first one allowed, and the provenance then no longer said that the epochs
   * before it trained on other data or code. Unchanged when there is no such file.
   *
   * @throws RunFileException when the recorded provenance cannot be read
   */
  public Provenance withEarlierOutcomesFrom(Path recordedFile) {
    if (!Files.isRegularFile(recordedFile)) {
      return this;
    }
    Map<String, String> all = new LinkedHashMap<>();
    YamlFields.read(recordedFile, RunFileException::new).settings("outcome").forEach((key, value) -> {
      if (!key.equals("status") && !key.equals("message") && value != null) {
        all.put(key, String.valueOf(value));
      }
    });
    if (all.isEmpty()) {
      return this;
    }
    all.putAll(outcome);
    return new Provenance(nnVersion, javaVersion, javaVendor, vmName, osName, osVersion, osArch, processors, backend,
        threads, randomAlgorithm, seed, commandLine, started, ended, plugins, dataFiles, experimentSha256, cluster,
        compute, all, firstStart);
  }

  /**
   * The data files {@code recordedFile} (a run's provenance.yaml) records, as path and SHA-256; throws a
   * {@link RunFileException} saying what is wrong when it cannot be read as a provenance (cut short, emptied).
   */
  public static Map<String, String> recordedDataFiles(Path recordedFile) {
    Map<String, String> recorded = new LinkedHashMap<>();
    for (YamlFields f : YamlFields.read(recordedFile, RunFileException::new).fieldsList("data-files")) {
      recorded.put(f.string("path"), f.string("sha256"));
    }
    return recorded;
  }

  /**
   * What the run recorded in {@code recordedFile} trained on, when that was samples given in code and this run is
   * given none: its experiment's sources are placeholders for them, which no flag may train on in their place.
   * Empty otherwise.
   *
   * @throws RunFileException when the recorded provenance cannot be read
   */
  public java.util.Optional<String> samplesFromCodeMissing(Path recordedFile) {
    if (!Files.isRegularFile(recordedFile)
        || dataFiles.stream().anyMatch(d -> d.path().startsWith(SAMPLES_FROM_CODE))) {
      return java.util.Optional.empty();
    }
    for (YamlFields f : YamlFields.read(recordedFile, RunFileException::new).fieldsList("data-files")) {
      if (f.string("path").startsWith(SAMPLES_FROM_CODE)) {
        return java.util.Optional.of(f.string("path"));
      }
    }
    return java.util.Optional.empty();
  }

  /**
   * The data files of this run whose SHA-256 differs from the one the provenance in {@code recordedFile}
   * gives for the same path, each as "path (SHA-256 was …, now …)"; none when there is no such file (a run
   * killed before it wrote one).
   *
   * @throws RunFileException when the recorded provenance cannot be read
   */
  public List<String> dataChangedSince(Path recordedFile) {
    // samples given in code that are not given now are no change of data to allow: see samplesFromCodeMissing
    if (!Files.isRegularFile(recordedFile)) {
      return List.of();
    }
    Map<String, String> recorded = recordedDataFiles(recordedFile);
    List<String> changed = new ArrayList<>();
    for (DataFile d : dataFiles) {
      String was = recorded.get(d.path());
      if (was != null && !was.equals(d.sha256())) {
        changed.add(d.path() + " (SHA-256 was " + was + ", now " + d.sha256() + ")");
      }
    }
    // samples given in code have no file a resume could read again: given again, or not at all
    boolean givenNow = dataFiles.stream().anyMatch(d -> d.path().startsWith(SAMPLES_FROM_CODE));
    boolean givenThen = recorded.keySet().stream().anyMatch(p -> p.startsWith(SAMPLES_FROM_CODE));
    // the files of a table (a folder a cluster reads) may come and go: one read then and not now, or now and not
    // then, is a change of the data as much as a file whose bytes changed (samples given in code are told below)
    java.util.Set<String> now = new java.util.HashSet<>();
    for (DataFile d : dataFiles) {
      now.add(d.path());
      if (!recorded.containsKey(d.path()) && !d.path().startsWith(SAMPLES_FROM_CODE) && !givenThen) {
        changed.add(d.path() + " (not among the files the run read at its start)");
      }
    }
    for (String path : recorded.keySet()) {
      if (!now.contains(path) && !path.startsWith(SAMPLES_FROM_CODE) && !givenNow) {
        changed.add(path + " (read at the run's start, and no longer among its data)");
      }
    }
    for (DataFile d : dataFiles) {
      if (d.path().startsWith(SAMPLES_FROM_CODE) && !givenThen) {
        changed.add(d.path() + " (the run trained on the data its experiment names, not on samples given in code)");
      }
    }
    return changed;
  }

  /**
   * A plugin of this run whose version or jar is not what the recorded provenance gives for the same kind and name.
   *
   * @param kind "activation", "loss", "optimizer" or "initializer"
   * @param name its YAML name
   * @param wasVersion the version recorded
   * @param version the version now
   * @param wasSha256 the jar's SHA-256 recorded (or "directory", "unknown", "missing")
   * @param sha256 the jar's SHA-256 now
   * @param origin the jar or directory it is loaded from now
   * @param builtIn whether it is one of nn's own plugins, which change with nn itself
   */
  public record PluginChange(String kind, String name, String wasVersion, String version, String wasSha256,
      String sha256, String origin, boolean builtIn) {

    /** "loss \"xq-huber\" from /p/xq.jar: version 1.0.0, now 2.0.0; SHA-256 was …, now …". */
    @Override
    public String toString() {
      String versions = wasVersion.equals(version) ? "version " + version + " both times"
          : "version " + wasVersion + ", now " + version;
      String hashes = wasSha256.equals(sha256) ? "" : "; SHA-256 was " + wasSha256 + ", now " + sha256;
      return kind + " \"" + name + "\" from " + origin + ": " + versions + hashes;
    }
  }

  /**
   * The plugins of this run whose version, or jar's SHA-256, differs from what the provenance in
   * {@code recordedFile} gives for the same kind and name: the code a resumed run would go on with is not the
   * code its checkpoints were trained with. A hash that is not a jar's ("directory", "unknown", "missing") on
   * either side is not compared, only the version. None when there is no such file (a run killed before it
   * wrote one), and none for a plugin the file does not name.
   *
   * @throws RunFileException when the recorded provenance cannot be read
   */
  public List<PluginChange> pluginsChangedSince(Path recordedFile) {
    if (!Files.isRegularFile(recordedFile)) {
      return List.of();
    }
    Map<String, YamlFields> recorded = new LinkedHashMap<>();
    for (YamlFields f : YamlFields.read(recordedFile, RunFileException::new).fieldsList("plugins")) {
      recorded.put(f.string("kind") + "/" + f.string("name"), f);
    }
    List<PluginChange> changed = new ArrayList<>();
    for (Plugin p : plugins) {
      YamlFields was = recorded.get(p.kind() + "/" + p.name());
      if (was == null) {
        continue;
      }
      String wasVersion = was.string("version");
      String wasSha256 = was.string("sha256");
      boolean otherJar = isJarHash(wasSha256) && isJarHash(p.sha256()) && !wasSha256.equals(p.sha256());
      if (otherJar || !wasVersion.equals(p.version())) {
        changed.add(new PluginChange(p.kind(), p.name(), wasVersion, p.version(), wasSha256, p.sha256(), p.origin(),
            PluginDescriptor.builtIn(p.className())));
      }
    }
    return changed;
  }

  /**
   * The plugins the provenance in {@code recordedFile} records, as it records them; none when there is no such file.
   *
   * @throws RunFileException when the recorded provenance cannot be read
   */
  static List<Plugin> recordedPlugins(Path recordedFile) {
    List<Plugin> plugins = new ArrayList<>();
    if (!Files.isRegularFile(recordedFile)) {
      return plugins;
    }
    for (YamlFields f : YamlFields.read(recordedFile, RunFileException::new).fieldsList("plugins")) {
      plugins.add(new Plugin(f.string("kind"), f.string("name"), f.string("version"), f.string("class"),
          f.string("origin"), f.string("sha256")));
    }
    return plugins;
  }

  /**
   * The nn version the provenance in {@code recordedFile} gives, when there is such a file.
   *
   * @throws RunFileException when the recorded provenance cannot be read
   */
  public static Optional<String> recordedNnVersion(Path recordedFile) {
    if (!Files.isRegularFile(recordedFile)) {
      return Optional.empty();
    }
    YamlFields recorded = YamlFields.read(recordedFile, RunFileException::new);
    return recorded.isNull("nn-version") ? Optional.empty() : Optional.of(recorded.string("nn-version"));
  }

  /**
   * The compute backend the provenance in {@code recordedFile} gives ({@code compute.backend}), when there is such a
   * file and it names one.
   *
   * @throws RunFileException when the recorded provenance cannot be read
   */
  public static Optional<String> recordedBackend(Path recordedFile) {
    return recordedCompute(recordedFile, "backend");
  }

  /**
   * The entry {@code key} of the {@code compute} section the provenance in {@code recordedFile} gives ({@code backend},
   * {@code precision}, …), when there is such a file and it has one.
   *
   * @throws RunFileException when the recorded provenance cannot be read
   */
  public static Optional<String> recordedCompute(Path recordedFile, String key) {
    if (!Files.isRegularFile(recordedFile)) {
      return Optional.empty();
    }
    YamlFields recorded = YamlFields.read(recordedFile, RunFileException::new);
    if (recorded.isNull("compute")) {
      return Optional.empty();
    }
    YamlFields compute = recorded.fields("compute");
    return compute.isNull(key) ? Optional.empty() : Optional.of(compute.string(key));
  }

  /**
   * The {@code cluster} section the provenance in {@code recordedFile} gives (engine, master, partitions, mode, …),
   * empty when there is no such file or the run trained in one process.
   *
   * @throws RunFileException when the recorded provenance cannot be read
   */
  public static Map<String, String> recordedCluster(Path recordedFile) {
    Map<String, String> cluster = new LinkedHashMap<>();
    if (Files.isRegularFile(recordedFile)) {
      YamlFields.read(recordedFile, RunFileException::new).settings("cluster")
          .forEach((key, value) -> cluster.put(key, String.valueOf(value)));
    }
    return cluster;
  }

  private static boolean isJarHash(String sha256) {
    return sha256.length() == 64 && sha256.chars().allMatch(c -> Character.digit(c, 16) >= 0);
  }

  /** Writes this record atomically as YAML. */
  public void write(Path file) {
    AtomicFiles.writeString(file, toYaml());
  }

  /** The YAML text {@link #write} writes. */
  String toYaml() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("nn-version", nnVersion);
    m.put("java", section("version", javaVersion, "vendor", javaVendor, "vm", vmName));
    m.put("os", section("name", osName, "version", osVersion, "arch", osArch));
    m.put("processors", processors);
    Map<String, Object> c = section("backend", backend, "threads", threads);
    c.putAll(compute);
    m.put("compute", c);
    m.put("random", section("algorithm", randomAlgorithm, "seed", seed));
    m.put("command-line", new ArrayList<>(commandLine));
    m.put("started", started.toString());
    m.put("ended", ended == null ? null : ended.toString());
    if (firstStart != null) {
      m.put("first-start", section("started", firstStart.started(), "command-line",
          new ArrayList<>(firstStart.commandLine())));
    }
    List<Object> ps = new ArrayList<>();
    for (Plugin p : plugins) {
      Map<String, Object> e = section("kind", p.kind(), "name", p.name(), "version", p.version());
      e.putAll(section("class", p.className(), "origin", p.origin(), "sha256", p.sha256()));
      ps.add(e);
    }
    m.put("plugins", ps);
    List<Object> ds = new ArrayList<>();
    for (DataFile d : dataFiles) {
      ds.add(section("path", d.path(), "sha256", d.sha256()));
    }
    m.put("data-files", ds);
    if (experimentSha256 != null) {
      m.put(EXPERIMENT_KEY, experimentSha256);
    }
    if (!cluster.isEmpty()) {
      m.put("cluster", new LinkedHashMap<>(cluster));
    }
    if (!outcome.isEmpty()) {
      m.put("outcome", new LinkedHashMap<>(outcome));
    }
    return YamlFields.dump(m);
  }

  private static Map<String, Object> section(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  /** The SHA-256 of a plugin's jar; see {@link Plugin#sha256()} for the other answers. */
  static String digestOf(String origin) {
    if (origin == null || origin.equals("unknown")) {
      return "unknown";
    }
    Path p;
    try {
      // the registry records a URL's path, in which a space is %20
      p = Path.of(URI.create("file://" + origin));
    } catch (IllegalArgumentException e) {
      p = Path.of(origin);
    }
    if (Files.isDirectory(p)) {
      return "directory";
    }
    return Files.isRegularFile(p) ? Sha256.of(p) : "missing";
  }
}
