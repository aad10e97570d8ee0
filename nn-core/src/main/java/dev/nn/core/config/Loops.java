package dev.nn.core.config;

/** Which loops the Java kernels run ({@code compute.loops}). */
public enum Loops implements YamlName {
  /** The Vector API's loops when the JVM was started with its module (as the nn launcher does), else plain. */
  AUTO("auto"),
  /** The Vector API's loops; a run fails when the JVM does not have them. */
  VECTOR("vector"),
  /** Plain loops, which the JIT vectorises where it can. */
  SCALAR("scalar");

  private final String yamlName;

  Loops(String yamlName) {
    this.yamlName = yamlName;
  }

  @Override
  public String yamlName() {
    return yamlName;
  }
}
