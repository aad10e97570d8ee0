package dev.nn.core.data;

import dev.nn.core.kernel.Precision;
import dev.nn.core.random.RandomStream;
import dev.nn.core.random.Rng;
import dev.nn.core.text.Suggestions;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.ProblemId;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Synthetic datasets drawn from a seed, without files.
 *
 * <table>
 *   <caption>Generators and their settings (defaults in brackets)</caption>
 *   <tr><th>name</th><th>task</th><th>settings</th><th>data</th></tr>
 *   <tr><td>{@code lecture-regression}</td><td>regression</td>
 *       <td>inputs D [16], samples n [1000], noise σ [0.01]</td>
 *       <td>x ~ N(0, I_D), y = sin(Σx/√D)/2 + σ·N(0, 1)</td></tr>
 *   <tr><td>{@code sine}</td><td>regression</td><td>samples [200], noise σ [0.1]</td>
 *       <td>x ~ U[−π, π), y = sin x + σ·N(0, 1)</td></tr>
 *   <tr><td>{@code xor}</td><td>2 classes</td><td>samples [4], noise σ [0]</td>
 *       <td>corners of the unit square in turn, plus N(0, σ²) noise; class x1 XOR x2</td></tr>
 *   <tr><td>{@code spirals}</td><td>2 classes</td><td>samples [200], noise σ [0.05], turns [1.5]</td>
 *       <td>two interleaved spirals of radius 1</td></tr>
 * </table>
 *
 * <p>The same name, settings, seed and stream give the same dataset, bit for bit, on any JVM that has the
 * {@link Rng#ALGORITHM} generator.
 *
 * <p>Problems are reported as a {@link ConfigException}, not a {@link DataException}: the name and settings
 * come from the experiment file, so they are configuration problems, reported together with the others
 * (each problem's path is relative to the generator's mapping, e.g. {@code samples}; the caller places it
 * with {@link ConfigProblem#at}). Ids: {@code nn/UnknownGenerator}, {@code nn/UnknownSetting},
 * {@code nn/InvalidSetting}.
 */
public final class Generators {
  /** Enough samples for every generator (spirals needs two), few enough to cost nothing. */
  private static final int FEW_SAMPLES = 4;
  private static final Map<String, Generator> ALL = byName(new LectureRegression(), new Sine(), new Xor(), new Spirals());

  private Generators() {}

  private static Map<String, Generator> byName(Generator... generators) {
    Map<String, Generator> m = new TreeMap<>();
    for (Generator g : generators) {
      m.put(g.name(), g);
    }
    return Map.copyOf(m);
  }

  /** The generator names, sorted. */
  static List<String> names() {
    List<String> names = new ArrayList<>(ALL.keySet());
    names.sort(null);
    return names;
  }

  /**
   * Draws the dataset {@code name} with {@code settings} from the stream {@code (seed, stream)}.
   *
   * @param stream which data source this is ({@link RandomStream#TRAIN_DATA}, {@link RandomStream#VALIDATION_DATA}
   *     or {@link RandomStream#TEST_DATA}), so that a run's generated sources draw different samples
   * @param settings the generator's own settings (not {@code source} or {@code name}); values are Numbers or
   *     numeric Strings. Not modified.
   * @throws ConfigException for an unknown generator, or listing every unknown or invalid setting
   */
  public static Dataset generate(String name, Map<String, ?> settings, long seed, RandomStream stream) {
    return generate(name, settings, seed, stream, Precision.FLOAT64);
  }

  /**
   * {@link #generate(String, Map, long, RandomStream)} with the inputs held in {@code precision}. Every value drawn
   * must be a finite number, in float32 one a float can hold: a setting so large that the data overflow (a
   * {@code noise} of 1e308) is refused as that setting's problem, rather than handed on as infinities.
   *
   * @throws ConfigException for an unknown generator, an unknown or invalid setting, or data that overflow
   */
  public static Dataset generate(String name, Map<String, ?> settings, long seed, RandomStream stream,
      Precision precision) {
    Dataset d = find(name).generate(new GeneratorSettings(name, settings), stream.generator(seed), seed);
    boolean floats = precision == Precision.FLOAT32;
    for (int i = 0; i < d.size(); i++) {
      for (int j = 0; j < d.featureCount(); j++) {
        requireFinite(name, settings, d.x(i, j), floats, i, d.featureNames().get(j));
      }
      for (int j = 0; d.task() == Task.REGRESSION && j < d.targetCount(); j++) {
        requireFinite(name, settings, d.y(i, j), false, i, d.targetNames().get(j));
      }
    }
    return d.inPrecision(precision);
  }

  /** The setting a generator's overflow is blamed on: its noise when it has one, else none in particular. */
  private static final String NOISE = "noise";

  private static void requireFinite(String name, Map<String, ?> settings, double v, boolean floats, int row,
      String column) {
    if (Double.isFinite(v) && !(floats && Float.isInfinite((float) v))) {
      return;
    }
    String limit = floats ? "a float32 run's largest magnitude, " + Float.MAX_VALUE : "the largest double, "
        + Double.MAX_VALUE;
    boolean noisy = settings.containsKey(NOISE);
    String what = noisy ? "setting \"noise\" of generator \"" + name + "\" is " + settings.get(NOISE)
        : "the settings of generator \"" + name + "\"";
    throw new ConfigException(ConfigProblem.of(ProblemId.INVALID_SETTING, noisy ? NOISE : "",
        what + ", which makes " + column + " of sample " + row + " " + v + ", beyond " + limit
            + "; the data must be finite numbers", "smaller " + (noisy ? "noise" : "settings") + ", so that every value"
            + " stays within " + limit));
  }

  /**
   * Checks a generator's name and settings without drawing its data, and says how many values (features
   * and targets of every sample) it would draw, so that its size can be weighed before it is allocated.
   *
   * @param settings as for {@link #generate}; they must include {@code samples}
   * @return the number of values the data set holds
   * @throws ConfigException as {@link #generate} would
   */
  public static long check(String name, Map<String, ?> settings) {
    Generator g = find(name);
    try {
      g.generate(new GeneratorSettings(name, settings, true), RandomStream.TRAIN_DATA.generator(0), 0);
      throw new IllegalStateException("generator " + name + " drew its data without checking its settings");
    } catch (GeneratorSettings.Valid valid) {
      // the settings are fine: a few samples give the number of columns
    }
    Map<String, Object> few = new LinkedHashMap<>(settings);
    few.put("samples", FEW_SAMPLES);
    Dataset sample = g.generate(new GeneratorSettings(name, few), RandomStream.TRAIN_DATA.generator(0), 0);
    long columns = sample.featureCount() + sample.targetCount();
    // the settings passed the generator's own check, so samples is a whole number in its range
    return new BigDecimal(String.valueOf(settings.get("samples"))).longValueExact() * columns;
  }

  /** Whether nn has a generator called {@code name}. */
  public static boolean has(String name) {
    return ALL.containsKey(name);
  }

  private static Generator find(String name) {
    Generator g = ALL.get(name);
    if (g == null) {
      throw new ConfigException(ConfigProblem.of(
              ProblemId.UNKNOWN_GENERATOR, "name", "unknown generator \"" + dev.nn.core.text.Excerpt.of(name) + "\"", String.join(", ", names()))
          .withSuggestions(Suggestions.closest(name, names())));
    }
    return g;
  }
}
