package dev.nn.core.experiment;

import dev.nn.core.text.Grouped;
import com.sun.management.HotSpotDiagnosticMXBean;
import dev.nn.core.config.Experiment;
import dev.nn.core.config.LayerSpec;
import dev.nn.spi.ConfigException;
import dev.nn.spi.ConfigProblem;
import dev.nn.spi.ProblemId;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * What a run will hold in memory, weighed before it is allocated, so that a network, a batch or a data set
 * too large for this JVM is refused with the estimate and the remedy rather than after minutes of work with
 * an {@link OutOfMemoryError}, or by a buffer that cannot be that long.
 *
 * <p>The estimate counts what dominates and nothing else: the data set's values (doubles, on the heap); per
 * parameter its value and its gradient in the kernels' buffers, and on the heap {@value #HEAP_DOUBLES_PER_PARAMETER}
 * doubles (up to two of optimizer state, two more the training holds, a checkpoint's copy of the values and the
 * state, and room to place one more whole) and with early stopping 2 more (the best values and their copy); per batch the z, x and δ of every
 * layer. The kernels put parameters and batch buffers on the heap ({@code java}) or off it (the BLAS kernels, as
 * direct buffers, whose limit is {@code -XX:MaxDirectMemorySize}, by default the maximum heap): the heap is then
 * weighed apart (it held the optimizer's state and the checkpoint's copies uncounted, and a network the estimate
 * passed ran out of heap at its first checkpoint).
 * Besides the total, one buffer can hold no more values than an int can count (fewer off the heap).
 */
final class MemoryEstimate {
  /** Values per parameter in the kernels' buffers: the value and its gradient. */
  private static final int VALUES_PER_PARAMETER = 2;
  /**
   * Doubles per parameter on the heap, whichever kernels run: Adam's two moments (the most an optimizer keeps, in its
   * own arrays) and two more arrays as long as the network live through the epochs, at a checkpoint its copies of the
   * values and the state, and one array more, because each is one piece the heap must find room for whole (G1 gives
   * an array this long its own run of regions). Measured by G1's log of the heap after each collection, training a
   * 9.2-million-parameter network with Adam and early stopping for two epochs: 4 such arrays live during the epochs
   * beside the kernels' buffers, 9 at a checkpoint (660 MB on the BLAS kernels; 900 MB with the Java kernels' own 2
   * on the heap), yet the BLAS kernels ran out of heap at 750 MB (trained at 800 MB): live arrays are not enough.
   */
  private static final int HEAP_DOUBLES_PER_PARAMETER = 8;
  /** Doubles per parameter on the heap with early stopping: the best values kept, and a checkpoint's copy of them. */
  private static final int BEST_VALUES_DOUBLES_PER_PARAMETER = 2;
  /**
   * One double more per parameter in float32, where the optimizer steps through views in doubles of the float storage:
   * measured as above, the float32 network ran out of heap at 800 MB on the BLAS kernels (trained at 850) and at 900 MB
   * on the Java kernels, where the float64 one trained at 800 and 950 MB.
   */
  private static final int FLOAT32_VIEW_DOUBLES_PER_PARAMETER = 1;
  /** Buffers of batch × width per layer: z, x and δ. */
  private static final int BUFFERS_PER_LAYER = 3;
  /** The longest Java array; also the most values of one heap buffer. */
  private static final long LONGEST_ARRAY = Integer.MAX_VALUE - 8L;
  /** What a direct buffer of nn can hold, in bytes: an int's range less its alignment slack. */
  private static final long LONGEST_DIRECT_BYTES = Integer.MAX_VALUE - 128L;
  /** A share of the heap kept for everything not counted: the JVM's own objects, copies made while reading. */
  private static final double HEADROOM = 0.9;

  private MemoryEstimate() {}

  /**
   * Refuses a generated data set of {@code values} doubles that the heap cannot hold.
   *
   * @throws ConfigException ({@code nn/TooLarge}) at the source's {@code samples}, for the caller to place,
   *     naming the estimate, the heap and the remedy
   */
  static void requireDataFits(long values) {
    long bytes = saturatedMultiply(values, Double.BYTES);
    long heap = Runtime.getRuntime().maxMemory();
    if (bytes > HEADROOM * heap) {
      throw new ConfigException(ConfigProblem.of(ProblemId.TOO_LARGE, "samples",
          "the data set holds " + count(values) + " values, an estimated " + size(bytes) + ", more than the "
              + size(heap) + " of heap this JVM may use",
          "fewer samples or features, or more memory: " + hint(bytes)));
    }
  }

