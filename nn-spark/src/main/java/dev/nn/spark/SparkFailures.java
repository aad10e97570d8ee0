package dev.nn.spark;

import dev.nn.core.data.DataException;
import dev.nn.core.experiment.ClusterException;
import dev.nn.core.train.TrainingDivergedException;
import dev.nn.spi.ConfigException;
import org.apache.spark.SparkException;

/**
 * Turns what Spark threw into what nn reports: a problem nn knows (a diverged loss, bad data, a bad setting)
 * that happened inside a task comes back as itself; anything else Spark reports becomes one
 * {@link ClusterException} whose message says what failed, without Spark's stack trace.
 */
final class SparkFailures {
  private SparkFailures() {}

  static RuntimeException translate(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TrainingDivergedException || t instanceof DataException || t instanceof ConfigException
          || t instanceof ClusterException) {
        return (RuntimeException) t;
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SparkException || t.getClass().getName().startsWith("org.apache.spark")) {
        return new ClusterException("Spark could not finish the training: " + firstLine(t.getMessage()), e);
      }
    }
    return e instanceof RuntimeException ? (RuntimeException) e : new IllegalStateException(e);
  }

  /**
   * The first line of the innermost exception in {@code e}'s chain of causes that says anything: Spark wraps
   * the reason a read failed (a file that is not Parquet, say) in exceptions whose own first lines end before
   * it ("Exception thrown in awaitResult: ").
   */
  static String innermostReason(Throwable e) {
    String reason = firstLine(e.getMessage());
    // a chain that loops back on itself ends the walk; so does an unlikely depth
    int depth = 0;
    for (Throwable t = e.getCause(); t != null && t != e && depth < 64; t = t.getCause(), depth++) {
      String line = t.getMessage() == null ? "" : firstLine(t.getMessage()).strip();
      if (!line.isEmpty()) {
        reason = line;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return reason;
  }

  /** The first line of Spark's message, which is followed by a remote stack trace. */
  static String firstLine(String message) {
    if (message == null) {
      return "no message";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
