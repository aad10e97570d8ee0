package dev.nn.core.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which nn versions are later than others, for the warning a model saved by a newer nn gets. */
class ModelVersionTests {

  @Test
  void laterNumbersAreNewerPartByPart() {
    assertTrue(Model.newer("0.2.0", "0.1.0-SNAPSHOT"));
    assertTrue(Model.newer("1.2.10", "1.2.9"));
    assertTrue(Model.newer("1.0.1", "1.0"));
    assertFalse(Model.newer("0.1.0", "0.1.0-SNAPSHOT"), "a suffix is not weighed");
    assertFalse(Model.newer("0.1.0-SNAPSHOT", "0.1.0"));
    assertFalse(Model.newer("1.2.9", "1.2.10"));
    assertFalse(Model.newer("1.0", "1.0.0"));
  }

  @Test
  void aVersionThatIsNotANumberIsNeverNewer() {
    assertFalse(Model.newer("unknown", "0.1.0"));
    assertFalse(Model.newer("0.2.0", "unknown"));
    assertFalse(Model.newer(null, "0.1.0"));
  }
}
