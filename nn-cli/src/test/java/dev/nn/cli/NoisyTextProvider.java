package dev.nn.cli;

import dev.nn.api.Activation;
import dev.nn.spi.ActivationProvider;
import dev.nn.spi.Range;
import dev.nn.spi.Settings;

/**
 * An activation whose summary and settings help hold terminal escapes and a line break, as a careless or hostile
 * plugin's might; listed only by the jars the tests build, so that the other tests never see it.
 */
public final class NoisyTextProvider implements ActivationProvider {
  /** Creates the provider; ServiceLoader calls this. */
  public NoisyTextProvider() {}

  @Override
  public String name() {
    return "noisy-text";
  }

  @Override
  public String summary() {
    return "red \u001b[31mtext\nsecond line";
  }

  @Override
  public String settingsHelp() {
    return "gain: number, default 1\u0007";
  }

  @Override
  public Activation create(Settings settings) {
    double gain = settings.number("gain", 1, Range.any());
    return new Activation() {
      @Override
      public double phi(double z) {
        return gain * z;
      }

      @Override
      public double phiPrime(double z, double x) {
        return gain;
      }
    };
  }
}
