package dev.nn.cli;

import dev.nn.core.plugin.PluginDescriptor;
import dev.nn.core.plugin.PluginRegistry;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code nn plugins}: every plugin found, and the providers that failed to load. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
    header = "Lists the plugins found and those that failed to load.",
    description = "Lists every plugin nn can use (built-in and from the plugin path): kind, name, version,"
        + " provider class and the jar it came from; then any provider that failed to load.",
    footer = "%nExit codes: 0 listed (even when some providers failed to load), 2 a plugin path entry is missing"
        + " or two plugins share a name.")
final class PluginsCommand implements Callable<Integer> {
  private static final List<String> HEADER = List.of("KIND", "NAME", "VERSION", "CLASS", "ORIGIN");

  private final NnCommand root;

  PluginsCommand(NnCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    PluginRegistry registry = root.nn().plugins();
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    for (PluginDescriptor d : registry.all()) {
      rows.add(List.of(d.kind().label(), d.name(), d.version(), d.className(), d.origin()));
    }
    PrintStream out = root.out();
    out.print(table(rows));
    List<String> failures = registry.failures();
    if (!failures.isEmpty()) {
      out.println();
      out.println(failures.size() + (failures.size() == 1 ? " provider" : " providers") + " failed to load:");
      for (String f : failures) {
        out.println("  " + f);
      }
    }
    return Main.OK;
  }

  /** Left-aligned columns two spaces apart; the last column is not padded. */
  static String table(List<List<String>> rows) {
    int cols = rows.get(0).size();
    int[] width = new int[cols];
    for (List<String> row : rows) {
      for (int c = 0; c < cols; c++) {
        width[c] = Math.max(width[c], row.get(c).length());
      }
    }
    StringBuilder s = new StringBuilder();
    for (List<String> row : rows) {
      for (int c = 0; c < cols; c++) {
        String cell = row.get(c);
        s.append(cell);
        if (c < cols - 1) {
          s.append(" ".repeat(width[c] - cell.length() + 2));
        }
      }
      s.append('\n');
    }
    return s.toString();
  }
}
