package dev.nn.core.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;

/**
 * The commonest YAML syntax errors in words a user of an experiment file reads without knowing YAML's grammar: the
 * parser's own ("while parsing a block collection …: expected &lt;block end&gt;, but found '&lt;block sequence
 * start&gt;'") names its states, not the mistake. A message it has no words for keeps the parser's.
 */
final class YamlSyntaxWords {
  private YamlSyntaxWords() {}

  private static final Pattern FOUND_AT_BLOCK_END = Pattern.compile("expected <block end>, but found '(.+)'");
  private static final Pattern NO_TOKEN = Pattern.compile("found character '(.+)' that cannot start any token.*");
  private static final Pattern UNDEFINED_ALIAS = Pattern.compile("found undefined alias (.+)");
  private static final Pattern UNKNOWN_ESCAPE = Pattern.compile("found unknown escape character (.)\\(\\d+\\)");

  /** The line above {@code at}'s, stripped, or null when the parser's snippet does not hold it. */
  private static String lineAbove(Mark at) {
    int[] text = at.getBuffer();
    int start = at.getPointer() - at.getColumn();
    if (text == null || start < 1 || start > text.length || text[start - 1] != '\n') {
      return null;
    }
    int from = start - 1;
    while (from > 0 && text[from - 1] != '\n') {
      from--;
    }
    return new String(text, from, start - 1 - from).strip();
  }

  /** Whether only spaces come before {@code at} on its line (true when the parser's snippet does not tell). */
  private static boolean startsItsLine(Mark at) {
    int[] text = at.getBuffer();
    int p = at.getPointer();
    int c = at.getColumn();
    if (text == null || p < c || p > text.length) {
      return true;
    }
    for (int i = p - c; i < p; i++) {
      if (text[i] != ' ') {
        return false;
      }
    }
    return true;
  }

  /**
   * The mistake in words, or null when there are none for it.
   *
   * @param context what the parser was in, or "" ("while parsing a flow mapping")
   * @param start where that began, or null
   * @param problem what it met
   * @param at where it met it, or null
   */
  static String of(String context, Mark start, String problem, Mark at) {
    String where = at == null ? "" : " (line " + (at.getLine() + 1) + ", col " + (at.getColumn() + 1) + ")";
    String from = start == null ? "" : " at line " + (start.getLine() + 1) + ", col " + (start.getColumn() + 1);
    boolean list = context.contains("block collection") || context.contains("block sequence");
    String collection = list ? "list" : "mapping";
    Matcher blockEnd = FOUND_AT_BLOCK_END.matcher(problem);
    if (blockEnd.matches()) {
      String found = blockEnd.group(1);
      switch (found) {
        case "<block sequence start>", "<block mapping start>", "<scalar>" -> {
          if (at != null && !startsItsLine(at)) {
            // more after a value on its line (loss: "squared" extra, seed: [1, 2] 3): not an indentation
            return "more text" + where + " after a value that has ended: a value is one word or number, one quoted"
                + " text, or one {…} or […]; quote the whole value, or remove what follows it";
          }
          return "this line" + where + " is indented to no column of the " + collection + " that starts" + from
              + ": the items of one list or mapping start at one column, and a key's value on the lines below it is"
              + " indented further than the key";
        }
        case "?" -> {
          return "a key" + where + " where the list that starts" + from + " expects an item (\"- …\"): a mapping"
              + " inside a list is an item's, written after its \"- \"";
        }
        case "-" -> {
          return "a list item" + where + " where the mapping that starts" + from + " expects a key: a list is a"
              + " key's value, its items indented below the key";
        }
        case "]", "}" -> {
          return "a '" + found + "'" + where + " closes no '" + (found.equals("]") ? "[" : "{") + "'";
        }
        default -> {
          return null;
        }
      }
    }
    if (problem.startsWith("expected ',' or '}'") || problem.startsWith("expected ',' or ']'")) {
      char open = problem.contains("'}'") ? '{' : '[';
      char close = open == '{' ? '}' : ']';
      return "the '" + open + "'" + from + " is not closed: a '" + close + "' is missing before" + where.replace(" (",
          " ").replace(")", "") + ", or a ',' between two of its " + (open == '{' ? "entries" : "items");
    }
    if (context.contains("quoted scalar") && problem.contains("end of stream")) {
      return "the quoted value that starts" + from + " is never closed: its closing quote is missing";
    }
    Matcher noToken = NO_TOKEN.matcher(problem);
    if (noToken.matches()) {
      String c = noToken.group(1);
      return c.startsWith("\\t") ? "a tab" + where + (at != null && startsItsLine(at) ? ": YAML indents with spaces"
          + " only; replace the tab with spaces" : ": YAML separates with spaces, not tabs; replace the tab with a"
          + " space")
          : "'" + c + "'" + where + " cannot start a value (YAML reserves it): quote the value (\"" + c + "…\")";
    }
    if (context.contains("simple key") && problem.contains("could not find expected ':'")) {
      return "the line that starts" + from + " is not key: value: its ':' is missing (write loss: squared, not loss"
          + " squared)";
    }
    Matcher escape = UNKNOWN_ESCAPE.matcher(problem);
    if (escape.matches() || context.contains("double-quoted") && problem.startsWith("expected escape sequence")) {
      String which = escape.matches() ? "\\" + escape.group(1) + " is none"
          : "this one needs hexadecimal digits after it (\\x, \\u, \\U)";
      return "a backslash" + where + " in a double-quoted value starts an escape, and " + which + ": write a path"
          + " with forward slashes (C:/data/x.csv), or in single quotes ('C:\\data\\x.csv'), where a backslash is"
          + " itself";
    }
    if (problem.equals("expected the node content, but found '<stream end>'")) {
      // "{a: " or "[1, " cut short, in a file or a --set value
      return "the text ends" + where + " inside a '{' or '[' that is not closed, where a value is expected: give the"
          + " value, and close the '{' with '}' or the '[' with ']'";
    }
    if (problem.equals("expected the node content, but found ','")) {
      return "a ','" + where + " with nothing before it: two commas in a row, or one after '[' or '{'; remove it";
    }
    if (problem.equals("mapping values are not allowed here") && at != null) {
      String above = lineAbove(at);
      if (above != null && !above.isEmpty() && above.indexOf(':') < 0 && !above.startsWith("-")
          && !above.startsWith("#") && above.contains(" ")) {
        // the key above lost its ':' (name xor): the parser met the trouble only at this line's ':'
        return "the line above, \"" + dev.nn.core.text.Excerpt.of(above) + "\" (line " + at.getLine() + "), has no ':'"
            + " after its key: write key: value (the parser noticed at" + where.replace(" (", " ").replace(")", "")
            + ")";
      }
    }
    if (problem.equals("mapping values are not allowed here")) {
      return "a ':'" + where + " where no key can start: a value holding \": \" is quoted (\"a: b\"), a key starts at"
          + " the column of the keys beside it, and the line above it, if a key, ends with ':'";
    }
    Matcher alias = UNDEFINED_ALIAS.matcher(problem);
    if (alias.matches()) {
      return "the alias *" + alias.group(1) + where + " names no anchor: write &" + alias.group(1)
          + " on the value it repeats, before the alias";
    }
    return null;
  }
}
