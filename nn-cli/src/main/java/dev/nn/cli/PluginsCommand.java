package dev.nn.cli;

import dev.nn.core.plugin.PluginDescriptor;
import dev.nn.core.plugin.PluginRegistry;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nn plugins}: every plugin found, and the providers that failed to load. A broken provider never hides
 * the others: the working ones are listed, the broken ones reported after them. Text a plugin supplies
 * comes from the registry with its control characters escaped.
 */
@Command(name = "plugins", mixinStandardHelpOptions = true,
    header = "Lists the plugins found and those that failed to load.",
    description = "Lists every plugin nn can use (built-in and from the plugin path): kind, name, version,"
        + " provider class and the jar it came from; with --verbose, then each plugin's summary and the settings"
        + " it reads; then, on stderr, every provider that failed to load and why.",
    footer = "%nExit codes: 0 every plugin listed, 2 a provider failed to load (the others are listed), a plugin"
        + " path entry is missing or not a whole jar, or two jars provide the same plugin.")
final class PluginsCommand implements Callable<Integer> {
  private static final List<String> HEADER = List.of("KIND", "NAME", "VERSION", "CLASS", "ORIGIN");

  private final NnCommand root;

  @Option(names = {"-v", "--verbose"},
      description = "After the table, each plugin's summary and the settings it reads, as its author describes them.")
  boolean verbose;

  PluginsCommand(NnCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    PluginRegistry registry = root.nn(false).plugins();
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    for (PluginDescriptor d : registry.all()) {
      // the registry escapes what a plugin or its jar supplies: the table stays one line a plugin
      rows.add(List.of(d.kind().label(), d.name(), d.version(), d.className(), d.origin()));
    }
    PrintStream out = root.out();
    out.print(TextTable.of(rows));
    if (verbose) {
      out.print(details(registry.all()));
    }
    List<String> failures = registry.failures();
    if (failures.isEmpty()) {
      return Main.OK;
    }
    PrintStream err = root.err();
    err.println("nn: " + failures.size() + (failures.size() == 1 ? " plugin provider" : " plugin providers")
        + " failed to load; the plugins above work:");
    for (String f : failures) {
      err.println("  " + f);
    }
    return Main.BAD_INPUT;
  }


  /**
   * For each plugin a heading line "activation softplus 0.1.0" and its summary and settings indented below it,
   * each block after a blank line. The registry has escaped the plugin's text, so each stays one line.
   */
  static String details(List<PluginDescriptor> plugins) {
    StringBuilder s = new StringBuilder();
    for (PluginDescriptor d : plugins) {
      s.append('\n').append(d.kind().label()).append(' ').append(d.name()).append(' ').append(d.version()).append('\n');
      s.append("  summary   ").append(d.summary().isBlank() ? "(none)" : d.summary()).append('\n');
      s.append("  settings  ").append(d.settingsHelp().isBlank() ? "(none)" : d.settingsHelp()).append('\n');
    }
    return s.toString();
  }
}
