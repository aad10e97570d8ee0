package dev.nn.core.data;

import dev.nn.core.text.Suggestions;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.ProblemId;
import dev.nn.spi.Range;
import dev.nn.spi.Settings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The settings of one generator, read through {@link Settings} but with every problem collected instead
 * of thrown at the first, so that one message reports all bad and unknown settings together.
 */
final class GeneratorSettings {
  private final String generator;
  private final Settings settings;
  private final Set<String> known = new LinkedHashSet<>();
  private final List<ConfigProblem> problems = new ArrayList<>();
  private final boolean checkOnly;

  GeneratorSettings(String generator, Map<String, ?> values) {
    this(generator, values, false);
  }

  /**
   * @param checkOnly whether {@link #check()} stops the generator once the settings are read, so that they
   *     are checked without drawing the data
   */
  GeneratorSettings(String generator, Map<String, ?> values, boolean checkOnly) {
    this.generator = generator;
    this.settings = Settings.of("generator \"" + generator + "\"", values);
    this.checkOnly = checkOnly;
  }

  /** An integer in {@code allowed}; on a problem, records it and returns the default. */
  int integer(String key, int defaultValue, Range allowed) {
    known.add(key);
    try {
      return settings.integer(key, defaultValue, allowed);
    } catch (ConfigException e) {
      problems.addAll(e.problems());
      return defaultValue;
    }
  }

  /** A number in {@code allowed}; on a problem, records it and returns the default. */
  double number(String key, double defaultValue, Range allowed) {
    known.add(key);
    try {
      return settings.number(key, defaultValue, allowed);
    } catch (ConfigException e) {
      problems.addAll(e.problems());
      return defaultValue;
    }
  }

  /** Records a problem that involves several settings at once. */
  void problem(String key, String message, String allowed) {
    problems.add(ConfigProblem.of(ProblemId.INVALID_SETTING, key, message, allowed));
  }

  /**
   * Throws every problem found, with unknown keys last; call after reading all settings. Settings made to
   * be checked only throw {@link Valid} when there is no problem, so the generator never draws its data.
   */
  void check() {
    List<ConfigProblem> all = new ArrayList<>(problems);
    String allowed = String.join(", ", new TreeSet<>(known));
    for (String key : settings.keys()) {
      if (!known.contains(key)) {
        all.add(ConfigProblem.of(
                ProblemId.UNKNOWN_SETTING, key, "unknown setting \"" + key + "\" of generator \"" + generator + "\"", allowed)
            .withSuggestions(Suggestions.closest(key, known)));
      }
    }
    if (!all.isEmpty()) {
      throw new ConfigException(all);
    }
    if (checkOnly) {
      throw new Valid();
    }
  }

  /**
   * Ends a check of settings that found no problem: every generator reads all its settings and calls
   * {@link #check()} before it allocates anything, so stopping there checks settings of any size for free.
   */
  static final class Valid extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Valid() {
      super("the generator's settings are valid", null, false, false);
    }
  }
}
