package dev.nn.core.config;

import java.util.List;
import java.util.Locale;

/**
 * The stable ids of configuration problems. Each is documented in {@code docs/errors.md} under the
 * anchor {@link #anchor(String)} returns.
 */
public final class ProblemId {
  /** A key the schema does not know, or a setting no plugin read. */
  public static final String UNKNOWN_KEY = "nn/UnknownKey";
  /** A required key that is absent or has no value. */
  public static final String MISSING_KEY = "nn/MissingKey";
  /** A value of the wrong type: a list where a number belongs, a word where an integer belongs. */
  public static final String WRONG_TYPE = "nn/WrongType";
  /** A number outside its range, or a word that is not one of the allowed choices. */
  public static final String OUT_OF_RANGE = "nn/OutOfRange";
  /** A plugin name that no installed plugin of that kind has. */
  public static final String UNKNOWN_PLUGIN = "nn/UnknownPlugin";
  /** A plugin rejected one of its settings. */
  public static final String INVALID_SETTING = "nn/InvalidSetting";
  /** A key written twice in one mapping. */
  public static final String DUPLICATE_KEY = "nn/DuplicateKey";
  /** A YAML tag other than the standard ones, e.g. one naming a Java class. */
  public static final String FORBIDDEN_TAG = "nn/ForbiddenTag";
  /** Text that is not valid YAML. */
  public static final String YAML_SYNTAX = "nn/YamlSyntax";
  /** A {@code --set} override that cannot be applied. */
  public static final String BAD_OVERRIDE = "nn/BadOverride";
  /** A tie that does not fit the network. */
  public static final String BAD_TIE = "nn/BadTie";
  /** A document too large, too deep or with too many aliases. */
  public static final String TOO_LARGE = "nn/TooLarge";

  /** Every id, in the order of {@code docs/errors.md}. */
  public static final List<String> ALL =
      List.of(
          UNKNOWN_KEY,
          MISSING_KEY,
          WRONG_TYPE,
          OUT_OF_RANGE,
          UNKNOWN_PLUGIN,
          INVALID_SETTING,
          DUPLICATE_KEY,
          FORBIDDEN_TAG,
          YAML_SYNTAX,
          BAD_OVERRIDE,
          BAD_TIE,
          TOO_LARGE);

  private ProblemId() {}

  /** The anchor of an id in {@code docs/errors.md}: {@code nn/UnknownKey} → {@code unknown-key}. */
  public static String anchor(String id) {
    String word = id.startsWith("nn/") ? id.substring(3) : id;
    return word.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }
}
