package dev.nn.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import org.junit.jupiter.api.Test;

/**
 * The commonest YAML mistakes in an experiment file are told in words, at the place the parser met them: its own
 * text named its states ("expected &lt;block end&gt;, but found '&lt;block sequence start&gt;'").
 */
class YamlSyntaxWordsTests {
  private static String said(String yaml) {
    ConfigProblem p = assertThrows(ConfigException.class, () -> YamlSource.compose(yaml)).problems().get(0);
    return p.line() + ":" + p.column() + " " + p.message();
  }

  @Test
  void anItemIndentedToNoColumnOfItsListIsSaidSo() {
    assertEquals("4:7 not valid YAML: this line (line 4, col 7) is indented to no column of the list that starts at"
        + " line 3, col 5: the items of one list or mapping start at one column, and a key's value on the lines below"
        + " it is indented further than the key", said("network:\n  layers:\n    - {units: 4}\n      - {units: 1}\n"));
    assertEquals("3:2 not valid YAML: this line (line 3, col 2) is indented to no column of the mapping that starts at"
        + " line 1, col 1: the items of one list or mapping start at one column, and a key's value on the lines below"
        + " it is indented further than the key", said("a:\n  b: 1\n c: 2\n"));
  }

  /** More after a closed value on its line is no indentation: it was said to be one, at a column mid-line. */
  @Test
  void moreTextAfterAClosedValueIsSaidSo() {
    String more = " not valid YAML: more text (line 1, col 11) after a value that has ended: a value is one word or"
        + " number, one quoted text, or one {…} or […]; quote the whole value, or remove what follows it";
    assertEquals("1:11" + more, said("loss: \"x\" extra\n"));
    assertEquals("2:14" + more.replace("line 1, col 11", "line 2, col 14"), said("name: a\nseed: [1, 2] 3\n"));
  }

  @Test
  void aBraceOrBracketLeftOpenIsNamedWhereItOpens() {
    assertEquals("2:9 not valid YAML: the '{' at line 1, col 12 is not closed: a '}' is missing before line 2, col 9,"
        + " or a ',' between two of its entries", said("optimizer: {name: sgd, learning-rate: 0.1\ntraining: {epochs:"
        + " 3}\n"));
    assertEquals("2:5 not valid YAML: the '[' at line 1, col 9 is not closed: a ']' is missing before line 2, col 5,"
        + " or a ',' between two of its items", said("layers: [1, 2\nloss: x\n"));
    assertEquals("1:10 not valid YAML: a ']' (line 1, col 10) closes no '['", said("a: [1, 2]]\n"));
    // cut short where a value is expected (a --set value of "{a: "): told in words, not as the parser's node content
    String cut = " not valid YAML: the text ends (line 1, col 5) inside a '{' or '[' that is not closed, where a value"
        + " is expected: give the value, and close the '{' with '}' or the '[' with ']'";
    assertEquals("1:5" + cut, said("{a: "));
    assertTrue(said("layers: [1, ").startsWith("1:13 not valid YAML: "), said("layers: [1, "));
  }

  @Test
  void aKeyAmongItemsAnItemAmongKeysAndAStrayColonAreSaidSo() {
    assertEquals("2:1 not valid YAML: a key (line 2, col 1) where the list that starts at line 1, col 1 expects an"
        + " item (\"- …\"): a mapping inside a list is an item's, written after its \"- \"", said("- a\nb: 1\n"));
    assertEquals("2:1 not valid YAML: a list item (line 2, col 1) where the mapping that starts at line 1, col 1"
        + " expects a key: a list is a key's value, its items indented below the key", said("a: 1\n- b\n"));
    assertEquals("1:8 not valid YAML: a ':' (line 1, col 8) where no key can start: a value holding \": \" is quoted"
        + " (\"a: b\"), a key starts at the column of the keys beside it, and the line above it, if a key, ends with"
        + " ':'", said("name: a: b\n"));
  }

  @Test
  void anUnclosedQuoteATabAReservedCharacterAndAnUndefinedAliasAreSaidSo() {
    assertEquals("3:1 not valid YAML: the quoted value that starts at line 1, col 7 is never closed: its closing"
        + " quote is missing", said("name: \"abc\nloss: x\n"));
    assertEquals("2:1 not valid YAML: a tab (line 2, col 1): YAML indents with spaces only; replace the tab with"
        + " spaces", said("a:\n\tb: 1\n"));
    assertEquals("1:4 not valid YAML: '@' (line 1, col 4) cannot start a value (YAML reserves it): quote the value"
        + " (\"@…\")", said("a: @x\n"));
    assertEquals("1:6 not valid YAML: a tab (line 1, col 6): YAML separates with spaces, not tabs; replace the tab"
        + " with a space", said("loss:\tx\n"));
    assertEquals("3:1 not valid YAML: the line that starts at line 2, col 1 is not key: value: its ':' is missing (write"
        + " loss: squared, not loss squared)", said("name: x\nloss squared\nseed: 1\n"));
    assertEquals("3:5 not valid YAML: the line above, \"name xor\" (line 2), has no ':' after its key: write key:"
        + " value (the parser noticed at line 3, col 5)", said("# an experiment\nname xor\nseed: 7\n"));
    assertEquals("1:11 not valid YAML: a backslash (line 1, col 11) in a double-quoted value starts an escape, and \\d"
        + " is none: write a path with forward slashes (C:/data/x.csv), or in single quotes ('C:\\data\\x.csv'), where"
        + " a backslash is itself", said("path: \"C:\\data\\x.csv\"\n"));
    assertTrue(said("path: \"C:\\Users\\me\\x.csv\"\n").contains("a backslash (line 1, col 12) in a double-quoted"
        + " value starts an escape, and this one needs hexadecimal digits after it"), said("path: \"C:\\Users\\x\"\n"));
    assertEquals("1:11 not valid YAML: a ',' (line 1, col 11) with nothing before it: two commas in a row, or one after"
        + " '[' or '{'; remove it", said("a: {b: 1, , c: 2}\n"));
    assertEquals("1:4 not valid YAML: the alias *nope (line 1, col 4) names no anchor: write &nope on the value it"
        + " repeats, before the alias", said("a: *nope\n"));
  }
}
