package dev.nn.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nn.core.io.Json.NonFinite;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** nn's JSON: both layouts, the escaping of strings, the non-finite policy, and reading back. */
class JsonTests {
  /** A nested value with every kind of JSON value in it, in an order that is not sorted. */
  private static Map<String, Object> sample() {
    Map<String, Object> layer = new LinkedHashMap<>();
    layer.put("weights", "W1");
    layer.put("settings", Map.of());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", "xor \"net\"");
    m.put("format", 1L);
    m.put("loss", 0.25);
    m.put("big", 1.0E20);
    m.put("scaler", true);
    m.put("link", null);
    m.put("widths", List.of(2L, 3L, 1L));
    m.put("none", List.of());
    m.put("layers", List.of(layer));
    return m;
  }

  @Test
  void oneLineSeparatesItemsByCommaAndSpace() {
    assertEquals("{\"name\": \"xor \\\"net\\\"\", \"format\": 1, \"loss\": 0.25, \"big\": 1.0E20, \"scaler\": true, "
        + "\"link\": null, \"widths\": [2, 3, 1], \"none\": [], \"layers\": [{\"weights\": \"W1\", \"settings\": {}}]}",
        Json.line(sample(), NonFinite.REFUSE));
  }

  @Test
  void prettyIndentsByTwoSpacesAndKeepsAnArrayOfScalarsOnOneLine() {
    assertEquals("""
        {
          "name": "xor \\"net\\"",
          "format": 1,
          "loss": 0.25,
          "big": 1.0E20,
          "scaler": true,
          "link": null,
          "widths": [2, 3, 1],
          "none": [],
          "layers": [
            {
              "weights": "W1",
              "settings": {}
            }
          ]
        }""", Json.pretty(sample(), NonFinite.REFUSE));
  }

  @Test
  void bothLayoutsReadBackEqualWithTheKeysInOrder() {
    for (String text : List.of(Json.line(sample(), NonFinite.REFUSE), Json.pretty(sample(), NonFinite.REFUSE))) {
      Object back = Json.parse(text);
      assertEquals(sample(), back);
      assertEquals(List.copyOf(sample().keySet()), List.copyOf(((Map<?, ?>) back).keySet()));
    }
  }

  @Test
  void scalarsAtTheTop() {
    assertEquals("null", Json.line(null, NonFinite.REFUSE));
    assertEquals("-3", Json.pretty(-3, NonFinite.REFUSE));
    assertEquals("0.5", Json.line(0.5f, NonFinite.REFUSE));
    assertEquals(-3L, Json.parse(" -3 "));
    assertEquals(-2.5e-3, Json.parse("-2.5e-3"));
    assertEquals(1234567890123456789.0, Json.parse("1234567890123456789"));
    assertEquals(false, Json.parse("false"));
    assertEquals(null, Json.parse("null"));
  }

  @Test
  void quoteBackslashAndControlCharactersAreEscaped() {
    assertEquals("\"a\\\"b\\\\c\"", Json.quoted("a\"b\\c"));
    assertEquals("\"\\n\\r\\t\\u0000\\u0008\\u000c\\u001f\"", Json.quoted("\n\r\t\u0000\b\f\u001f"));
    assertEquals("\"\\u007f\"", Json.quoted("\u007f"));
    assertEquals("\"é €\"", Json.quoted("é €"));
  }

  @Test
  void aSurrogatePairIsKeptAndALoneSurrogateEscaped() {
    String clef = "\uD834\uDD1E";
    assertEquals("\"" + clef + "\"", Json.quoted(clef));
    assertEquals("\"\\ud834x\"", Json.quoted("\uD834x"));
    assertEquals("\"x\\udd1e\"", Json.quoted("x\uDD1E"));
    assertEquals("\"\\udd1e\\ud834\"", Json.quoted("\uDD1E\uD834"));
    // the writers escape the same way as quoted, keys included
    assertEquals("{\"\\ud834\": [\"\\u007f\"]}", Json.line(Map.of("\uD834", List.of("\u007f")), NonFinite.REFUSE));
  }

  @Test
  void everyEscapedStringReadsBackUnchanged() {
    List<String> texts = List.of("a\"b\\c", "\n\r\t\u0000\b\f\u001f\u007f", "\uD834\uDD1E", "\uD834x", "x\uDD1E",
        "\uDD1E\uD834", "");
    for (String t : texts) {
      assertEquals(t, Json.parse(Json.quoted(t)));
    }
    assertEquals(texts, Json.parse(Json.pretty(texts, NonFinite.REFUSE)));
    assertEquals("/\b\f\u00e9", Json.parse("\"\\/\\b\\f\\u00E9\""));
  }

  @Test
  void nonFiniteNumbersAreNullWhenAskedSo() {
    List<Object> figures = Arrays.asList(Double.NaN, Double.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1.5);
    assertEquals("[null, null, null, 1.5]", Json.line(figures, NonFinite.AS_NULL));
    assertEquals("{\n  \"loss\": null\n}", Json.pretty(Map.of("loss", Double.NaN), NonFinite.AS_NULL));
  }

  @Test
  void nonFiniteNumbersAreRefusedNamingTheNumberAndWhereItIs() {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("alpha", Double.NaN);
    List<Object> layers = new ArrayList<>();
    layers.add(Map.of("weights", "W1"));
    layers.add(Map.of("settings", settings));
    Map<String, Object> header = Map.of("layers", layers);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Json.line(header, NonFinite.REFUSE));
    assertEquals("cannot write NaN at layers[1].settings.alpha as JSON: a JSON number must be finite", e.getMessage());
    IllegalArgumentException top = assertThrows(IllegalArgumentException.class,
        () -> Json.pretty(Double.NEGATIVE_INFINITY, NonFinite.REFUSE));
    assertEquals("cannot write -Infinity as JSON: a JSON number must be finite", top.getMessage());
  }

  @Test
  void whatIsNotJsonIsNamedWithTheCharacterWhereReadingStopped() {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("", "the text ends where a value was expected at character 1");
    cases.put("{\"a\": 1", "the text ends too early at character 8");
    cases.put("[1 2]", "expected ',' or ']' at character 4");
    cases.put("{\"a\": 1 \"b\": 2}", "expected ',' or '}' at character 9");
    cases.put("{\"a\" 1}", "expected ':' at character 6");
    cases.put("{a: 1}", "expected a key in quotes at character 2");
    cases.put("[1, tru]", "unexpected character 't' at character 5");
    cases.put("{} x", "unexpected text after the value at character 4");
    cases.put("[1, 2-3]", "\"2-3\" is not a number at character 5");
    cases.put("\"\\u12g4\"", "a \\u escape needs four hex digits at character 4");
    cases.put("\"\\u+123\"", "a \\u escape needs four hex digits at character 4");
    cases.put("\"a\\qb\"", "\\q is not a JSON escape at character 3");
    cases.put("\"abc", "the text ends too early at character 5");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      Json.SyntaxError e = assertThrows(Json.SyntaxError.class, () -> Json.parse(c.getKey()), c.getKey());
      assertEquals(c.getValue(), e.getMessage(), c.getKey());
    }
  }

  /** A damaged file nested thousands deep is a syntax error, not a stack overflow; nn's own nesting reads. */
  @Test
  void nestingDeeperThanAHundredIsASyntaxErrorNotAStackOverflow() {
    Json.SyntaxError e = org.junit.jupiter.api.Assertions.assertThrows(Json.SyntaxError.class,
        () -> Json.parse("[".repeat(100_000)));
    org.junit.jupiter.api.Assertions.assertEquals("objects and arrays nested more than 100 deep at character 101",
        e.getMessage());
    Object hundred = Json.parse("[".repeat(100) + "]".repeat(100));
    org.junit.jupiter.api.Assertions.assertTrue(hundred instanceof java.util.List);
    org.junit.jupiter.api.Assertions.assertEquals(java.util.Map.of("a", java.util.List.of(java.util.List.of())),
        Json.parse("{\"a\": [[]]}"));
  }
}
