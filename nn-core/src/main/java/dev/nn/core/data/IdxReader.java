package dev.nn.core.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads IDX image and label files in the MNIST layout into a classification {@link Dataset}.
 *
 * <p>Layout (all integers big-endian): an image file starts with the magic number {@code 0x00000803}, then
 * the image count n, rows and columns, then n·rows·cols unsigned bytes, image after image, each row-major.
 * A label file starts with {@code 0x00000801}, then n, then n unsigned bytes, each a class 0..9. Either
 * file may be gzipped; gzip is recognised by its first two bytes (1f 8b), not by the file name.
 *
 * <p>Pixels are divided by 255, so 0 (background) becomes 0.0 and 255 (ink) 1.0; inputs are in [0, 1].
 * The features are named {@code pixel_r_c} (row r, column c, from 0) and the dataset has the 10 classes
 * {@code "0" .. "9"} with the target name {@value #TARGET_NAME}. This fits MNIST and Fashion-MNIST (whose
 * class names are a matter for the documentation, not the file).
 *
 * <pre>{@code
 * Dataset test = IdxReader.read(Path.of("mnist/t10k-images-idx3-ubyte.gz"),
 *                               Path.of("mnist/t10k-labels-idx1-ubyte.gz"), 1000);
 * }</pre>
 *
 * <p>Every problem is a {@link DataException} naming the file; a file that ends early names the byte
 * offset (in decompressed data) where it ended and the length its header promised.
 */
public final class IdxReader {
  /** The magic number of an IDX file of unsigned bytes with 3 dimensions (images). */
  static final int IMAGES_MAGIC = 0x00000803;
  /** The magic number of an IDX file of unsigned bytes with 1 dimension (labels). */
  static final int LABELS_MAGIC = 0x00000801;
  /** The number of classes: labels are 0..9. */
  static final int CLASSES = 10;
  /** The target name of the datasets read here. */
  static final String TARGET_NAME = "label";

  private static final int IMAGES_HEADER = 16;
  private static final int LABELS_HEADER = 8;
  private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

  private IdxReader() {}

  /** Reads all images and their labels. */
  public static Dataset read(Path images, Path labels) {
    return read(images, labels, Integer.MAX_VALUE);
  }

