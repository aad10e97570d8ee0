package dev.nn.spark;

import dev.nn.core.testing.PluginJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The plugin example (examples/plugin-example: the activation acme-swish and the loss acme-pseudo-huber) compiled
 * into a jar as its own build would make it: a third-party plugin jar, for runs that name it on the plugin path.
 */
final class PluginExampleJar {
  static final Path EXAMPLE = Path.of("../examples/plugin-example").toAbsolutePath().normalize();

  private PluginExampleJar() {}

  /** The jar, built in {@code dir}. */
  static Path build(Path dir) throws IOException {
    Path java = EXAMPLE.resolve("src/main/java");
    Map<String, String> sources = new TreeMap<>();
    try (Stream<Path> files = Files.walk(java)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String name = java.relativize(f).toString().replace('/', '.');
        sources.put(name.substring(0, name.length() - ".java".length()), Files.readString(f));
      }
    }
    Map<String, String> services = new TreeMap<>();
    try (Stream<Path> files = Files.list(EXAMPLE.resolve("src/main/resources/META-INF/services"))) {
      for (Path f : files.toList()) {
        services.put(f.getFileName().toString(), Files.readString(f));
      }
    }
    return PluginJars.build(dir, "acme-nn-plugins", sources, services);
  }
}
