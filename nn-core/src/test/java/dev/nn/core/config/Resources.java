package dev.nn.core.config;

import dev.nn.core.testing.FakePlugins;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Test files under {@code src/test/resources/config}. */
final class Resources {
  private Resources() {}

  static Path path(String name) {
    try {
      return Path.of(Resources.class.getResource("/config/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("no test resource config/" + name, e);
    }
  }

  /** A reader with the fake plugins, the working directory /work/here and 2 processors. */
  static ExperimentReader reader() {
    return new ExperimentReader(FakePlugins.lookup(), Path.of("/work/here"), 2);
  }
}