  /**
   * Reads the first {@code limit} images and their labels (all of them if the files hold fewer). The
   * counts in both headers must agree even when only part is read; bytes after the last image read are not
   * looked at.
   *
   * @param limit at least 1
   */
  public static Dataset read(Path images, Path labels, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, found " + limit);
    }
    try (IdxInput img = IdxInput.open(images, IMAGES_HEADER);
        IdxInput lab = IdxInput.open(labels, LABELS_HEADER)) {
      magic(img, IMAGES_MAGIC, "IDX images: unsigned bytes, 3 dimensions");
      int n = img.readInt();
      int rows = img.readInt();
      int cols = img.readInt();
      if (n < 0 || rows < 1 || cols < 1) {
        throw new DataException(
            img.file() + ": implausible image dimensions " + Integer.toUnsignedString(n) + " x "
                + Integer.toUnsignedString(rows) + " x " + Integer.toUnsignedString(cols));
      }
      magic(lab, LABELS_MAGIC, "IDX labels: unsigned bytes, 1 dimension");
      int labelCount = labelCount(lab);
      if (n != labelCount) {
        throw new DataException(
            "image count " + n + " in " + img.file() + " differs from label count " + labelCount + " in "
                + lab.file());
      }
      long pixels = (long) rows * cols;
      int m = Math.min(n, limit);
      if (pixels * Math.max(m, 1) > MAX_ARRAY) {
        throw new DataException(
            img.file() + ": " + m + " images of " + rows + "x" + cols + " are too many to hold in one array; "
                + "read at most " + MAX_ARRAY / pixels + " of them");
      }
      img.expect(IMAGES_HEADER + pixels * n, IMAGES_HEADER + "-byte header + " + n + " images of " + rows + "x" + cols);
      int[] classes = labels(lab, m);
      double[] x = pixels(img, m, (int) pixels);
      String source = img.file() + " + " + lab.file();
      return Dataset.wrapClassification(source, x, classes, featureNames(rows, cols), TARGET_NAME, classLabels());
    }
  }

  /**
   * Reads the first {@code limit} samples of a data set stored in several pairs of files (shards), pair by
   * pair in the order given, as one data set: the samples of {@code images[0]} and {@code labels[0]}, then
   * those of the next pair, and so on. Every pair is checked as {@link #read(Path, Path, int)} checks one,
   * and all images must have the same size.
   *
   * @param limit at least 1
   * @throws IllegalArgumentException when the lists are empty or of different lengths
   */
  public static Dataset read(List<Path> images, List<Path> labels, int limit) {
    if (images.isEmpty() || images.size() != labels.size()) {
      throw new IllegalArgumentException("need as many label files as image files, at least one: " + images.size()
          + " and " + labels.size());
    }
    if (images.size() == 1) {
      return read(images.get(0), labels.get(0), limit);
    }
    List<Dataset> shards = new ArrayList<>();
    int total = 0;
    for (int i = 0; i < images.size() && total < limit; i++) {
      Dataset shard = read(images.get(i), labels.get(i), limit - total);
      if (!shards.isEmpty() && shard.featureCount() != shards.get(0).featureCount()) {
        throw new DataException(images.get(i) + ": images of " + shard.featureCount() + " pixels, but "
            + images.get(0) + " holds images of " + shards.get(0).featureCount());
      }
      shards.add(shard);
      total += shard.size();
    }
    int pixels = shards.get(0).featureCount();
    double[] x = new double[total * pixels];
    int[] classes = new int[total];
    int at = 0;
    for (Dataset shard : shards) {
      System.arraycopy(shard.copyX(), 0, x, at * pixels, shard.size() * pixels);
      for (int r = 0; r < shard.size(); r++) {
        classes[at + r] = shard.classOf(r);
      }
      at += shard.size();
    }
    String source = images.get(0) + " … " + images.get(images.size() - 1) + " (" + images.size() + " shards)";
    return Dataset.wrapClassification(source, x, classes, shards.get(0).featureNames(), TARGET_NAME, classLabels());
  }

  /** Reads every label of a label file, each checked to be in 0..9. */
  static int[] readLabels(Path labels) {
    try (IdxInput lab = IdxInput.open(labels, LABELS_HEADER)) {
      magic(lab, LABELS_MAGIC, "IDX labels: unsigned bytes, 1 dimension");
      int n = labelCount(lab);
      return labels(lab, n);
    }
  }

  private static int labelCount(IdxInput lab) {
    int n = lab.readInt();
    if (n < 0) {
      throw new DataException(lab.file() + ": implausible label count " + Integer.toUnsignedString(n));
    }
    lab.expect(LABELS_HEADER + (long) n, LABELS_HEADER + "-byte header + " + n + " labels");
    return n;
  }

  private static void magic(IdxInput in, int expected, String what) {
    int found = in.readInt();
    if (found != expected) {
      throw new DataException(
          in.file() + ": wrong magic number " + hex(found) + ", expected " + hex(expected) + " (" + what + ")");
    }
  }

  private static String hex(int v) {
    return String.format("0x%08X", v);
  }

  private static int[] labels(IdxInput lab, int m) {
    byte[] raw = new byte[m];
    long start = lab.offset();
    lab.readFully(raw, 0, m);
    int[] classes = new int[m];
    for (int i = 0; i < m; i++) {
      int c = raw[i] & 0xff;
      if (c >= CLASSES) {
        throw new DataException(
            lab.file() + ": label " + c + " at index " + i + " (byte " + (start + i) + ") is out of range; allowed 0.."
                + (CLASSES - 1));
      }
      classes[i] = c;
    }
    return classes;
  }

  /** Reads m images of p pixels, each byte divided by 255. */
  private static double[] pixels(IdxInput img, int m, int p) {
    double[] x = new double[m * p];
    byte[] image = new byte[p];
    int out = 0;
    for (int i = 0; i < m; i++) {
      img.readFully(image, 0, p);
      for (int j = 0; j < p; j++) {
        x[out++] = (image[j] & 0xff) / 255.0;
      }
    }
    return x;
  }

  private static List<String> featureNames(int rows, int cols) {
    List<String> names = new ArrayList<>(rows * cols);
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        names.add("pixel_" + r + "_" + c);
      }
    }
    return names;
  }

  private static List<String> classLabels() {
    List<String> labels = new ArrayList<>(CLASSES);
    for (int c = 0; c < CLASSES; c++) {
      labels.add(Integer.toString(c));
    }
    return labels;
  }
}