  /**
   * Refuses a network and batch whose parameters and batch buffers do not fit, or whose largest buffer is
   * longer than one buffer can be.
   *
   * @param widths n(0) … n(L+1)
   * @param valueBytes bytes of one value in the kernels' buffers (8 for float64, 4 for float32)
   * @param offHeap whether the kernels allocate direct buffers
   * @param dataBytes the bytes the data set already holds on the heap
   * @param trainingRows the training split's rows, or 0 when not known: a batch takes at most that many
   * @throws ConfigException ({@code nn/TooLarge}) at the batch size or the layers, whichever needs more
   */
  static void requireNetworkFits(Experiment experiment, int[] widths, int valueBytes, boolean offHeap,
      long dataBytes, int trainingRows) {
    int batch = ExperimentBatch.rows(experiment.training().batchSize(), trainingRows);
    long parameters = 0;
    long widest = 0;
    long units = 0;
    for (int l = 1; l < widths.length; l++) {
      parameters += (long) widths[l - 1] * widths[l] + widths[l];
      widest = Math.max(widest, widths[l]);
      units += widths[l];
    }
    widest = Math.max(widest, widths[0]);
    long batchValues = saturatedMultiply(batch, units);
    long longestBuffer = Math.max(parameters, saturatedMultiply(batch, widest));
    long maxValues = offHeap ? LONGEST_DIRECT_BYTES / valueBytes : LONGEST_ARRAY;
    long kernelParameterBytes = saturatedMultiply(saturatedMultiply(parameters, VALUES_PER_PARAMETER), valueBytes);
    int heapDoubles = HEAP_DOUBLES_PER_PARAMETER
        + (experiment.training().earlyStopping().isPresent() ? BEST_VALUES_DOUBLES_PER_PARAMETER : 0)
        + (valueBytes < Double.BYTES ? FLOAT32_VIEW_DOUBLES_PER_PARAMETER : 0);
    long heapParameterBytes = saturatedMultiply(parameters, (long) heapDoubles * Double.BYTES);
    long batchBytes = saturatedMultiply(saturatedMultiply(batchValues, BUFFERS_PER_LAYER), valueBytes);
    long heap = Runtime.getRuntime().maxMemory();
    long parameterBytes = offHeap ? kernelParameterBytes : saturatedAdd(kernelParameterBytes, heapParameterBytes);
    long needed = saturatedAdd(parameterBytes, batchBytes);
    long available = offHeap ? maxDirectMemory(heap) : Math.max(0, heap - dataBytes);
    String memory = offHeap ? "direct (off-heap) memory" : "heap";
    // a batch size above the training rows takes them all: the batch weighed is the one that will run, said so
    int written = experiment.training().batchSize();
    String capped = batch < written ? ", training.batch-size " + count(written) + " capped at the training split's "
        + count(batch) + " rows" : "";
    String what = "the network (" + count(parameters) + " parameters, " + size(parameterBytes)
        + ") and a batch of " + count(batch) + (batch == 1 ? " sample (" : " samples (") + size(batchBytes) + capped
        + ")";
    if (longestBuffer > maxValues) {
      // the layers are to blame when even a batch of one sample would not fit in one buffer
      boolean layers = parameters > maxValues || widest > maxValues;
      throw tooLarge(experiment, layers, what + " need a buffer of " + count(longestBuffer)
          + " values, but one buffer holds at most " + count(maxValues),
          (layers ? "fewer units in the widest layer" : "a smaller training.batch-size, or fewer units in the widest"
              + " layer")
              // the java backend only when its longer buffers would hold it
              + (offHeap && longestBuffer <= LONGEST_ARRAY ? ", or compute.backend: java, whose buffers hold up to "
                  + count(LONGEST_ARRAY) : ""));
    }
    if (offHeap) {
      // after the buffers' lengths, which no memory setting mends
      requireHeapFits(experiment, parameters, heapParameterBytes, heap, dataBytes);
    }
    if (needed > HEADROOM * available) {
      // at a batch of one sample nothing is left to take from the batch: the layers are what can shrink
      boolean layers = parameterBytes > HEADROOM * available || batch == 1;
      // measured against the share a run may take (the rest is the JVM's own and the data's copies in flight)
      throw tooLarge(experiment, layers, what + " need an estimated " + size(needed) + " of " + memory
          + ", more than the " + size((long) (HEADROOM * available)) + " a run may take (" + Math.round(HEADROOM * 100)
          + "% of the " + size(available) + " this JVM may use" + (offHeap ? "" : dataBytes > 0 ? " beside the data, "
              + size(dataBytes) : "") + ")",
          (layers ? "fewer units in the widest layer" : "a smaller training.batch-size")
              + ", or more memory: "
              + hint(offHeap ? needed : needed + dataBytes)
              + (offHeap ? " -XX:MaxDirectMemorySize=" + gigabytes(needed + needed / 4) + "g" : ""));
    }
  }

