package dev.nn.core.config;

/** The two kinds of parameter block a layer l has. */
public enum ParamKind implements YamlName {
  /** The weights W(l), n(l−1)×n(l); w(l)ij joins node i of layer l−1 to node j of layer l. */
  W("W"),
  /** The biases b(l), one per node j of layer l. */
  B("b");

  private final String yamlName;

  ParamKind(String yamlName) {
    this.yamlName = yamlName;
  }

  @Override
  public String yamlName() {
    return yamlName;
  }
}
