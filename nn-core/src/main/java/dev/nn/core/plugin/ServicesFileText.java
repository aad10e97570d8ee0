package dev.nn.core.plugin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads a {@code META-INF/services} file as ServiceLoader does — one class name a line, '#' starts a comment —
 * and says what would make ServiceLoader give up on it. ServiceLoader stops at the first character no class
 * name may hold and loses the file's every provider, and its message shows the character as it is: a
 * byte-order mark, which editors on Windows write, is invisible there.
 */
final class ServicesFileText {
  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private ServicesFileText() {}

  /**
   * Why ServiceLoader gives up on a file, and what to do.
   *
   * @param what "starts with a byte-order mark (\\uFEFF)"
   * @param fix "save it as UTF-8 without a BOM"
   */
  record Unparsable(String what, String fix) {}

  /**
   * Adds the class names the file lists to {@code names}, without the characters ServiceLoader would refuse,
   * so that the providers it loses can be named.
   *
   * @return what makes ServiceLoader skip the file and how to fix it, or null when it parses; a file that cannot
   *     be read is left to ServiceLoader to report
   */
  static Unparsable read(URL file, List<String> names) {
    Unparsable problem = null;
    try (InputStream in = file.openStream();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      int number = 0;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        number++;
        int hash = line.indexOf('#');
        String name = (hash >= 0 ? line.substring(0, hash) : line).strip();
        if (number == 1 && name.startsWith(String.valueOf(BYTE_ORDER_MARK))) {
          problem = new Unparsable("starts with a byte-order mark (\\uFEFF)", "save it as UTF-8 without a BOM");
          name = name.substring(1).strip();
        }
        int bad = firstIllegal(name);
        if (bad >= 0) {
          // a class written as its file's path (org/acme/XProvider) is mended by dots, not by removing the slashes
          boolean path = name.charAt(bad) == '/' || name.charAt(bad) == '\\';
          problem = problem != null ? problem : new Unparsable("holds the character " + escaped(name.charAt(bad))
              + " on line " + number + ", which no class name has", path ? "write the class's name with dots ("
              + name.replaceFirst("\\.class$", "").replace('/', '.').replace('\\', '.').replaceAll("^\\.+|\\.+$", "")
              + ")" : "remove it");
          name = name.replace('/', '.').replace('\\', '.').replaceAll("^\\.+|\\.+$", "");
          name = name.codePoints().filter(c -> c == '.' || Character.isJavaIdentifierPart(c)
              && !Character.isIdentifierIgnorable(c))
              .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        }
        if (!name.isEmpty()) {
          names.add(name);
        }
      }
    } catch (IOException e) {
      return null; // ServiceLoader reports a services file it cannot read
    }
    return problem;
  }

  /**
   * Where the first character is that ServiceLoader refuses in a class name, or -1: as its parser, a name starts
   * with a character that can start a Java identifier, and goes on with identifier characters and dots.
   */
  private static int firstIllegal(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean legal = i == 0 ? Character.isJavaIdentifierStart(c) : c == '.' || Character.isJavaIdentifierPart(c);
      if (!legal) {
        return i;
      }
    }
    return -1;
  }

  private static String escaped(char c) {
    // a printable one as itself ('/'), another by its code, which a terminal cannot hide
    return c > ' ' && c < 0x7f ? "'" + c + "'" : String.format("\\u%04X", (int) c);
  }
}