  /**
   * Refuses a network whose heap share (the optimizer's state and a checkpoint's copies, {@code bytes}) does not fit
   * the heap beside the data, when the kernels keep their own buffers off it.
   */
  private static void requireHeapFits(Experiment experiment, long parameters, long bytes, long heap, long dataBytes) {
    long available = Math.max(0, heap - dataBytes);
    if (bytes > HEADROOM * available) {
      throw tooLarge(experiment, true, "the network's " + count(parameters) + " parameters need an estimated "
          + size(bytes) + " of heap for the optimizer's state and a checkpoint's copies, more than the "
          + size((long) (HEADROOM * available)) + " a run may take (" + Math.round(HEADROOM * 100) + "% of the "
          + size(available) + " of heap this JVM may use" + (dataBytes > 0 ? " beside the data, " + size(dataBytes) : "")
          + ")", "fewer units in the widest layer, or more memory: " + hint(bytes + dataBytes));
    }
  }

  /** The problem at the widest written layer when {@code layers}, else at the batch size. */
  private static ConfigException tooLarge(Experiment experiment, boolean layers, String message, String allowed) {
    if (!layers) {
      return new ConfigException(ConfigProblem.of(ProblemId.TOO_LARGE, "training.batch-size", message, allowed));
    }
    LayerSpec widest = null;
    for (LayerSpec layer : experiment.network().layers()) {
      if (!layer.isAuto() && (widest == null || layer.units() > widest.units())) {
        widest = layer;
      }
    }
    ConfigProblem p = ConfigProblem.of(ProblemId.TOO_LARGE, "units", message, allowed);
    return new ConfigException(widest != null ? widest.where().place(p)
        : ConfigProblem.of(ProblemId.TOO_LARGE, "network.layers", message, allowed));
  }

  /** The limit of direct buffers: {@code -XX:MaxDirectMemorySize}, or the maximum heap when it is not set. */
  static long maxDirectMemory(long heap) {
    try {
      HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      long set = Long.parseLong(vm.getVMOption("MaxDirectMemorySize").getValue());
      return set > 0 ? set : heap;
    } catch (RuntimeException | LinkageError notHotSpot) {
      // another JVM: its default is the heap's size, as on HotSpot
      return heap;
    }
  }

  /** The option that gives the JVM room for {@code bytes}, with a quarter more for everything else. */
  static String hint(long bytes) {
    return "NN_JAVA_OPTS=-Xmx" + gigabytes(bytes + bytes / 4) + "g";
  }

  private static long gigabytes(long bytes) {
    long gb = 1L << 30;
    return Math.max(1, (bytes + gb - 1) / gb);
  }

  /** Bytes in KB, MB or GB, to one decimal (binary units, as -Xmx reads them). */
  static String size(long bytes) {
    if (bytes == Long.MAX_VALUE) {
      return "more than 8 EB";
    }
    double kb = bytes / 1024.0;
    if (kb < 1024) {
      return String.format(Locale.ROOT, "%.1f KB", kb);
    }
    double mb = kb / 1024;
    return mb < 1024 ? String.format(Locale.ROOT, "%.1f MB", mb) : String.format(Locale.ROOT, "%.1f GB", mb / 1024);
  }

  private static String count(long n) {
    return Grouped.of(n);
  }

  private static long saturatedMultiply(long a, long b) {
    long high = Math.multiplyHigh(a, b);
    long low = a * b;
    return high != 0 || low < 0 ? Long.MAX_VALUE : low;
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }
}
