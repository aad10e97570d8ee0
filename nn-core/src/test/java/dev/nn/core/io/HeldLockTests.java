package dev.nn.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lock on a file: taken once, refused while held, and a file that cannot be opened named once, with the reason. */
class HeldLockTests {
  @TempDir
  Path dir;

  @Test
  void aHeldLockIsRefusedUntilReleased() {
    Path file = dir.resolve(".lock");
    try (HeldLock first = HeldLock.tryTake(file)) {
      assertNotNull(first);
      assertNull(HeldLock.tryTake(file), "held in this JVM");
    }
    try (HeldLock again = HeldLock.tryTake(file)) {
      assertNotNull(again);
    }
  }

  @Test
  void aLockFileThatCannotBeOpenedIsNamedOnceWithTheReason() {
    Path file = dir.resolve("gone").resolve(".lock");
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> HeldLock.tryTake(file));
    assertEquals("cannot open the lock file " + file + ": no such file or directory", e.getMessage());
  }
}
