package dev.nn.core.data;

import dev.nn.core.text.Excerpt;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A number as a spreadsheet or another locale writes it, which nn does not read: digits grouped by a space, a
 * no-break space, periods or commas, a decimal comma, a currency sign before or after it, a percent sign, a typeset
 * minus ("1 234,5", "12,5 %", "1.234.567", "1.234,56 €", "$1,234.50", "1&nbsp;234"). It names each mark that is not
 * read and how to write the number: one sentence for a value that has several of them, where the hints for a single
 * mark said nothing.
 */
final class LocaleNumber {
  private static final Pattern SPACE_GROUPED = Pattern.compile("[-+]?\\d{1,3}( \\d{3})+([,.]\\d+)?");
  private static final Pattern PERIOD_GROUPED = Pattern.compile("[-+]?\\d{1,3}(\\.\\d{3}){2,}(,\\d+)?"
      + "|[-+]?\\d{1,3}(\\.\\d{3})+,\\d+");
  private static final Pattern COMMA_GROUPED = Pattern.compile("[-+]?\\d{1,3}(,\\d{3})+(\\.\\d+)?");
  private static final Pattern DECIMAL_COMMA = Pattern.compile("[-+]?\\d*,\\d+");
  private static final Pattern PLAIN = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)");
  private static final Pattern NO_BREAK_SPACES = Pattern.compile("[\\u00A0\\u2007\\u202F]");
  private static final String CURRENCIES = "$€£¥";

  private LocaleNumber() {}

  /**
   * "; a decimal comma and a percent sign are not read: write 12.5 (or the fraction)" for {@code "12,5 %"}, or empty
   * when {@code value} is not a number in such a form.
   */
  static String hint(String value) {
    String v = NO_BREAK_SPACES.matcher(value).replaceAll(" ").strip();
    boolean noBreak = !v.equals(value.strip());
    boolean typesetMinus = v.startsWith("\u2212");
    if (typesetMinus) {
      v = "-" + v.substring(1);
    }
    boolean currency = false;
    if (v.length() > 1 && CURRENCIES.indexOf(v.charAt(v.length() - 1)) >= 0) {
      // "12 €", "1.234,56 €": the sign after the number, as much of Europe writes it
      currency = true;
      v = v.substring(0, v.length() - 1).strip();
    } else if (v.length() > 1 && CURRENCIES.indexOf(v.charAt(0)) >= 0) {
      currency = true;
      v = v.substring(1).strip();
    }
    boolean percent = v.length() > 1 && v.endsWith("%");
    if (percent) {
      v = v.substring(0, v.length() - 1).strip();
    }
    List<String> marks = new ArrayList<>();
    String number;
    if (SPACE_GROUPED.matcher(v).matches()) {
      marks.add((noBreak ? "a no-break space" : "a space") + " between digits (a thousands separator)");
      number = v.replace(" ", "");
    } else if (PERIOD_GROUPED.matcher(v).matches()) {
      marks.add("periods between groups of digits (thousands separators)");
      number = v.replace(".", "");
    } else if (COMMA_GROUPED.matcher(v).matches() && (currency || percent || typesetMinus)) {
      // alone, "12,000" may be thousands or a decimal comma, which the plain hint asks about
      marks.add("commas between groups of digits (thousands separators)");
      number = v.replace(",", "");
    } else if (DECIMAL_COMMA.matcher(v).matches() || PLAIN.matcher(v).matches()) {
      number = v;
    } else {
      return "";
    }
    if (number.indexOf(',') >= 0) {
      marks.add("a decimal comma");
      number = number.replace(',', '.');
    }
    if (currency) {
      marks.add("a currency sign");
    }
    if (percent) {
      marks.add("a percent sign");
    }
    if (typesetMinus) {
      marks.add("a minus sign U+2212 (not the ASCII hyphen-minus)");
    }
    if (marks.isEmpty()) {
      return "";
    }
    String named = marks.size() == 1 ? marks.get(0)
        : String.join(", ", marks.subList(0, marks.size() - 1)) + " and " + marks.get(marks.size() - 1);
    boolean plural = marks.size() > 1 || named.startsWith("periods") || named.startsWith("commas");
    return "; " + named + (plural ? " are" : " is") + " not read: write " + Excerpt.of(number)
        + (percent ? " (or the fraction)" : "");
  }
}
