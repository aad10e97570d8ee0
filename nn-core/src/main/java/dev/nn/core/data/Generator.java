package dev.nn.core.data;

import java.util.random.RandomGenerator;

/** One synthetic data source of {@link Generators}. Implementations are stateless. */
interface Generator {

  /** The name an experiment uses, lowercase kebab-case. */
  String name();

  /**
   * Reads and validates the settings, calls {@link GeneratorSettings#check()}, then draws the data from
   * {@code random} in a fixed order.
   *
   * @param seed only for the dataset's {@link Dataset#source()} description
   */
  Dataset generate(GeneratorSettings settings, RandomGenerator random, long seed);
}
