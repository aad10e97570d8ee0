package dev.nn.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A read-only view of one plugin's settings: the YAML mapping {@code {name: huber, delta: 1.0}} without
 * its {@code name}. Typed getters validate and throw a {@link ConfigException} that names the setting,
 * the plugin, what was found and what is allowed. The view records which keys were read, so that the
 * core can report keys that no plugin understood ({@link #unreadKeys()}).
 *
 * <p>Numbers may be written as YAML numbers or as strings that parse as numbers ({@code 1e-3}, which
 * YAML 1.1 reads as a string).
 */
public final class Settings {
  /** A decimal number, optionally signed, with an exponent: 3, -0.5, .5, 1e-3, 2.5E+4 (underscores removed first). */
  private static final java.util.regex.Pattern DECIMAL =
      java.util.regex.Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

  private final String plugin;
  private final Map<String, Object> values;
  private final Set<String> read = Collections.synchronizedSet(new LinkedHashSet<>());

  private Settings(String plugin, Map<String, ?> values) {
    this.plugin = plugin;
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /**
   * Settings for a plugin.
   *
   * @param plugin what to call the plugin in messages, e.g. {@code loss "huber"}
   * @param values setting name to value (Number, String or Boolean). Not modified.
   */
  public static Settings of(String plugin, Map<String, ?> values) {
    return new Settings(plugin, values);
  }

  /** No settings at all. */
  public static Settings empty(String plugin) {
    return new Settings(plugin, Map.of());
  }

  /**
   * These settings without {@code keys}, whose getters then return their defaults: how the core, after a getter
   * refused a value, creates the plugin again to find every other value it refuses, so that one run reports
   * them all.
   */
  public Settings without(java.util.Collection<String> keys) {
    Map<String, Object> kept = new LinkedHashMap<>(values);
    kept.keySet().removeAll(keys);
    return new Settings(plugin, kept);
  }

  /** What messages call the plugin, e.g. {@code loss "huber"}. */
  public String plugin() {
    return plugin;
  }

  /** Every key given, in order. */
  public Set<String> keys() {
    return values.keySet();
  }

  /** Whether {@code key} was given. */
  public boolean has(String key) {
    return values.containsKey(key);
  }

  /** The given keys that no getter has read, in order. */
  public List<String> unreadKeys() {
    List<String> unread = new ArrayList<>();
    for (String k : values.keySet()) {
      if (!read.contains(k)) {
        unread.add(k);
      }
    }
    return unread;
  }

  /**
   * Every key a getter asked for, given or not, in the order asked: the settings the plugin knows, which
   * the core offers as suggestions for a misspelt key.
   */
  public List<String> requestedKeys() {
    synchronized (read) {
      return List.copyOf(read);
    }
  }

  /** A number in {@code allowed}, or {@code defaultValue} when absent. */
  public double number(String key, double defaultValue, Range allowed) {
    read.add(key);
    Object v = values.get(key);
    if (v == null) {
      return defaultValue;
    }
    double d = toDouble(key, v, allowed.describe());
    if (!Double.isFinite(d)) {
      // .inf is > 0, and still refused: say what is wanted, not a bound the value meets
      String finite = finite("a finite number", allowed);
      throw problem(key, "must be " + finite + ", found " + v, finite);
    }
    if (!allowed.contains(d)) {
      throw problem(key, "must be " + allowed.describe() + ", found " + v, allowed.describe());
    }
    return d;
  }

  /** An integer in {@code allowed}, or {@code defaultValue} when absent. */
  public int integer(String key, int defaultValue, Range allowed) {
    read.add(key);
    Object v = values.get(key);
    if (v == null) {
      return defaultValue;
    }
    String want = "an integer " + allowed.describe();
    double d = toDouble(key, v, want);
    if (!Double.isFinite(d)) {
      String finite = finite("a finite integer", allowed);
      throw problem(key, "must be " + finite + ", found " + v, finite);
    }
    if (d != Math.rint(d)) {
      throw problem(key, "must be an integer, found " + v, want);
    }
    if (Math.abs(d) > Integer.MAX_VALUE) {
      // the allowed text states both bounds, so that it never admits the value refused
      long lo = (long) Math.max(allowed.minInclusive() ? Math.ceil(allowed.min()) : Math.floor(allowed.min()) + 1,
          Integer.MIN_VALUE);
      long hi = (long) Math.min(allowed.maxInclusive() ? Math.floor(allowed.max()) : Math.ceil(allowed.max()) - 1,
          Integer.MAX_VALUE);
      throw problem(key, "must be " + (d > 0 ? "<= " + hi : ">= " + lo) + ", found " + v,
          "an integer from " + lo + " to " + hi);
    }
    if (!allowed.contains(d)) {
      throw problem(key, "must be " + allowed.describe() + ", found " + v, want);
    }
    return (int) d;
  }

  /** One of {@code allowed} (exact, case-sensitive), or {@code defaultValue} when absent. */
  public String choice(String key, String defaultValue, String... allowed) {
    read.add(key);
    Object v = values.get(key);
    if (v == null) {
      return defaultValue;
    }
    String s = String.valueOf(v);
    for (String a : allowed) {
      if (a.equals(s)) {
        return a;
      }
    }
    throw problem(key, "has unknown value \"" + s + "\"", String.join(", ", allowed));
  }

  /** A boolean, or {@code defaultValue} when absent. */
  public boolean flag(String key, boolean defaultValue) {
    read.add(key);
    Object v = values.get(key);
    if (v == null) {
      return defaultValue;
    }
    if (v instanceof Boolean) {
      return (Boolean) v;
    }
    throw problem(key, "must be true or false, found " + describe(v), "true, false");
  }

  /** "a finite number > 0"; "a finite number" alone for {@link Range#any()}, which says "any finite number". */
  private static String finite(String what, Range allowed) {
    return allowed.equals(Range.any()) ? what : what + " " + allowed.describe();
  }

  private double toDouble(String key, Object v, String allowed) {
    if (v instanceof Number) {
      return ((Number) v).doubleValue();
    }
    if (v instanceof String) {
      // a decimal number as the experiment's own keys read one from a string (YAML 1.1 reads 1e-3 so): not Java's
      // wider syntax, which would take a typo such as "2d", "0.5f" or a hexadecimal float as a number
      String t = ((String) v).trim().replace("_", "");
      if (DECIMAL.matcher(t).matches()) {
        return Double.parseDouble(t);
      }
    }
    throw problem(key, "must be a number, found " + describe(v), allowed);
  }

  private static String describe(Object v) {
    return v instanceof String ? "\"" + v + "\"" : String.valueOf(v);
  }

  private ConfigException problem(String key, String message, String allowed) {
    return new ConfigException(
        ConfigProblem.of(ProblemId.INVALID_SETTING, key, "setting \"" + key + "\" of " + plugin + " " + message, allowed));
  }

  @Override
  public String toString() {
    return plugin + " " + values;
  }
}
