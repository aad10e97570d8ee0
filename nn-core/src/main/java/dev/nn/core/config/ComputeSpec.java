package dev.nn.core.config;

import java.util.Objects;

/**
 * The {@code compute} section. Results do not depend on the thread count; they may differ between
 * backends.
 *
 * @param backend which kernels to use
 * @param threads worker threads, {@code >= 1}
 */
public record ComputeSpec(Backend backend, int threads) {

  /** Checks for {@code null}. */
  public ComputeSpec {
    Objects.requireNonNull(backend, "backend");
  }
}
