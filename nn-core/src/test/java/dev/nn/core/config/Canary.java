package dev.nn.core.config;

/** A class a hostile YAML tag could name; it counts its instances so a test can prove none was made. */
public final class Canary {
  static int created;

  /** Counts one instance. */
  public Canary() {
    created++;
  }
}
