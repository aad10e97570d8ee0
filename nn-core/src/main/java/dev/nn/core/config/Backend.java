package dev.nn.core.config;

/** Which implementation of the matrix kernels a run uses. */
public enum Backend implements YamlName {
  /** The BLAS-class kernels when they load on this machine, otherwise the pure-Java ones. */
  AUTO("auto"),
  /** The pure-Java kernels, which need nothing installed. */
  JAVA("java"),
  /** The BLAS-class kernels; a run fails when they cannot load. */
  BLAS("blas");

  private final String yamlName;

  Backend(String yamlName) {
    this.yamlName = yamlName;
  }

  @Override
  public String yamlName() {
    return yamlName;
  }
}
