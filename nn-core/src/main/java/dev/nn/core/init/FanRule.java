package dev.nn.core.init;

/**
 * The variance σ² that a fan-scaled initializer gives each weight of W(l), from fan-in = n(l−1) (rows)
 * and fan-out = n(l) (columns). A zero-mean uniform U(−a, a) has this variance when a = √(3σ²); a
 * normal N(0, σ²) has standard deviation √σ².
 */
enum FanRule {

  /**
   * σ² = gain²·2/(fanIn + fanOut): Glorot and Bengio, "Understanding the difficulty of training deep
   * feedforward neural networks", AISTATS 2010. PyTorch {@code xavier_uniform_}, {@code xavier_normal_}.
   */
  XAVIER {
    @Override
    double variance(int fanIn, int fanOut, double gain) {
      return gain * gain * 2.0 / ((double) fanIn + fanOut);
    }
  },

  /**
   * σ² = 2/fanIn (the ReLU gain √2, fan-in mode): He, Zhang, Ren and Sun, "Delving Deep into
   * Rectifiers", ICCV 2015. PyTorch {@code kaiming_uniform_}, {@code kaiming_normal_} with
   * {@code mode='fan_in', nonlinearity='relu'}.
   */
  HE {
    @Override
    double variance(int fanIn, int fanOut, double gain) {
      return gain * gain * 2.0 / fanIn;
    }
  },

  /**
   * σ² = 1/fanIn: LeCun, Bottou, Orr and Müller, "Efficient BackProp", Neural Networks: Tricks of the
   * Trade, 1998. PyTorch has no named function; it equals {@code kaiming_*} with
   * {@code nonlinearity='linear'}.
   */
  LECUN {
    @Override
    double variance(int fanIn, int fanOut, double gain) {
      return gain * gain / fanIn;
    }
  };

  /** σ² of each weight of a fanIn × fanOut block; {@code gain} is 1 unless a setting changes it. */
  abstract double variance(int fanIn, int fanOut, double gain);
}
