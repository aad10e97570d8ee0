package dev.nn.core.config;

import java.util.List;
import java.util.Objects;

/**
 * One entry of {@code network.ties}: parameters that share one value, or edges fixed at zero. Ties are
 * transitive: groups that name a common parameter become one group. {@link TieChecker} checks them
 * against the layer widths.
 */
public sealed interface TieSpec {

  /** Where the entry was written. */
  Position where();

  /**
   * {@code {share: [layers[1].W[0][3], layers[3].W[5][1], layers[2].b[4]]}}: every named parameter,
   * weight or bias, holds one shared value.
   *
   * @param members the parameters; ranges name several at once
   * @param where where the entry was written
   */
  record ShareGroup(List<ParamRef> members, Position where) implements TieSpec {

    /** Checks for {@code null} and copies. */
    public ShareGroup {
      members = List.copyOf(members);
      Objects.requireNonNull(where, "where");
    }
  }

  /**
   * {@code {tie: layers[2].W, to: layers[1].W, transpose: true}}: the whole block {@code tie} is the
   * block {@code to} (transposed when said), entry by entry.
   *
   * @param tie the block that takes its values from {@code to}
   * @param to the block that owns the values
   * @param transpose whether W(tie) = W(to)ᵀ; weights only
   * @param where where the entry was written
   */
  record BlockTie(ParamRef tie, ParamRef to, boolean transpose, Position where) implements TieSpec {

    /** Checks for {@code null}. */
    public BlockTie {
      Objects.requireNonNull(tie, "tie");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(where, "where");
    }
  }

  /**
   * {@code {absent: [layers[1].W[0][3], layers[1].W[1][0..4]]}}: parameters fixed at zero, never updated.
   *
   * @param params the parameters
   * @param where where the entry was written
   */
  record Absent(List<ParamRef> params, Position where) implements TieSpec {

    /** Checks for {@code null} and copies. */
    public Absent {
      params = List.copyOf(params);
      Objects.requireNonNull(where, "where");
    }
  }

  /**
   * A 1-D convolution as layer l: n(l−1) = channels·length inputs ordered channel by channel, n(l) =
   * outChannels·outLength outputs likewise, with valid padding, so outLength = (length − kernel) / stride + 1
   * (rounded down). Each output channel has one kernel of channels×kernel weights and one bias; W(l)
   * entries outside the kernels are absent.
   *
   * @param layer l, in 1 … L+1
   * @param channels input channels
   * @param length input positions per channel
   * @param kernel kernel width, at most {@code length}
   * @param stride step between output positions, {@code >= 1}
   * @param outChannels output channels
   * @param where where the entry was written
   */
  record Conv1d(int layer, int channels, int length, int kernel, int stride, int outChannels, Position where)
      implements TieSpec {

    /** Checks for {@code null}. */
    public Conv1d {
      Objects.requireNonNull(where, "where");
    }

    /** Output positions per channel with valid padding. */
    int outLength() {
      return (length - kernel) / stride + 1;
    }
  }

  /**
   * A 2-D convolution as layer l: n(l−1) = channels·height·width inputs, ordered channel, then row, then
   * column (as a flattened C×H×W tensor), and n(l) = outChannels·outHeight·outWidth outputs likewise,
   * with valid padding. Each output channel has one kernel of channels×kernelHeight×kernelWidth weights
   * and one bias; W(l) entries outside the kernels are absent.
   *
   * @param layer l, in 1 … L+1
   * @param channels input channels
   * @param height input rows
   * @param width input columns
   * @param kernelHeight kernel rows, at most {@code height}
   * @param kernelWidth kernel columns, at most {@code width}
   * @param strideHeight step between output rows, {@code >= 1}
   * @param strideWidth step between output columns, {@code >= 1}
   * @param outChannels output channels
   * @param where where the entry was written
   */
  record Conv2d(
      int layer,
      int channels,
      int height,
      int width,
      int kernelHeight,
      int kernelWidth,
      int strideHeight,
      int strideWidth,
      int outChannels,
      Position where)
      implements TieSpec {

    /** Checks for {@code null}. */
    public Conv2d {
      Objects.requireNonNull(where, "where");
    }

    /** Output rows per channel with valid padding. */
    int outHeight() {
      return (height - kernelHeight) / strideHeight + 1;
    }

    /** Output columns per channel with valid padding. */
    int outWidth() {
      return (width - kernelWidth) / strideWidth + 1;
    }
  }
}
