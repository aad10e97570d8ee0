package dev.nn.core.config;

/** What a data source's targets are. */
public enum Task implements YamlName {
  /** Real-valued targets. */
  REGRESSION("regression"),
  /** Class labels, one-hot encoded for training. */
  CLASSIFICATION("classification"),
  /**
   * The inputs themselves (after standardisation, when asked): an autoencoder learns to reconstruct its
   * input, and the source's own target column or labels are not used.
   */
  RECONSTRUCTION("reconstruction");

  private final String yamlName;

  Task(String yamlName) {
    this.yamlName = yamlName;
  }

  @Override
  public String yamlName() {
    return yamlName;
  }
}
