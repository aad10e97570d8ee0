package dev.nn.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The first byte that is not UTF-8 is found with its line, column and offset; a UTF-16 mark is named as such. */
class Utf8ErrorsTests {
  private static byte[] bytes(String latin1) {
    return latin1.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void utf8TextHasNone() {
    assertEquals(Optional.empty(), Utf8Errors.find("a,b\néü€😀\n".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aLatin1ByteIsPlacedByLineColumnAndOffset() {
    Utf8Errors.Location at = Utf8Errors.find(bytes("a,b\n1,caf\u00e9\n")).orElseThrow();
    assertEquals(new Utf8Errors.Location(2, 6, 9, 0xE9, false), at);
    assertEquals(":2: not UTF-8 text: byte 0xE9 at line 2, column 6 (byte offset 9) is not valid UTF-8; save the file"
        + " as UTF-8 (such bytes often come from Latin-1 or Windows-1252 text)", at.describe());
  }

  @Test
  void columnsCountCharactersNotBytes() {
    byte[] b = "é€x".getBytes(StandardCharsets.UTF_8);
    byte[] bad = new byte[b.length + 1];
    System.arraycopy(b, 0, bad, 0, b.length);
    bad[b.length] = (byte) 0xC0; // never valid
    assertEquals(new Utf8Errors.Location(1, 4, 6, 0xC0, false), Utf8Errors.find(bad).orElseThrow());
  }

  @Test
  void whatJavaRefusesIsRefused() {
    assertTrue(Utf8Errors.find(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}).isPresent(), "a surrogate");
    assertTrue(Utf8Errors.find(new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0x80}).isPresent(), "overlong");
    assertTrue(Utf8Errors.find(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}).isPresent(),
        "beyond U+10FFFF");
    Utf8Errors.Location cut = Utf8Errors.find(new byte[] {'a', (byte) 0xE2, (byte) 0x82}).orElseThrow();
    assertEquals(-1, cut.value());
    assertEquals(1, cut.offset());
    assertTrue(cut.problem().startsWith("not UTF-8 text: it ends inside a character"), cut.problem());
  }

  @Test
  void aUtf16MarkIsNamed() {
    for (byte[] mark : new byte[][] {{(byte) 0xFF, (byte) 0xFE, 'a', 0}, {(byte) 0xFE, (byte) 0xFF, 0, 'a'}}) {
      Utf8Errors.Location at = Utf8Errors.find(mark).orElseThrow();
      assertTrue(at.utf16());
      assertEquals(": UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8", at.describe());
    }
  }
}
