package dev.nn.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** average-every beyond a part's updates in an epoch acts as that number (an epoch ends averaging), and says so. */
class AveragingNoteTests {
  @Test
  void aValueBeyondAnEpochsUpdatesIsNoted() {
    // iris: 120 training rows in 2 parts of 60, batches of 16: 4 updates a part and epoch
    assertEquals(Optional.empty(), SparkBackend.averagingCapped(4, 60, 16));
    assertEquals(Optional.of("distributed.average-every is 1000, more than the 4 updates each part takes in an epoch"
        + " (its 60 rows in batches of 16); every epoch ends with an averaging, so the parts average every 4 updates"),
        SparkBackend.averagingCapped(1000, 60, 16));
    assertEquals("distributed.average-every is 2, more than the 1 update each part takes in an epoch (its 5 rows in"
        + " batches of 16); every epoch ends with an averaging, so the parts average every 1 update",
        SparkBackend.averagingCapped(2, 5, 16).orElseThrow());
  }
}
