package dev.nn.core.config;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nn.core.testing.FakePlugins;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

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

  /** {@code yaml} read by {@link #reader()} as {@code test.yaml} in /exp/dir, with {@code overrides}. */
  static Experiment read(String yaml, String... overrides) {
    return reader().read(yaml, "test.yaml", Path.of("/exp/dir"), List.of(overrides));
  }

  /** The problems of reading {@code yaml} as {@link #read} does, which must fail. */
  static List<ConfigProblem> problems(String yaml, String... overrides) {
    return assertThrows(ConfigException.class, () -> read(yaml, overrides)).problems();
  }
}
