package dev.nn.core.data;

import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * CSV text with the spaces between a closing quote and the separator (or the line's end) left out:
 * {@code "5.1" ,"3.5"} reads as {@code "5.1","3.5"}. RFC 4180 has nothing after a closing quote, and the parser
 * refuses it ("a quoted field has text after its closing quote"), but spaces around a value are ignored everywhere
 * else, and people and some programs write them. Anything else after a closing quote ({@code "3"x}) is passed on
 * for the parser to refuse. A tab is a space here unless it is the separator.
 *
 * <p>Quotes are followed as the parser follows them: a quote opens a quoted field only as the field's first
 * character after spaces (a quote inside {@code 5"} is text), and a doubled quote inside one is a quote.
 */
final class SpacesAfterQuotes extends Reader {
  private final Reader in;
  private final char separator;
  private final char[] source = new char[8192];
  private int position;
  private int end;
  private boolean finished;
  /** Spaces seen after a closing quote, passed on only if something other than a separator or a line end follows. */
  private char[] held = new char[16];
  private int heldCount;
  private int heldPassed;
  private boolean inQuotes;
  private boolean afterClose;
  private boolean fieldStart = true;

  SpacesAfterQuotes(Reader in, char separator) {
    this.in = in;
    this.separator = separator;
  }

  @Override
  public int read(char[] out, int offset, int length) throws IOException {
    int o = offset;
    int stop = offset + length;
    while (o < stop) {
      if (heldPassed < heldCount && !afterClose) {
        // held spaces that turned out to be followed by text: passed on before it
        out[o++] = held[heldPassed++];
        if (heldPassed == heldCount) {
          heldCount = 0;
          heldPassed = 0;
        }
        continue;
      }
      if (position == end) {
        if (finished || o > offset) {
          break;
        }
        int n = in.read(source, 0, source.length);
        if (n < 0) {
          finished = true;
          // spaces after the file's last closing quote: left out, as before a line end
          heldCount = 0;
          heldPassed = 0;
          break;
        }
        position = 0;
        end = n;
        continue;
      }
      char c = source[position];
      if (inQuotes) {
        position++;
        out[o++] = c;
        if (c == '"') {
          inQuotes = false;
          afterClose = true;
        }
        continue;
      }
      if (afterClose) {
        if (c == ' ' || c == '\t' && separator != '\t') {
          position++;
          if (heldCount == held.length) {
            held = Arrays.copyOf(held, held.length * 2);
          }
          held[heldCount++] = c;
          continue;
        }
        afterClose = false;
        if (c == '"' && heldCount == 0) {
          // a doubled quote inside a quoted field
          position++;
          out[o++] = c;
          inQuotes = true;
          continue;
        }
        if (c == separator || c == '\n' || c == '\r') {
          heldCount = 0;
          heldPassed = 0;
        } else if (heldCount > 0) {
          // text after the spaces: they are passed on first, and the parser refuses what follows the quote
          continue;
        }
      }
      position++;
      out[o++] = c;
      if (c == separator || c == '\n' || c == '\r') {
        fieldStart = true;
      } else if (c == '"' && fieldStart) {
        inQuotes = true;
        fieldStart = false;
      } else if (c != ' ' && c != '\t') {
        fieldStart = false;
      }
    }
    return o == offset && finished && heldPassed >= heldCount ? -1 : o - offset;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
