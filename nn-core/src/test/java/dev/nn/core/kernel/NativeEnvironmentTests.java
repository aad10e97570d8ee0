package dev.nn.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The C environment, changed in place; Java's copy of the environment stays as the JVM started. */
class NativeEnvironmentTests {
  private static final String A = "NN_NATIVE_ENVIRONMENT_TEST_A";
  private static final String B = "NN_NATIVE_ENVIRONMENT_TEST_B";

  @Test
  void setsReplacesAndRemovesVariables() {
    try {
      assertNull(NativeEnvironment.get(A));
      NativeEnvironment.apply(Map.of(A, "one", B, "two=2"));
      assertEquals("one", NativeEnvironment.get(A));
      assertEquals("two=2", NativeEnvironment.get(B));
      NativeEnvironment.apply(Map.of(A, "three"));
      assertEquals("three", NativeEnvironment.get(A));
      assertEquals("two=2", NativeEnvironment.get(B));
      Map<String, String> remove = new HashMap<>();
      remove.put(A, null);
      NativeEnvironment.apply(remove);
      assertNull(NativeEnvironment.get(A));
      assertEquals("two=2", NativeEnvironment.get(B));
      assertNull(System.getenv(B), "Java's copy of the environment is not the C library's");
      assertEquals(System.getenv("PATH"), NativeEnvironment.get("PATH"), "the other variables are kept");
    } finally {
      Map<String, String> clean = new HashMap<>();
      clean.put(A, null);
      clean.put(B, null);
      NativeEnvironment.apply(clean);
    }
    assertNull(NativeEnvironment.get(B));
  }

  @Test
  void aNameWithAnEqualsSignIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NativeEnvironment.apply(Map.of("A=B", "c")));
    assertEquals("not an environment variable name: 'A=B'", e.getMessage());
  }
}
