package dev.nn.spi;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The {@code Implementation-Version} of the jar a class was loaded from, read from that jar's own manifest.
 * Not from the class's {@link Package}: plugin jars share one class loader, which defines a package once, with
 * the manifest of the first jar a class of it came from, so two jars whose plugins share a package would both
 * show the version of whichever was read first.
 */
final class JarVersion {
  private JarVersion() {}

  /** The version, or {@code null} when the class's jar names none or the class came from no jar file. */
  static String of(Class<?> type) {
    Path jar = jarOf(type);
    if (jar == null) {
      // a folder of classes, or a class loader that says nothing of its files: only the package can tell
      Package p = type.getPackage();
      return p == null ? null : p.getImplementationVersion();
    }
    try (JarFile file = new JarFile(jar.toFile(), false)) {
      Manifest manifest = file.getManifest();
      return manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.IMPLEMENTATION_VERSION);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The jar file {@code type} was loaded from, or {@code null}. */
  private static Path jarOf(Class<?> type) {
    try {
      CodeSource source = type.getProtectionDomain().getCodeSource();
      URL location = source == null ? null : source.getLocation();
      if (location == null || !"file".equals(location.getProtocol())) {
        return null;
      }
      Path path = Path.of(location.toURI());
      return Files.isRegularFile(path) ? path : null;
    } catch (URISyntaxException | RuntimeException e) {
      return null;
    }
  }
}
