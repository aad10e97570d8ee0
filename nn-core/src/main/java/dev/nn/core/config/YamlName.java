package dev.nn.core.config;

/** An enum constant with the word an experiment writes for it, e.g. {@code val-loss}. */
interface YamlName {

  /** The word written in YAML. Never {@code null}. */
  String yamlName();
}
