package dev.nn.core.data;

import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * CSV text with the spaces around a quoted field left out: {@code 1.5, "setosa" ,2} reads as
 * {@code 1.5,"setosa",2}. RFC 4180 has a quote only as a field's first character and nothing after its closing
 * one, so the parser read {@code  "setosa"} as text with its quotes (numbers were refused as {@code " "3.5""},
 * class labels trained with them, a separator inside split the field) and refused {@code "5.1" ,} as text after a
 * closing quote; but spaces around a value are ignored everywhere else, and people and some programs write them.
 * Anything else after a closing quote ({@code "3"x}) is passed on for the parser to refuse. A tab is a space here
 * unless it is the separator.
 *
 * <p>Quotes are followed as the parser follows them once the spaces are gone: a quote opens a quoted field only as
 * the field's first character after spaces (a quote inside {@code 5"} is text), and a doubled quote inside one is a
 * quote.
 */
final class SpacesAroundQuotes extends Reader {
  private final Reader in;
  private final char separator;
  private final char[] source = new char[8192];
  private int position;
  private int end;
  private boolean finished;
  /** Spaces at a field's start or after its closing quote: left out before a quote, or a separator after one. */
  private char[] held = new char[16];
  private int heldCount;
  private int heldPassed;
  /** Whether the held spaces are to be passed on before the next character (they turned out to be the value's). */
  private boolean passing;
  private boolean inQuotes;
  private boolean afterClose;
  private boolean fieldStart = true;

  SpacesAroundQuotes(Reader in, char separator) {
    this.in = in;
    this.separator = separator;
  }

  @Override
  public int read(char[] out, int offset, int length) throws IOException {
    int o = offset;
    int stop = offset + length;
    while (o < stop) {
      if (passing) {
        out[o++] = held[heldPassed++];
        if (heldPassed == heldCount) {
          heldCount = 0;
          heldPassed = 0;
          passing = false;
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
          // spaces after the file's last closing quote, or a last field of spaces: left out, as before a line end
          heldCount = 0;
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
      boolean space = c == ' ' || c == '\t' && separator != '\t';
      if (space && (afterClose || fieldStart)) {
        position++;
        if (heldCount == held.length) {
          held = Arrays.copyOf(held, held.length * 2);
        }
        held[heldCount++] = c;
        continue;
      }
      boolean ends = c == separator || c == '\n' || c == '\r';
      if (afterClose) {
        afterClose = false;
        if (c == '"' && heldCount == 0) {
          // a doubled quote inside a quoted field
          position++;
          out[o++] = c;
          inQuotes = true;
          continue;
        }
        if (ends) {
          heldCount = 0;
        } else if (heldCount > 0) {
          // text after the spaces: they are passed on first, and the parser refuses what follows the quote
          passing = true;
          continue;
        }
      } else if (fieldStart && heldCount > 0) {
        if (c == '"') {
          // the field is quoted: the spaces before its quote are not part of it
          heldCount = 0;
        } else {
          // a value that starts with spaces, or a field of spaces: kept as written
          passing = true;
          fieldStart = false;
          continue;
        }
      }
      position++;
      out[o++] = c;
      if (ends) {
        fieldStart = true;
      } else if (c == '"' && fieldStart) {
        inQuotes = true;
        fieldStart = false;
      } else {
        fieldStart = false;
      }
    }
    return o == offset && finished ? -1 : o - offset;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
