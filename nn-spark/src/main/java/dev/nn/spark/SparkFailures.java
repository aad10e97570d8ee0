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

  /** The first line of Spark's message, which is followed by a remote stack trace. */
  static String firstLine(String message) {
    if (message == null) {
      return "no message";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
