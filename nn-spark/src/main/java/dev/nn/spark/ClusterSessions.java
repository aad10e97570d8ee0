package dev.nn.spark;

import dev.nn.core.config.DistributedSpec;
import dev.nn.core.experiment.ClusterException;
import dev.nn.core.text.Secrets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Opens the Spark session a distributed run trains in. Under {@code spark-submit} the session's master and
 * settings come from there and win over the experiment; otherwise the experiment's {@code distributed}
 * section says where to run. A local master binds to 127.0.0.1 and no session starts Spark's web UI unless
 * its settings ask for it.
 *
 * <p>A local master also takes task results of up to {@value #LOCAL_DIRECT_RESULT} directly: every round of a
 * run returns a vector of the network's size from each task (8 bytes per parameter), and Spark otherwise
 * stores each result above 1 MiB in its block manager and has the driver fetch it back through its block
 * transfer service, which in one JVM is a second copy through a loopback socket. In {@code local[2]} that
 * made collecting two W2-sized results (5.4 MB each) several times slower (docs/spark.md).
 */
final class ClusterSessions {
  /** {@code spark.task.maxDirectResultSize} for a local master (Spark caps it at the RPC message size). */
  static final String LOCAL_DIRECT_RESULT = "128m";

  private ClusterSessions() {}

  /**
   * An open session and whether this call started it (and so must stop it).
   */
  record Opened(SparkSession session, boolean started, Path localDir) implements AutoCloseable {
    @Override
    public void close() {
      if (started) {
        session.stop();
      }
      if (localDir != null) {
        dev.nn.core.io.AbandonedFolders.delete(localDir);
      }
    }
  }

  /** The folders nn's own sessions keep Spark's scratch files in: {@code nn-spark-PID-STARTMILLIS-…}. */
  static final java.util.regex.Pattern LOCAL_DIR = java.util.regex.Pattern.compile("nn-spark-(\\d+)-(\\d+)-.*");

  /**
   * A folder under {@code tmp} for Spark's scratch files ({@code spark.local.dir}: its {@code spark-*} and
   * {@code blockmgr-*} folders), named for this process; those of processes no longer alive are removed first.
   * Spark deletes its folders when it stops, or on Ctrl-C or SIGTERM; after a {@code kill -9} they stayed, in
   * the system's temporary folder, as large as what the run cached on disk.
   */
  static Path localDir(Path tmp) throws java.io.IOException {
    removeAbandonedLocalDirs(tmp);
    ProcessHandle self = ProcessHandle.current();
    long start = self.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
    Path dir = java.nio.file.Files.createTempDirectory(tmp, "nn-spark-" + self.pid() + "-" + start + "-");
    // a stop (SIGTERM, Ctrl-C) while Spark starts ends the JVM before the session is closed: Spark's own hooks
    // remove the folders they made in it, and the JVM removes it, then empty, after every shutdown hook has run
    dir.toFile().deleteOnExit();
    return dir;
  }

  /** Removes the folders of {@link #LOCAL_DIR} in {@code tmp} whose process is no longer alive. */
  static void removeAbandonedLocalDirs(Path tmp) {
    try (java.nio.file.DirectoryStream<Path> dirs = java.nio.file.Files.newDirectoryStream(tmp,
        p -> LOCAL_DIR.matcher(p.getFileName().toString()).matches()
            && java.nio.file.Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))) {
      for (Path dir : dirs) {
        java.util.regex.Matcher m = LOCAL_DIR.matcher(dir.getFileName().toString());
        if (m.matches() && !alive(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)))) {
          dev.nn.core.io.AbandonedFolders.delete(dir);
        }
      }
    } catch (java.io.IOException | RuntimeException ignored) {
      // what stays is scratch space, as before
    }
  }

  /** Whether process {@code pid}, started at {@code startMillis} (0: unknown), is alive: not a later one of its id. */
  private static boolean alive(long pid, long startMillis) {
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(h -> startMillis == 0
        || h.info().startInstant().map(i -> Math.abs(i.toEpochMilli() - startMillis) < 2000).orElse(true))
        .orElse(false);
  }

  /**
   * Outside spark-submit (the nn launcher, or a program of the user's), a master of YARN or Kubernetes cannot be
   * used: their cluster managers are not on nn's class path, and Spark would only say that it cannot parse the
   * URL. Such clusters start nn with their own spark-submit, whose master then wins over the experiment's.
   */
  static void refuseClusterManager(DistributedSpec spec) {
    if (spec.needsSparkSubmit()) {
      throw new ClusterException(spec.sparkSubmitNeeded(), null);
    }
  }

  /** How long {@link #requireReachableMaster} waits for a standalone master to take a connection. */
  static final int CONNECT_TIMEOUT_MS = 3000;

  /** A standalone master's port when its URL names none, as Spark's. */
  static final int STANDALONE_PORT = 7077;

  /**
   * Refuses at once a standalone master ({@code spark://host:port}, or several, comma-separated) none of whose
   * hosts resolves and takes a TCP connection within {@value #CONNECT_TIMEOUT_MS} ms: Spark's client would try to
   * register for about a minute, without a word, and could then only guess why it was not accepted. The message
   * names what failed for each: a host that does not resolve, nothing listening, or no answer in time.
   */
  static void requireReachableMaster(String master) {
    if (!master.startsWith("spark://")) {
      return;
    }
    List<String> failures = new ArrayList<>();
    for (String hostPort : master.substring("spark://".length()).split(",")) {
      String host;
      int port;
      try {
        java.net.URI uri = new java.net.URI("spark://" + hostPort.strip());
        host = uri.getHost();
        port = uri.getPort() < 0 ? STANDALONE_PORT : uri.getPort();
      } catch (java.net.URISyntaxException e) {
        return; // Spark says what it cannot parse
      }
      if (host == null) {
        return;
      }
      String at = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
      java.net.InetAddress address;
      try {
        address = java.net.InetAddress.getByName(host);
      } catch (java.net.UnknownHostException e) {
        failures.add("cannot resolve host " + host);
        continue;
      }
      try (java.net.Socket socket = new java.net.Socket()) {
        socket.connect(new java.net.InetSocketAddress(address, port), CONNECT_TIMEOUT_MS);
        return; // a master that takes connections: Spark registers with it, or says why not
      } catch (java.net.ConnectException e) {
        failures.add("nothing listens at " + at + " (connection refused)");
      } catch (java.net.SocketTimeoutException e) {
        failures.add("no answer from " + at + " within " + CONNECT_TIMEOUT_MS / 1000 + " s");
      } catch (java.io.IOException | RuntimeException e) {
        failures.add("cannot connect to " + at + " (" + e.getMessage() + ")");
      }
    }
    if (!failures.isEmpty()) {
      throw new ClusterException("cannot start Spark with master \"" + master + "\": " + String.join("; ", failures),
          null);
    }
  }

  /**
   * The active session if there is one, else a new one for {@code spec}.
   *
   * @param pluginJars the jars of the run's plugin path, which a standalone cluster's executors are handed
   */
  static Opened open(String appName, DistributedSpec spec, List<Path> pluginJars,
      java.util.function.Consumer<String> notices) {
    scala.Option<SparkSession> active = SparkSession.getActiveSession();
    if (active.isDefined()) {
      return new Opened(active.get(), false, null);
    }
    SparkConf conf = new SparkConf(); // spark.* system properties, as spark-submit sets them
    boolean underSparkSubmit = conf.contains("spark.master");
    if (!underSparkSubmit) {
      refuseClusterManager(spec);
      requireReachableMaster(spec.master());
      conf.setMaster(spec.master());
      driverMemoryNote(spec).ifPresent(notices);
    }
    conf.setIfMissing("spark.app.name", "nn " + appName);
    conf.setIfMissing("spark.ui.enabled", "false");
    if (conf.get("spark.master").startsWith("local")) {
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
      conf.setIfMissing("spark.task.maxDirectResultSize", LOCAL_DIRECT_RESULT);
    }
    spec.conf().forEach(conf::set);
    String master = conf.get("spark.master");
    if (master.startsWith("spark://") || master.startsWith("local-cluster")) {
      conf.set("spark.jars", String.join(",", executorJars(conf, pluginJars)));
    }
    if (conf.get("spark.master").startsWith("local")) {
      requireUsableLocalDirs(conf.contains("spark.local.dir") ? conf.get("spark.local.dir") : null,
          System.getenv("SPARK_LOCAL_DIRS"));
    }
    Path localDir = null;
    // a local master's driver and executors are this process, whose folder it is; a standalone cluster's
    // executors keep their scratch where their workers say (SPARK_EXECUTOR_DIRS), on their own machines
    if (!underSparkSubmit && !conf.contains("spark.local.dir") && conf.get("spark.master").startsWith("local")) {
      try {
        localDir = localDir(Path.of(System.getProperty("java.io.tmpdir")));
        conf.set("spark.local.dir", localDir.toString());
      } catch (java.io.IOException | RuntimeException e) {
        localDir = null; // Spark's own default, the temporary folder
      }
    }
    try {
      return new Opened(SparkSession.builder().config(conf).getOrCreate(), true, localDir);
    } catch (Exception e) { // Spark throws its checked SparkException undeclared
      if (localDir != null) {
        dev.nn.core.io.AbandonedFolders.delete(localDir);
      }
      String why = SparkFailures.firstLine(e.getMessage());
      if (why.contains("stopped SparkContext")) {
        // the standalone client gave up registering and stopped the context under construction
        // which side gave up cannot be told from here: a master nobody answers at, and one that removed the
        // application because its executors kept failing to start, both stop the context so
        why = "the application did not start: no master accepted it (is it running, and reachable from this"
            + " machine?), or the master removed it because its executors failed to start (its workers' logs say"
            + " why)";
      }
      // Spark's reason names no setting ("Size must be specified as bytes …"): the experiment's own are listed
      String settings = spec.conf().isEmpty() ? "" : " and distributed.conf " + spec.conf().entrySet().stream()
          .map(s -> s.getKey() + "=" + s.getValue()).collect(java.util.stream.Collectors.joining(", ", "{", "}"));
      throw new ClusterException("cannot start Spark with master \"" + conf.get("spark.master") + "\"" + settings
          + ": " + why, e);
    }
  }

  /**
   * Refuses scratch folders Spark could not use: when it can make its block folder in none of them, Spark ends the
   * JVM itself (exit status 53), which looked like an interrupted run with no word of the cause. The folders are
   * {@code SPARK_LOCAL_DIRS}'s when it is set (Spark takes it first), else {@code spark.local.dir}'s, comma-separated;
   * one that does not exist is made, as Spark would make it. Neither set: Spark's default, which nn chooses.
   *
   * @throws ClusterException naming the setting, each folder and what is wrong with it
   */
  static void requireUsableLocalDirs(String confDirs, String envDirs) {
    requireUsableLocalDirs(confDirs, envDirs, true);
  }

  /**
   * {@link #requireUsableLocalDirs(String, String)}; with {@code make} false (a check that writes nothing), a folder
   * that does not exist is found usable when the nearest folder above it that exists can be written in.
   */
  static void requireUsableLocalDirs(String confDirs, String envDirs, boolean make) {
    boolean fromEnv = envDirs != null && !envDirs.isBlank();
    String dirs = fromEnv ? envDirs : confDirs;
    if (dirs == null || dirs.isBlank()) {
      return;
    }
    String setting = fromEnv ? "SPARK_LOCAL_DIRS" : "distributed.conf's spark.local.dir";
    List<String> problems = new ArrayList<>();
    for (String d : dirs.split(",")) {
      String problem = localDirProblem(d.strip(), make);
      if (problem == null) {
        return; // Spark needs one that works
      }
      problems.add(d.strip() + " " + problem);
    }
    throw new ClusterException(setting + " names no folder Spark can keep its scratch files in: "
        + String.join("; ", problems) + "; name a folder that can be written, or leave it out for the temporary"
        + " folder", null);
  }

  /** What keeps Spark from making its folder in {@code dir}, or {@code null} when nothing does. */
  private static String localDirProblem(String dir, boolean make) {
    if (dir.isEmpty()) {
      return "is empty";
    }
    Path p;
    try {
      p = Path.of(dir);
    } catch (java.nio.file.InvalidPathException e) {
      return "is not a path";
    }
    if (java.nio.file.Files.exists(p) && !java.nio.file.Files.isDirectory(p)) {
      return "is a file, not a folder";
    }
    if (!make && !java.nio.file.Files.exists(p)) {
      Path above = p.toAbsolutePath().normalize().getParent();
      while (above != null && !java.nio.file.Files.exists(above)) {
        above = above.getParent();
      }
      if (above == null || !java.nio.file.Files.isDirectory(above)) {
        return "cannot be made (" + above + " is a file)";
      }
      return java.nio.file.Files.isWritable(above) ? null : "cannot be made (" + above + " cannot be written in)";
    }
    try {
      java.nio.file.Files.createDirectories(p);
    } catch (java.io.IOException | RuntimeException e) {
      return "cannot be made (" + dev.nn.core.io.SystemReason.of(e).orElse(e.getClass().getSimpleName()) + ")";
    }
    return java.nio.file.Files.isWritable(p) ? null : "cannot be written in";
  }

  /**
   * Outside spark-submit the driver is the JVM nn runs in, started before any setting of the experiment is read:
   * {@code spark.driver.memory} in {@code distributed.conf} cannot size it, and Spark ignores it without a word.
   */
  static java.util.Optional<String> driverMemoryNote(DistributedSpec spec) {
    String memory = spec.conf().get("spark.driver.memory");
    if (memory == null) {
      return java.util.Optional.empty();
    }
    String heap = memory.strip().replaceAll("(?i)b$", "");
    return java.util.Optional.of("distributed.conf's spark.driver.memory (" + memory + ") has no effect outside"
        + " spark-submit: the driver is the JVM nn runs in, already started; give it its memory with"
        + " NN_JAVA_OPTS=-Xmx" + heap + " (or -Xmx" + heap + " for a program of your own)");
  }

  /**
   * The experiment's {@code distributed.conf}, as a run's provenance records it with the cluster: its settings
   * by key, {@code key=value} separated by commas; empty when there are none.
   */
  static String settings(DistributedSpec spec) {
    return new java.util.TreeMap<>(spec.conf()).entrySet().stream()
        .map(s -> s.getKey() + "=" + (Secrets.isSecretKey(s.getKey()) ? REDACTED : s.getValue()))
        .collect(java.util.stream.Collectors.joining(", "));
  }

  /** What a secret's value is recorded as: Spark's own word for it ({@link Secrets}). */
  static final String REDACTED = Secrets.REDACTED;

  /**
   * The jars a standalone cluster's executors are handed: {@code spark.jars} as set, or else nn's submit jar, and
   * then each plugin jar whose file name is not among them. A standalone cluster's executors are JVMs of their
   * own, which have Spark's classes and none of nn's or its plugins': without the submit jar a task fails with a
   * ClassCastException about a SerializedLambda, and without a plugin's jar an executor does not know the
   * plugin the experiment names. Spark refuses two jars of one file name, so a jar of a listed name is not added.
   */
  static List<String> executorJars(SparkConf conf, List<Path> pluginJars) {
    List<String> jars = new ArrayList<>();
    if (conf.contains("spark.jars")) {
      for (String jar : conf.get("spark.jars").split(",")) {
        if (!jar.isBlank()) {
          jars.add(jar.strip());
        }
      }
    } else {
      jars.add(submitJar().orElseThrow(() -> new ClusterException("the executors of master \""
          + conf.get("spark.master") + "\" need nn's classes, and nn's submit jar is not built beside "
          + ownLocation() + ": build it (mvn -B -pl nn-spark -am package -DskipTests), or name the jars in"
          + " distributed.conf's spark.jars", null)).toString());
    }
    for (Path jar : pluginJars) {
      String name = jar.getFileName().toString();
      if (jars.stream().noneMatch(listed -> listed.equals(name) || listed.endsWith("/" + name))) {
        jars.add(jar.toAbsolutePath().toString());
      }
    }
    return jars;
  }

  /**
   * nn's submit jar (nn and its libraries, without Spark) beside the nn-spark jar these classes were loaded from,
   * as the build makes them: {@code nn-spark-VERSION.jar} and {@code nn-spark-VERSION-submit.jar} in
   * {@code nn-spark/target}. Under spark-submit it is the jar submitted, which spark-submit ships itself.
   */
  static java.util.Optional<java.nio.file.Path> submitJar() {
    java.nio.file.Path own = ownLocation();
    if (own == null) {
      return java.util.Optional.empty();
    }
    // nn-spark/target, whether the classes came from its jar or from target/classes
    java.nio.file.Path folder = own.getParent();
    if (folder == null) {
      return java.util.Optional.empty();
    }
    try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().matches("nn-spark-.*-submit\\.jar")).findFirst();
    } catch (java.io.IOException | RuntimeException e) {
      return java.util.Optional.empty();
    }
  }

  /** Where these classes were loaded from: nn-spark's jar, or its classes folder; {@code null} if unknown. */
  private static java.nio.file.Path ownLocation() {
    try {
      java.security.CodeSource source = ClusterSessions.class.getProtectionDomain().getCodeSource();
      return source == null ? null : java.nio.file.Path.of(source.getLocation().toURI()).toAbsolutePath();
    } catch (java.net.URISyntaxException | RuntimeException e) {
      return null;
    }
  }

}
