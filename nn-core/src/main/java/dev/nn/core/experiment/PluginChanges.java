package dev.nn.core.experiment;

import dev.nn.core.run.Provenance;
import dev.nn.core.run.RunDirectory;
import dev.nn.core.run.RunFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a resume does about plugins that are not the code the run started with. A third-party plugin whose
 * version or jar changed would train the remaining epochs with other arithmetic, and the run's provenance
 * would then name only the new jar: refused unless the user allows it, and then recorded under
 * {@code outcome: allowed-changed-plugins}. nn's own plugins change with nn itself, which a user upgrades on
 * purpose and which changes more than its plugins: said on stderr and recorded under
 * {@code outcome: changed-nn}, never refused.
 */
final class PluginChanges {
  /** The outcome key of an allowed change. */
  private static final String ALLOWED = "allowed-changed-plugins";

  /** What {@code checked}, a provenance {@link #check} returned, says of changed plugins a resume went on with; null for none. */
  static String allowedChanges(Provenance checked) {
    return checked.outcome().get(ALLOWED);
  }

  private final RunDirectory dir;
  private final boolean allowed;
  private final Consumer<String> notices;

  PluginChanges(RunDirectory dir, boolean allowed, Consumer<String> notices) {
    this.dir = dir;
    this.allowed = allowed;
    this.notices = notices;
  }

  /**
   * {@code current} with what changed recorded in its outcome.
   *
   * @throws RunFileException naming each changed third-party plugin, its versions and hashes, unless allowed
   */
  Provenance check(Provenance current) {
    List<Provenance.PluginChange> plugins = new ArrayList<>();
    List<Provenance.PluginChange> builtIns = new ArrayList<>();
    for (Provenance.PluginChange c : current.pluginsChangedSince(dir.provenanceFile())) {
      (c.builtIn() ? builtIns : plugins).add(c);
    }
    Provenance checked = withNnChange(current, describe(builtIns));
    if (plugins.isEmpty()) {
      return checked;
    }
    String which = String.join("; ", describe(plugins));
    String subject = plugins.size() == 1 ? "a plugin changed" : plugins.size() + " plugins changed";
    if (!allowed) {
      throw new RunFileException(dir.path(), subject + " since the run started: " + which + ". Resuming would"
          + " train the remaining epochs with other code; put the jar the run started with back on the plugin"
          + " path, or give --allow-changed-plugins to go on with the plugin as it is now");
    }
    notices.accept(subject + " since the run started, and --allow-changed-plugins lets it train on: " + which);
    return checked.withOutcome(Map.of(ALLOWED, which));
  }

  /**
   * The changes, those of one jar that changed alike told once: five plugins of a rebuilt jar named their jar and
   * its two hashes five times, in a line of 1,700 characters. "activation \"a\", loss \"b\" from /p/x.jar:
   * version 1.0.0, now 1.1.0; SHA-256 was …, now …".
   */
  static List<String> describe(List<Provenance.PluginChange> changes) {
    Map<String, List<String>> byJar = new java.util.LinkedHashMap<>();
    for (Provenance.PluginChange c : changes) {
      String text = c.toString();
      String plugin = c.kind() + " \"" + c.name() + "\"";
      // what follows the plugin's name: its jar and how it changed, the same for plugins of one rebuilt jar
      byJar.computeIfAbsent(text.substring(plugin.length()), k -> new ArrayList<>()).add(plugin);
    }
    List<String> out = new ArrayList<>();
    byJar.forEach((change, names) -> out.add(String.join(", ", names) + change));
    return out;
  }

  /** Says so when nn itself, or its built-in plugins, are not what the run started with. */
  private Provenance withNnChange(Provenance current, List<String> builtIns) {
    Optional<String> was = Provenance.recordedNnVersion(dir.provenanceFile());
    boolean upgraded = was.isPresent() && !was.get().equals(current.nnVersion());
    if (!upgraded && builtIns.isEmpty()) {
      return current;
    }
    String what = upgraded ? "nn was version " + was.get() + " when the run started; this is " + current.nnVersion()
        : "nn's built-in plugins changed since the run started";
    String detail = builtIns.isEmpty() ? "" : " (" + String.join("; ", builtIns) + ")";
    notices.accept(what + detail + "; the run goes on with this nn and its built-in plugins, so it may not end as"
        + " the interrupted run would have");
    return current.withOutcome(Map.of("changed-nn", what + detail));
  }
}
