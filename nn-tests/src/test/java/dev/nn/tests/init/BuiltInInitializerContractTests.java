package dev.nn.tests.init;

import dev.nn.api.Initializer;
import dev.nn.core.init.ConstantProvider;
import dev.nn.core.init.HeNormalProvider;
import dev.nn.core.init.HeUniformProvider;
import dev.nn.core.init.LecunNormalProvider;
import dev.nn.core.init.LecunUniformProvider;
import dev.nn.core.init.NormalProvider;
import dev.nn.core.init.UniformProvider;
import dev.nn.core.init.XavierNormalProvider;
import dev.nn.core.init.XavierUniformProvider;
import dev.nn.core.init.ZerosProvider;
import dev.nn.tck.InitializerContract;
import dev.nn.tck.WeightDistribution;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/**
 * Every built-in initializer against {@link InitializerContract}, each with the distribution its
 * provider's Javadoc and docs/optimizers.md state (PyTorch's {@code nn.init} formulas), written out here
 * rather than taken from the implementation.
 */
class BuiltInInitializerContractTests {

  @Nested
  class XavierUniform implements InitializerContract {
    public Initializer initializer() {
      return Draws.create(new XavierUniformProvider(), Map.of());
    }

    public WeightDistribution weights(int fanIn, int fanOut) {
      double a = Math.sqrt(6.0 / (fanIn + fanOut));
      return WeightDistribution.uniform(-a, a);
    }
  }

  @Nested
  class XavierUniformWithGain implements InitializerContract {
    public Initializer initializer() {
      return Draws.create(new XavierUniformProvider(), Map.of("gain", 2.0));
    }

    public WeightDistribution weights(int fanIn, int fanOut) {
      double a = 2.0 * Math.sqrt(6.0 / (fanIn + fanOut));
      return WeightDistribution.uniform(-a, a);
    }
  }

  @Nested
  class XavierNormal implements InitializerContract {
    public Initializer initializer() {
      return Draws.create(new XavierNormalProvider(), Map.of());
    }

    public WeightDistribution weights(int fanIn, int fanOut) {
      return WeightDistribution.normal(0, Math.sqrt(2.0 / (fanIn + fanOut)));
    }
  }

  @Nested
  class XavierNormalWithGain implements InitializerContract {
    public Initializer initializer() {
      return Draws.create(new XavierNormalProvider(), Map.of("gain", 5.0 / 3));
    }

    public WeightDistribution weights(int fanIn, int fanOut) {
      return WeightDistribution.normal(0, 5.0 / 3 * Math.sqrt(2.0 / (fanIn + fanOut)));
    }
  }

  @Nested
  class HeUniform implements InitializerContract {
    public Initializer initializer() {
      return Draws.create(new HeUniformProvider(), Map.of());
    }

    public WeightDistribution weights(int fanIn, int fanOut) {
      double a = Math.sqrt(6.0 / fanIn);
      return WeightDistribution.uniform(-a, a);
    }
  }

  @Nested
  class HeNormal implements InitializerContract {
    public Initializer initializer() {
      return Draws.create(new HeNormalProvider(), Map.of());
    }

    public WeightDistribution weights(int fanIn, int fanOut) {
      return WeightDistribution.normal(0, Math.sqrt(2.0 / fanIn));
    }
  }

  @Nested
  class LecunUniform implements InitializerContract {
    public Initializer initializer() {
      return Draws.create(new LecunUniformProvider(), Map.of());
    }

    public WeightDistribution weights(int fanIn, int fanOut) {
      double a = Math.sqrt(3.0 / fanIn);
      return WeightDistribution.uniform(-a, a);
    }
  }

  @Nested
  class LecunNormal implements InitializerContract {
    public Initializer initializer() {
      return Draws.create(new LecunNormalProvider(), Map.of());
    }

    public WeightDistribution weights(int fanIn, int fanOut) {
      return WeightDistribution.normal(0, Math.sqrt(1.0 / fanIn));
    }
  }

  @Nested
  class UniformWithDefaults implements InitializerContract {
    public Initializer initializer() {
      return Draws.create(new UniformProvider(), Map.of());
    }

    public WeightDistribution weights(int fanIn, int fanOut) {
      return WeightDistribution.uniform(0, 1);
    }
  }

  @Nested
  class UniformWithBounds implements InitializerContract {
    public Initializer initializer() {
      return Draws.create(new UniformProvider(), Map.of("low", -0.05, "high", 0.15));
    }

    public WeightDistribution weights(int fanIn, int fanOut) {
      return WeightDistribution.uniform(-0.05, 0.15);
    }
  }

  @Nested
  class NormalWithDefaults implements InitializerContract {
    public Initializer initializer() {
      return Draws.create(new NormalProvider(), Map.of());
    }

    public WeightDistribution weights(int fanIn, int fanOut) {
      return WeightDistribution.normal(0, 1);
    }
  }

  @Nested
  class NormalWithMeanAndStd implements InitializerContract {
    public Initializer initializer() {
      return Draws.create(new NormalProvider(), Map.of("mean", 0.5, "std", 0.01));
    }

    public WeightDistribution weights(int fanIn, int fanOut) {
      return WeightDistribution.normal(0.5, 0.01);
    }
  }

  @Nested
  class ConstantWithValue implements InitializerContract {
    public Initializer initializer() {
      return Draws.create(new ConstantProvider(), Map.of("value", 0.25));
    }

    public WeightDistribution weights(int fanIn, int fanOut) {
      return WeightDistribution.constant(0.25);
    }
  }

  @Nested
  class ConstantWithDefaults implements InitializerContract {
    public Initializer initializer() {
      return Draws.create(new ConstantProvider(), Map.of());
    }

    public WeightDistribution weights(int fanIn, int fanOut) {
      return WeightDistribution.constant(0);
    }
  }

  @Nested
  class Zeros implements InitializerContract {
    public Initializer initializer() {
      return Draws.create(new ZerosProvider(), Map.of());
    }

    public WeightDistribution weights(int fanIn, int fanOut) {
      return WeightDistribution.constant(0);
    }
  }
}
