package dev.nn.core.config;

import java.util.Objects;

/**
 * Stops training when the monitored validation metric has not improved by more than
 * {@code minDelta} for {@code patience} epochs in a row.
 *
 * @param patience epochs without improvement before stopping, {@code >= 1}
 * @param monitor the validation metric
 * @param minDelta the smallest change that counts as an improvement, {@code >= 0}
 */
public record EarlyStopping(int patience, Monitor monitor, double minDelta) {

  /** Checks for {@code null}. */
  public EarlyStopping {
    Objects.requireNonNull(monitor, "monitor");
  }
}
