package dev.nn.core.config;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/** The numbers a YAML scalar stands for, as YAML 1.1 resolves them, plus decimal strings. */
final class Scalars {
  private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d[\\d_]*\\.?[\\d_]*|\\.\\d[\\d_]*)([eE][-+]?\\d+)?");
  private static final Pattern INTEGER = Pattern.compile("[-+]?\\d[\\d_]*");

  private Scalars() {}

  /**
   * Whether {@code s} is an unquoted integer with a leading zero, such as {@code 010}: YAML 1.1 reads it as octal
   * (8), YAML 1.2 as decimal (10), and a person who pads a number with zeros seldom means octal.
   */
  static boolean isZeroPadded(ScalarNode s) {
    if (!Tag.INT.equals(s.getTag())) {
      return false;
    }
    String t = s.getValue().trim().replace("_", "");
    if (t.startsWith("-") || t.startsWith("+")) {
      t = t.substring(1);
    }
    return t.length() > 1 && t.charAt(0) == '0' && t.chars().allMatch(Character::isDigit);
  }

  /** The value of an {@code !!int} scalar or a quoted string of digits; {@code null} for anything else. */
  static BigInteger parseInteger(ScalarNode s) {
    String text = s.getValue().trim();
    boolean intTag = Tag.INT.equals(s.getTag());
    if (!intTag && !(Tag.STR.equals(s.getTag()) && INTEGER.matcher(text).matches())) {
      return null;
    }
    String t = text.replace("_", "");
    boolean negative = t.startsWith("-");
    if (t.startsWith("-") || t.startsWith("+")) {
      t = t.substring(1);
    }
    BigInteger v;
    try {
      if (t.startsWith("0x")) {
        v = new BigInteger(t.substring(2), 16);
      } else if (t.startsWith("0b")) {
        v = new BigInteger(t.substring(2), 2);
      } else if (t.length() > 1 && t.startsWith("0") && intTag) {
        v = new BigInteger(t.substring(1), 8);
      } else {
        v = new BigInteger(t);
      }
    } catch (NumberFormatException e) {
      return null; // sexagesimal 1:30 and other YAML 1.1 oddities are not numbers here
    }
    return negative ? v.negate() : v;
  }

  /** The value of an {@code !!int} or {@code !!float} scalar or of a decimal string; else {@code null}. */
  static Double parseNumber(ScalarNode s) {
    if (Tag.INT.equals(s.getTag())) {
      BigInteger v = parseInteger(s);
      return v == null ? null : v.doubleValue();
    }
    String t = s.getValue().trim().replace("_", "");
    if (Tag.FLOAT.equals(s.getTag())) {
      String lower = t.toLowerCase(Locale.ROOT);
      if (lower.endsWith(".inf")) {
        return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      }
      if (lower.equals(".nan")) {
        return Double.NaN;
      }
    } else if (!Tag.STR.equals(s.getTag()) || !DECIMAL.matcher(t).matches()) {
      return null;
    }
    try {
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
