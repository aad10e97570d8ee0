package dev.nn.spark;

import org.apache.spark.sql.SparkSession;

/**
 * One Spark session in {@code local[2]} for every test class of the module: starting Spark takes seconds, so
 * test classes share it through {@link #get()}, and it stops when the test JVM exits. Tasks may fail twice
 * before a job fails ({@code local[2,2]}), so a test can show a retried task.
 */
public final class LocalSpark {
  private static SparkSession session;

  private LocalSpark() {}

  /** The shared session, started on first use and stopped at the end of the test run. */
  public static synchronized SparkSession get() {
    if (session == null || session.sparkContext().isStopped()) {
      session = SparkSession.builder().master("local[2,2]").appName("nn-spark tests")
          .config("spark.ui.enabled", "false")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.sql.shuffle.partitions", "4")
          .getOrCreate();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        if (!session.sparkContext().isStopped()) {
          session.stop();
        }
      }));
    }
    SparkSession.setActiveSession(session);
    return session;
  }
}
