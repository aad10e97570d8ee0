package dev.nn.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ControlCharactersTests {
  @Test
  void plainTextIsLeftAsItIs() {
    String text = "φ′(z) = 1 − tanh²(z), see C:\\plugins";
    assertSame(text, ControlCharacters.escape(text));
    assertFalse(ControlCharacters.present(text));
  }

  @Test
  void controlCharactersBecomeEscapes() {
    assertEquals("\\e[31mred\\e[0m", ControlCharacters.escape("\u001b[31mred\u001b[0m"));
    assertEquals("a\\nb\\rc\\td\\0e\\b\\f", ControlCharacters.escape("a\nb\rc\td\0e\b\f"));
    assertEquals("bell\\u0007 del\\u007F c1\\u009B", ControlCharacters.escape("bell\u0007 del\u007f c1\u009b"));
    assertTrue(ControlCharacters.present("x\u001by"));
  }

  @Test
  void charactersThatReorderOrBreakTheLineBecomeEscapes() {
    assertEquals("abc\\u202Edef\\u2066g\\u2028h\\u200F", ControlCharacters.escape("abc\u202edef\u2066g\u2028h\u200f"));
  }

  @Test
  void nullIsPrintedAsNull() {
    assertEquals("null", ControlCharacters.escape(null));
  }
}
