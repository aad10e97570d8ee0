package dev.nn.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The values of secret settings are redacted wherever they are written: flow and block YAML, --set, key=value. */
class SecretsTests {
  private static final String R = Secrets.REDACTED;

  @Test
  void aSecretsValueIsRedactedInEveryFormItIsWritten() {
    assertEquals("distributed.conf={executor.memory: 2g, spark.hadoop.fs.s3a.secret.key: " + R
        + ", spark.exector.memory: 1g}", Secrets.redact("distributed.conf={executor.memory: 2g,"
            + " spark.hadoop.fs.s3a.secret.key: HUNTER2, spark.exector.memory: 1g}"));
    assertEquals("  conf: {\"spark.ssl.keyPassword\": " + R + "}", Secrets.redact(
        "  conf: {\"spark.ssl.keyPassword\": \"p, w}\"}"));
    assertEquals("    spark.hadoop.fs.s3a.access.key: " + R + "\n    spark.executor.memory: 2g\n", Secrets.redact(
        "    spark.hadoop.fs.s3a.access.key: 'AKIA''X'\n    spark.executor.memory: 2g\n"));
    assertEquals("--set=distributed.conf.spark.auth.token=" + R, Secrets.redact(
        "--set=distributed.conf.spark.auth.token=abc"));
    assertEquals(List.of("train", "x.yaml", "spark.authenticate.secret=" + R), Secrets.redact(List.of("train",
        "x.yaml", "spark.authenticate.secret=s3cr3t")));
  }

  @Test
  void otherTextIsLeftAsItIs() {
    String experiment = "name: token-run\nseed: 7\noptimizer: {name: sgd, learning-rate: 0.1}\ndistributed:"
        + " {master: local[2], conf: {spark.executor.memory: 2g}}\n";
    assertEquals(experiment, Secrets.redact(experiment));
    assertEquals("", Secrets.redact(""));
    assertTrue(Secrets.isSecretKey("spark.hadoop.fs.s3a.SECRET.key"));
    assertFalse(Secrets.isSecretKey("spark.executor.memory"));
  }
}
