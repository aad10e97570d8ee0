package dev.nn.core.config;

/** What a CSV file's target column holds. */
public enum Task implements YamlName {
  /** Real-valued targets. */
  REGRESSION("regression"),
  /** Class labels, one-hot encoded for training. */
  CLASSIFICATION("classification");

  private final String yamlName;

  Task(String yamlName) {
    this.yamlName = yamlName;
  }

  @Override
  public String yamlName() {
    return yamlName;
  }
}
