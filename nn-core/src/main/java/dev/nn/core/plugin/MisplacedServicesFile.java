package dev.nn.core.plugin;

import dev.nn.core.text.ControlCharacters;
import dev.nn.core.text.Suggestions;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * A services file of nn's in a folder where ServiceLoader does not look: {@code META-INF/service/} (singular),
 * {@code meta-inf/services/} (a class loader's lookup is case-sensitive), {@code services/}, or a source tree's
 * {@code src/main/resources/META-INF/services/} packed from the wrong root. The jar would add no plugin without a
 * word, and be named only later as providing none, as a jar without any services file is.
 */
final class MisplacedServicesFile {
  /** Where ServiceLoader reads a provider interface's services file. */
  static final String FOLDER = "META-INF/services/";

  private MisplacedServicesFile() {}

  /**
   * Why each such file among a jar's {@code entries} would be passed over, and where it goes, each told after "has"
   * ("the service file … in the folder …, where ServiceLoader does not look, …"); none when the jar holds each at the
   * right place too (a copy elsewhere is then only a spare).
   *
   * @param services the names of the services files nn reads: dev.nn.spi.ActivationProvider, …
   */
  static List<String> in(Collection<String> entries, List<String> services) {
    Set<String> all = Set.copyOf(entries);
    List<String> misplaced = new java.util.ArrayList<>();
    for (String entry : entries) {
      int slash = entry.lastIndexOf('/');
      String folder = entry.substring(0, slash + 1);
      String file = entry.substring(slash + 1);
      if (folder.equals(FOLDER) || file.isEmpty() || all.contains(FOLDER + file) || !meantForNn(folder, file,
          services)) {
        continue;
      }
      misplaced.add("the service file " + ControlCharacters.escape(entry) + " in "
          + (folder.isEmpty() ? "the jar's root" : "the folder " + ControlCharacters.escape(folder))
          + ", where ServiceLoader does not look, so its providers would not be found; move it to "
          + (services.contains(file) ? FOLDER + ControlCharacters.escape(file)
              : FOLDER + " and name it after the provider interface, one of " + String.join(", ", services))
          + " (spelt exactly so, in that case)");
    }
    return misplaced;
  }

  /**
   * Whether a file is a services file meant for nn: named after one of nn's provider interfaces wherever it is, or
   * after another name of nn's in a folder spelt nearly as META-INF/services/ is.
   */
  private static boolean meantForNn(String folder, String file, List<String> services) {
    if (services.contains(file)) {
      return true;
    }
    return file.startsWith("dev.nn.") && !file.endsWith(".class")
        && !Suggestions.closest(folder, List.of(FOLDER)).isEmpty();
  }
}
