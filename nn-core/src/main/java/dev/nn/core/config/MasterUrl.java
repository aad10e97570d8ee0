package dev.nn.core.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The form of {@code distributed.master}, checked as the experiment is read: Spark parses the URL only as it starts,
 * after "starting Spark" and seconds later, and then says "Could not parse Master URL" without the key, its line or
 * what it takes, while {@code nn validate} had called the experiment valid. The forms are those Spark parses itself
 * (its local, local-cluster and standalone patterns) and the cluster managers nn documents (YARN and Kubernetes,
 * reached through the cluster's spark-submit). Whether a standalone master answers, and whether nn train may use
 * YARN or Kubernetes, is checked when Spark starts.
 */
final class MasterUrl {
  /** What the report's "Allowed" line lists. */
  static final String ALLOWED = "local, local[N] or local[*] (N threads), local[N,F] (F attempts per task),"
      + " spark://host:port (a standalone master; several: spark://host1:port1,host2:port2),"
      + " local-cluster[W,C,M] (W workers of C cores and M MB each; needs SPARK_HOME), yarn or k8s://… (under the"
      + " cluster's spark-submit); N, F, W, C and M whole numbers >= 1";

  private static final Pattern LOCAL = Pattern.compile("local\\[([0-9]+|\\*)]");
  private static final Pattern LOCAL_ATTEMPTS = Pattern.compile("local\\[([0-9]+|\\*)\\s*,\\s*([0-9]+)]");
  private static final Pattern LOCAL_CLUSTER =
      Pattern.compile("local-cluster\\[\\s*([0-9]+)\\s*,\\s*([0-9]+)\\s*,\\s*([0-9]+)\\s*]");
  private static final String STANDALONE = "spark://";

  private MasterUrl() {}

  /** What is wrong with {@code master}'s form, said for the report; empty when it is one of {@link #ALLOWED}. */
  static Optional<String> problem(String master) {
    if (master.equals("local") || master.equals("yarn")
        || master.startsWith("k8s://") && master.length() > "k8s://".length()) {
      return Optional.empty();
    }
    Matcher local = LOCAL.matcher(master);
    if (local.matches()) {
      return atLeastOne(master, local.group(1), "threads");
    }
    Matcher a = LOCAL_ATTEMPTS.matcher(master);
    if (a.matches()) {
      return atLeastOne(master, a.group(1), "threads").or(() -> atLeastOne(master, a.group(2), "attempts per task"));
    }
    Matcher c = LOCAL_CLUSTER.matcher(master);
    if (c.matches()) {
      return atLeastOne(master, c.group(1), "workers").or(() -> atLeastOne(master, c.group(2), "cores per worker"))
          .or(() -> atLeastOne(master, c.group(3), "MB per worker"));
    }
    if (master.startsWith(STANDALONE)) {
      for (String hostPort : master.substring(STANDALONE.length()).split(",", -1)) {
        Optional<String> wrong = standalone(master, hostPort);
        if (wrong.isPresent()) {
          return wrong;
        }
      }
      return Optional.empty();
    }
    return Optional.of("\"" + master + "\" is not a Spark master URL");
  }

  /**
   * A count of {@code what} in {@code master}: a whole number from 1 (a {@code *} of threads, every core, too);
   * Spark runs no task with 0 threads, and 0 attempts per task means none.
   */
  private static Optional<String> atLeastOne(String master, String count, String what) {
    if (count.equals("*") && what.equals("threads")) {
      return Optional.empty();
    }
    long n;
    try {
      n = Long.parseLong(count);
    } catch (NumberFormatException e) {
      n = Long.MAX_VALUE;
    }
    if (n < 1 || n > Integer.MAX_VALUE) {
      return Optional.of("\"" + master + "\" asks for " + count + " " + what + "; it must be from 1 to "
          + Integer.MAX_VALUE);
    }
    return Optional.empty();
  }

  /** One {@code host:port} of a standalone master's URL, as Spark takes it: a host and a port, nothing else. */
  private static Optional<String> standalone(String master, String hostPort) {
    java.net.URI uri;
    try {
      uri = new java.net.URI(STANDALONE + hostPort);
    } catch (java.net.URISyntaxException e) {
      uri = null;
    }
    boolean onlyHostAndPort = uri != null && uri.getHost() != null && uri.getRawPath().isEmpty()
        && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
    if (!onlyHostAndPort) {
      return Optional.of("\"" + master + "\": \"" + hostPort + "\" is not a host and port of a standalone master");
    }
    if (uri.getPort() < 1 || uri.getPort() > 65535) {
      return Optional.of("\"" + master + "\": \"" + hostPort + "\" names no port" + (uri.getPort() < 0 ? ""
          : " from 1 to 65535") + "; Spark needs host:port (a standalone master listens at port 7077 unless told"
          + " otherwise)");
    }
    return Optional.empty();
  }
}
