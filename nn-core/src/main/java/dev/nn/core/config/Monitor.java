package dev.nn.core.config;

/** The validation metric early stopping watches. */
public enum Monitor implements YamlName {
  /** The mean loss on the validation data; lower is better. */
  VAL_LOSS("val-loss"),
  /** The fraction of validation samples classified correctly; higher is better. */
  VAL_ACCURACY("val-accuracy");

  private final String yamlName;

  Monitor(String yamlName) {
    this.yamlName = yamlName;
  }

  @Override
  public String yamlName() {
    return yamlName;
  }
}
