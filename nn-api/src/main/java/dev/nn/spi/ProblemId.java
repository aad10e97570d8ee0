package dev.nn.spi;

import java.util.Locale;

/**
 * The stable id of every kind of configuration problem nn reports, each explained in
 * {@code docs/errors.md} under its {@link #anchor() anchor}.
 *
 * <p>It lives in the API, beside {@link ConfigProblem}, because plugins report problems too (a plugin
 * that rejects its settings uses {@link #INVALID_SETTING}), and because one closed list is what lets a
 * test prove that every id a user can meet is documented: an id written as free text could drift from
 * its page. The printed form, e.g. {@code nn/UnknownKey}, is written out in full rather than derived
 * from the constant's name so that renaming a constant cannot change what users and scripts match on.
 */
public enum ProblemId {
  /** A key the schema does not know, or a setting no plugin read. */
  UNKNOWN_KEY("nn/UnknownKey"),
  /** A required key that is absent or has no value. */
  MISSING_KEY("nn/MissingKey"),
  /** A value of the wrong type: a list where a number belongs, a word where an integer belongs. */
  WRONG_TYPE("nn/WrongType"),
  /** A number outside its range, or a word that is not one of the allowed choices. */
  OUT_OF_RANGE("nn/OutOfRange"),
  /** A plugin name that no installed plugin of that kind has. */
  UNKNOWN_PLUGIN("nn/UnknownPlugin"),
  /** A plugin or a data generator rejected one of its settings. */
  INVALID_SETTING("nn/InvalidSetting"),
  /** A key written twice in one mapping. */
  DUPLICATE_KEY("nn/DuplicateKey"),
  /** A YAML tag other than the standard ones, e.g. one naming a Java class. */
  FORBIDDEN_TAG("nn/ForbiddenTag"),
  /** Text that is not valid YAML. */
  YAML_SYNTAX("nn/YamlSyntax"),
  /** A {@code --set} override that cannot be applied. */
  BAD_OVERRIDE("nn/BadOverride"),
  /** A tie that does not fit the network. */
  BAD_TIE("nn/BadTie"),
  /** A document too large, too deep or with too many aliases. */
  TOO_LARGE("nn/TooLarge"),
  /** A loss that computes its own output link paired with an output activation other than identity. */
  INCOMPATIBLE_LOSS("nn/IncompatibleLoss"),
  /** Layer widths, or the columns of a validation or test source, that disagree with the data. */
  SHAPE_MISMATCH("nn/ShapeMismatch"),
  /** Targets of a kind the loss cannot learn from, e.g. real-valued targets for a classification loss. */
  TARGET_MISMATCH("nn/TargetMismatch"),
  /** A data generator name that nn does not have. */
  UNKNOWN_GENERATOR("nn/UnknownGenerator"),
  /** A setting a data generator does not have. */
  UNKNOWN_SETTING("nn/UnknownSetting"),
  /** A {@code compute.backend} that cannot run on this machine. */
  BACKEND_UNAVAILABLE("nn/BackendUnavailable"),
  /** Two plugins of one kind with the same name. */
  DUPLICATE_PLUGIN("nn/DuplicatePlugin"),
  /** A plugin jar that carries its own copy of nn-api. */
  BUNDLED_API("nn/BundledApi");

  private static final String PAGE = "docs/errors.md";

  private final String code;

  ProblemId(String code) {
    this.code = code;
  }

  /** What reports print in brackets, e.g. {@code nn/UnknownKey}. */
  public String code() {
    return code;
  }

  /** The anchor of this id's section in {@code docs/errors.md}: {@code nn/UnknownKey} → {@code unknown-key}. */
  public String anchor() {
    return code.substring(code.indexOf('/') + 1).replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  /** Where this id is explained, relative to the repository: {@code docs/errors.md#unknown-key}. */
  public String docs() {
    return PAGE + "#" + anchor();
  }

  /** The {@link #code()}, so that messages built by concatenation print what reports print. */
  @Override
  public String toString() {
    return code;
  }
}
