package dev.nn.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlFieldsTests {
  /** Stands for a caller's exception type. */
  static final class Bad extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Bad(Path file, String problem, Throwable cause) {
      super(file + ": " + problem, cause);
    }
  }

  private static final Path FILE = Path.of("runs", "m.nnm");

  private static YamlFields parse(String text) {
    return YamlFields.parse(FILE, "model.yaml", text, Bad::new);
  }

  @Test
  void aRepeatedKeyIsRefusedNamingTheFileThePartTheKeyAndTheLine() {
    Bad e = assertThrows(Bad.class, () -> parse("format: nn-model\nepoch: 3\nepoch: 4\n"));
    assertEquals(FILE + ": model.yaml has the key \"epoch\" twice (line 3; corrupted, or written by another program)",
        e.getMessage());
  }

  @Test
  void aRepeatedKeyInsideANestedMappingIsRefusedToo() {
    Bad e = assertThrows(Bad.class, () -> parse("weights:\n  count: 3\n  encoding: float64-le\n  count: 4\n"));
    assertEquals(FILE + ": model.yaml has the key \"count\" twice (line 4; corrupted, or written by another program)",
        e.getMessage());
  }

  @Test
  void typedValuesReadBack() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", "leaky-relu");
    m.put("big", 3_000_000_000L);
    m.put("widths", List.of(2, 3, 1));
    m.put("means", List.of(1e10, -3.25e-300));
    m.put("odd", YamlFields.real(Double.longBitsToDouble(0x7ff4000000000abcL)));
    m.put("nan", YamlFields.real(Double.NaN));
    m.put("settings", Map.of("slope", 0.2));
    m.put("nothing", null);
    YamlFields f = parse(YamlFields.dump(m));
    assertEquals("leaky-relu", f.string("name"));
    assertEquals(3_000_000_000L, f.integer("big"));
    assertArrayEquals(new int[] {2, 3, 1}, f.integers("widths", 0, 10));
    assertArrayEquals(new double[] {1e10, -3.25e-300}, f.reals("means"), 0.0);
    assertEquals(0x7ff4000000000abcL, Double.doubleToRawLongBits(f.real("odd")));
    assertTrue(Double.isNaN(f.real("nan")));
    assertEquals(Map.of("slope", 0.2), f.settings("settings"));
    assertEquals(Map.of(), f.settings("absent"));
    assertTrue(f.isNull("nothing"));
  }

  @Test
  void aMissingOrMistypedValueIsNamed() {
    YamlFields f = parse("count: many\nlimit: 7\nlist: [1, x]\n");
    assertEquals(FILE + ": model.yaml has no \"format\" (corrupted, or written by another program)",
        assertThrows(Bad.class, () -> f.string("format")).getMessage());
    assertEquals(FILE + ": model.yaml \"count\" must be a whole number, found many (corrupted, or written by another "
        + "program)", assertThrows(Bad.class, () -> f.integer("count")).getMessage());
    assertEquals(FILE + ": model.yaml \"limit\" must be in [0, 5], found 7 (corrupted, or written by another program)",
        assertThrows(Bad.class, () -> f.integer("limit", 0, 5)).getMessage());
    assertEquals(FILE + ": model.yaml \"list\" must be a number, found x (corrupted, or written by another program)",
        assertThrows(Bad.class, () -> f.reals("list")).getMessage());
  }

  @Test
  void textThatIsNotOneMappingIsRefusedInOneLine() {
    assertEquals(FILE + ": model.yaml is not a YAML mapping",
        assertThrows(Bad.class, () -> parse("- a\n- b\n")).getMessage());
    Bad e = assertThrows(Bad.class, () -> parse("a: [1, 2\n"));
    assertTrue(e.getMessage().startsWith(FILE + ": model.yaml is corrupted: "), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
  }
}
