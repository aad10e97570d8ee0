package dev.nn.spark;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.core.experiment.ClusterException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** A standalone master that is not there is refused before Spark starts, at once, naming what failed. */
class MasterCheckTests {
  /** A port nothing listens at is said at once (Spark's client tried to register for a minute, without a word). */
  @Test
  void aStandaloneMasterNothingListensAtIsRefusedAtOnce() throws Exception {
    int port = freePort();
    long start = System.nanoTime();
    ClusterException e = assertThrows(ClusterException.class,
        () -> ClusterSessions.requireReachableMaster("spark://127.0.0.1:" + port));
    assertEquals("cannot start Spark with master \"spark://127.0.0.1:" + port + "\": nothing listens at 127.0.0.1:"
        + port + " (connection refused)", e.getMessage());
    assertTrue(System.nanoTime() - start < 10_000_000_000L, "at once");
  }

  @Test
  void aStandaloneMasterWhoseHostDoesNotResolveIsRefusedAtOnce() {
    ClusterException e = assertThrows(ClusterException.class,
        () -> ClusterSessions.requireReachableMaster("spark://nohost.invalid:7077"));
    assertEquals("cannot start Spark with master \"spark://nohost.invalid:7077\": cannot resolve host nohost.invalid",
        e.getMessage());
  }

  /** Of several masters (standby masters of one cluster), one that takes connections is enough; none names each. */
  @Test
  void ofSeveralMastersOneThatListensIsEnough() throws Exception {
    int down = freePort();
    try (ServerSocket up = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      assertDoesNotThrow(() -> ClusterSessions.requireReachableMaster("spark://127.0.0.1:" + down + ",127.0.0.1:"
          + up.getLocalPort()));
    }
    ClusterException e = assertThrows(ClusterException.class,
        () -> ClusterSessions.requireReachableMaster("spark://nohost.invalid,127.0.0.1:" + down));
    assertEquals("cannot start Spark with master \"spark://nohost.invalid,127.0.0.1:" + down + "\": cannot resolve"
        + " host nohost.invalid; nothing listens at 127.0.0.1:" + down + " (connection refused)", e.getMessage());
    assertDoesNotThrow(() -> ClusterSessions.requireReachableMaster("local[2]"));
  }

  static int freePort() throws Exception {
    try (ServerSocket free = new ServerSocket(0)) {
      return free.getLocalPort();
    }
  }
}
