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
    PrintStream out = root.out();
    // (its note of what a wider terminal shows folded as any line)
    out.print(root.fitted(table(registry.all(), root.terminal() ? root.terminalColumns() : Integer.MAX_VALUE)));
    if (verbose) {
      // each line folded between words on a narrow terminal: a summary ran past the width, cut inside its words
      out.print(root.fitted(details(registry.all())));
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
   * The table, in the first form that fits {@code columns}: whole; the origin by its file name alone; without the
   * provider class; without the origin either (then a line says where the rest is). A table of 167 columns took
   * three lines a plugin on an 80-column terminal.
   */
  static String table(List<PluginDescriptor> plugins, int columns) {
    String last = "";
    for (int form = 0; form < 5; form++) {
      List<List<String>> rows = new ArrayList<>();
      rows.add(form < 2 ? HEADER : form == 2 ? List.of("KIND", "NAME", "VERSION", "ORIGIN")
          : form == 3 ? List.of("KIND", "NAME", "VERSION") : List.of("PLUGIN", "VERSION"));
      for (PluginDescriptor d : plugins) {
        // the registry escapes what a plugin or its jar supplies: the table stays one line a plugin
        String origin = form == 0 ? d.origin() : fileName(d.origin());
        rows.add(form < 2 ? List.of(d.kind().label(), d.name(), d.version(), d.className(), origin)
            : form == 2 ? List.of(d.kind().label(), d.name(), d.version(), origin)
            : form == 3 ? List.of(d.kind().label(), d.name(), d.version())
            : List.of(d.kind().label() + " " + d.name(), d.version()));
      }
      // the last form (kind and name as one column, which its parts then repeat) tightened, and then in parts, for a
      // terminal narrower than even it: parts led by the kind alone left the versions unmatched to their plugins
      last = form < 4 ? TextTable.of(rows) : TextTable.of(rows, columns);
      if (last.lines().mapToInt(DisplayWidth::of).max().orElse(0) <= columns) {
        break;
      }
    }
    return last + (!last.lines().findFirst().orElse("").contains("CLASS")
        ? "(a wider terminal, or nn plugins | cat, shows each provider's class and jar)\n" : "");
  }

  /** The last part of a jar's path; an origin that is no path ("built-in") as it is. */
  private static String fileName(String origin) {
    int slash = Math.max(origin.lastIndexOf('/'), origin.lastIndexOf(java.io.File.separatorChar));
    return slash < 0 ? origin : origin.substring(slash + 1);
  }

  /**
   * For each plugin a heading line "activation softplus 0.1.0" and its summary, settings, provider class and origin
   * indented below it (the table leaves the last two out on a narrow terminal), each block after a blank line. The
   * registry has escaped the plugin's text, so each stays one line.
   */
  static String details(List<PluginDescriptor> plugins) {
    StringBuilder s = new StringBuilder();
    for (PluginDescriptor d : plugins) {
      s.append('\n').append(d.kind().label()).append(' ').append(d.name()).append(' ').append(d.version()).append('\n');
      s.append("  summary   ").append(d.summary().isBlank() ? "(none)" : d.summary()).append('\n');
      s.append("  settings  ").append(d.settingsHelp().isBlank() ? "(none)" : d.settingsHelp()).append('\n');
      s.append("  class     ").append(d.className()).append('\n');
      s.append("  origin    ").append(d.origin()).append('\n');
    }
    return s.toString();
  }
}
