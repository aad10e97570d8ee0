package dev.nn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What running out of memory says: more heap where that helps, and where it cannot, what does. */
class OutOfMemoryTests {
  @Test
  void aHeapTooSmallGetsTheOptionThatRaisesIt() {
    String m = OutOfMemory.message(new OutOfMemoryError("Java heap space"));
    assertTrue(m.startsWith("nn: out of memory (Java heap space): the command needs more heap than this JVM may use"),
        m);
    assertTrue(m.contains("Give nn more memory, e.g. NN_JAVA_OPTS=-Xmx"), m);
  }

  /** A command other than training says what it needs, not training's advice (an export has no batch size). */
  @Test
  void aCommandsOwnSizingReplacesTrainingsAdvice() {
    String m = OutOfMemory.message(new OutOfMemoryError("Java heap space"), "exporting to ONNX takes about 15 times"
        + " the model file's size in heap, to .npz about 7; this model file is 71 MB");
    assertTrue(m.endsWith(" (exporting to ONNX takes about 15 times the model file's size in heap, to .npz about 7;"
        + " this model file is 71 MB).\n"), m);
    assertTrue(!m.contains("training"), m);
  }

  /** An array over Java's 2^31 elements (a 2 GiB text) fits no heap: more heap is not the advice. */
  @Test
  void anArrayLargerThanJavaAllowsIsNotToldToTakeMoreHeap() {
    for (String what : new String[] {"Required array length 2147483639 + 15 is too large",
        "Requested array size exceeds VM limit"}) {
      assertEquals("nn: out of memory (" + what + "): the command needs one array of more than 2^31 values, the most"
          + " Java allows whatever its heap, so more memory cannot help\nGive it less at once: split the input file, or"
          + " fewer rows or columns.\n", OutOfMemory.message(new OutOfMemoryError(what)));
    }
  }
}
