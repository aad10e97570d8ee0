package dev.nn.core.data;

import dev.nn.core.kernel.Precision;
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
 * {@code "0" .. "9"} (or as many as a reader is told: EMNIST's labels name 27, 47 or 62) with the target name
 * {@value #TARGET_NAME}. This fits MNIST and Fashion-MNIST (whose
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
  /** The number of classes unless a reader is told another: labels are 0..9. */
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
   * counts in both headers must agree even when only part is read, and both files are still checked to their
   * end: a gzip file's checksum and size, and that nothing follows the data the header declares.
   *
   * @param limit at least 1
   */
  public static Dataset read(Path images, Path labels, int limit) {
    return read(images, labels, limit, Precision.FLOAT64);
  }

  /**
   * {@link #read(Path, Path, int)}, the pixels held in {@code precision}: as floats for a float32 run, read
   * straight into a float array (each pixel / 255 rounded to the nearest float, as a float32 run's kernels would
   * round it).
   */
  public static Dataset read(Path images, Path labels, int limit, Precision precision) {
    return read(images, labels, limit, precision, CLASSES);
  }

  private static Dataset read(Path images, Path labels, int limit, Precision precision, int k) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, found " + limit);
    }
    try (IdxInput img = IdxInput.open(images, IMAGES_HEADER);
        IdxInput lab = IdxInput.open(labels, LABELS_HEADER)) {
      Shape shape = header(img, lab, limit);
      InputValues x = InputValues.zeros(shape.m() * shape.pixels(), precision);
      int[] classes = new int[shape.m()];
      body(img, lab, shape, x, classes, 0, k);
      String source = img.file() + " + " + lab.file();
      return Dataset.wrapClassification(source, x, classes, featureNames(shape.rows(), shape.cols()), TARGET_NAME,
          classLabels(k));
    }
  }

  /**
   * The checked header of one pair of files: n images of rows × cols pixels, of which the first m are read.
   */
  private record Shape(int n, int rows, int cols, int m) {
    int pixels() {
      return rows * cols;
    }
  }

  /** Reads and checks the headers of both files; the first {@code limit} images are to be read. */
  private static Shape header(IdxInput img, IdxInput lab, int limit) {
    magic(img, IMAGES_MAGIC, "IDX images: unsigned bytes, 3 dimensions", lab);
    int n = img.readInt();
    int rows = img.readInt();
    int cols = img.readInt();
    if (n < 0 || rows < 1 || cols < 1) {
      throw new DataException(
          img.file() + ": implausible image dimensions " + Integer.toUnsignedString(n) + " x "
              + Integer.toUnsignedString(rows) + " x " + Integer.toUnsignedString(cols));
    }
    magic(lab, LABELS_MAGIC, "IDX labels: unsigned bytes, 1 dimension", null);
    int labelCount = labelCount(lab);
    if (n != labelCount) {
      throw new DataException(
          "image count " + n + " in " + img.file() + " differs from label count " + labelCount + " in "
              + lab.file());
    }
    long pixels = (long) rows * cols;
    int m = Math.min(n, limit);
    if (pixels > MAX_ARRAY) {
      throw new DataException(img.file() + ": its header gives images of " + rows + "x" + cols + " = " + pixels
          + " pixels, more than one array holds (" + MAX_ARRAY + "); the file is damaged or not an IDX image file");
    }
    // before any array is sized from the header: a file that cannot hold what it declares is truncated
    img.expect(IMAGES_HEADER + pixels * n, IMAGES_HEADER + "-byte header + " + n + " images of " + rows + "x" + cols);
    if (pixels * Math.max(m, 1) > MAX_ARRAY) {
      throw new DataException(
          img.file() + ": " + m + " images of " + rows + "x" + cols + " are too many to hold in one array; "
              + "read at most " + MAX_ARRAY / pixels + " of them (limit: on the source)");
    }
    return new Shape(n, rows, cols, m);
  }

  /**
   * Reads the first {@code shape.m()} labels and images after the headers: labels into {@code classes} and
   * pixels into {@code x}, both from row {@code at} on.
   */
  private static void body(IdxInput img, IdxInput lab, Shape shape, InputValues x, int[] classes, int at, int k) {
    System.arraycopy(labels(lab, shape.m(), k), 0, classes, at, shape.m());
    pixels(img, shape.m(), shape.pixels(), x, at * shape.pixels());
    lab.finish();
    img.finish();
  }

  /**
   * Reads the first {@code limit} samples of a data set stored in several pairs of files (shards), pair by
   * pair in the order given, as one data set: the samples of {@code images[0]} and {@code labels[0]}, then
   * those of the next pair, and so on. Every pair is checked as {@link #read(Path, Path, int)} checks one,
   * and all images must have the same size.
   *
   * <p>The pixels are read straight into the data set's one array, whose size the headers of all pairs give
   * before any pixel is read. A faulty pair is still reported as if the pairs were read one after the other:
   * the pairs before it are read first (and report their own problems), then the faulty one is read alone.
   *
   * @param limit at least 1
   * @throws IllegalArgumentException when the lists are empty or of different lengths
   */
  public static Dataset read(List<Path> images, List<Path> labels, int limit) {
    return read(images, labels, limit, Precision.FLOAT64);
  }

  /**
   * {@link #read(List, List, int)}, the pixels held in {@code precision} as {@link #read(Path, Path, int,
   * Precision)}.
   */
  public static Dataset read(List<Path> images, List<Path> labels, int limit, Precision precision) {
    return read(images, labels, limit, precision, CLASSES);
  }

  /**
   * {@link #read(List, List, int, Precision)} of labels that name {@code classes} classes: each label is 0 …
   * classes−1, and the data set's classes are {@code "0"} … {@code "classes−1"} (EMNIST's 47 or 62, say), whether or
   * not every one occurs.
   *
   * @param classes 2 … 256 (a label is one unsigned byte)
   */
  public static Dataset read(List<Path> images, List<Path> labels, int limit, Precision precision, int classes) {
    if (classes < 2 || classes > 256) {
      throw new IllegalArgumentException("classes must be in 2..256, found " + classes);
    }
    if (images.isEmpty() || images.size() != labels.size()) {
      throw new IllegalArgumentException("need as many label files as image files, at least one: " + images.size()
          + " and " + labels.size());
    }
    if (images.size() == 1) {
      return read(images.get(0), labels.get(0), limit, precision, classes);
    }
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, found " + limit);
    }
    // the headers first, up to the limit or the first faulty pair
    List<Shape> shapes = new ArrayList<>();
    long total = 0;
    int faulty = -1;
    for (int i = 0; i < images.size() && total < limit; i++) {
      Shape shape;
      try (IdxInput img = IdxInput.open(images.get(i), IMAGES_HEADER);
          IdxInput lab = IdxInput.open(labels.get(i), LABELS_HEADER)) {
        shape = header(img, lab, (int) (limit - total));
      } catch (DataException e) {
        faulty = i;
        break;
      }
      if (!shapes.isEmpty() && (shape.rows() != shapes.get(0).rows() || shape.cols() != shapes.get(0).cols())) {
        // 5x7 and 7x5 hold as many pixels, but pixel_r_c names another pixel in each
        faulty = i;
        break;
      }
      shapes.add(shape);
      total += shape.m();
    }
    int pixels = shapes.isEmpty() ? 1 : shapes.get(0).pixels();
    if (total * pixels > MAX_ARRAY) {
      throw new DataException(images.get(0) + " … " + images.get(shapes.size() - 1) + ": " + total + " images of "
          + pixels + " pixels are too many to hold in one array; read at most " + MAX_ARRAY / pixels + " of them"
          + " (limit: on the source)");
    }
    InputValues x = InputValues.zeros((int) total * pixels, precision);
    int[] targets = new int[(int) total];
    int at = 0;
    for (int i = 0; i < shapes.size(); i++) {
      try (IdxInput img = IdxInput.open(images.get(i), IMAGES_HEADER);
          IdxInput lab = IdxInput.open(labels.get(i), LABELS_HEADER)) {
        Shape shape = header(img, lab, limit - at);
        body(img, lab, shape, x, targets, at, classes);
        at += shape.m();
      }
    }
    if (faulty >= 0) {
      // read alone, the faulty pair names its problem; if it reads, its images are of another size
      read(images.get(faulty), labels.get(faulty), limit - at, precision, classes);
      Shape other;
      try (IdxInput img = IdxInput.open(images.get(faulty), IMAGES_HEADER);
          IdxInput lab = IdxInput.open(labels.get(faulty), LABELS_HEADER)) {
        other = header(img, lab, 1);
      }
      Shape first = shapes.get(0);
      throw new DataException(images.get(faulty) + ": images of " + other.rows() + "x" + other.cols() + " pixels, but "
          + images.get(0) + " holds images of " + first.rows() + "x" + first.cols() + "; the shards of one data set"
          + " hold images of one size");
    }
    Shape first = shapes.get(0);
    String source = images.get(0) + " … " + images.get(images.size() - 1) + " (" + images.size() + " shards)";
    return Dataset.wrapClassification(source, x, targets, featureNames(first.rows(), first.cols()), TARGET_NAME,
        classLabels(classes));
  }

  /** Reads every label of a label file, each checked to be in 0..9. */
  public static int[] readLabels(Path labels) {
    try (IdxInput lab = IdxInput.open(labels, LABELS_HEADER)) {
      magic(lab, LABELS_MAGIC, "IDX labels: unsigned bytes, 1 dimension", null);
      int n = labelCount(lab);
      int[] read = labels(lab, n, CLASSES);
      lab.finish();
      return read;
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

  /**
   * Reads {@code in}'s magic number and refuses any but {@code expected}. A file of the other kind is said to be one;
   * when the images file is a label file and {@code labels} (its pair, still unread, or null) an image file, the two
   * paths were given the other way round, the commonest slip with a pair of files, and that is asked.
   */
  private static void magic(IdxInput in, int expected, String what, IdxInput labels) {
    int found = in.readInt();
    if (found != expected) {
      String kind = "";
      if (expected == IMAGES_MAGIC && found == LABELS_MAGIC) {
        kind = swappedWith(labels) ? "; it is an IDX label file, and the labels path names an image file: are the two"
            + " paths swapped?" : "; it is an IDX label file, not an image file";
      } else if (expected == LABELS_MAGIC && found == IMAGES_MAGIC) {
        kind = "; it is an IDX image file, not a label file";
      }
      throw new DataException(in.file() + ": wrong magic number " + hex(found) + ", expected " + hex(expected) + " ("
          + what + ")" + kind);
    }
  }

  /** Whether {@code labels} (null for none) starts as an image file does; one that cannot be read does not. */
  private static boolean swappedWith(IdxInput labels) {
    try {
      return labels != null && labels.readInt() == IMAGES_MAGIC;
    } catch (RuntimeException unreadable) {
      return false; // its own fault is told once the images file is mended
    }
  }

  private static String hex(int v) {
    return String.format("0x%08X", v);
  }

  private static int[] labels(IdxInput lab, int m, int k) {
    byte[] raw = new byte[m];
    long start = lab.offset();
    lab.readFully(raw, 0, m);
    int[] classes = new int[m];
    for (int i = 0; i < m; i++) {
      int c = raw[i] & 0xff;
      if (c >= k) {
        throw new DataException(
            lab.file() + ": label " + c + " at index " + i + " (byte " + (start + i) + ") is out of range; allowed 0.."
                + (k - 1) + " (" + k + " classes); labels of more classes, as EMNIST's, are read with the idx source's"
                + " classes: K, here at least " + (c + 1));
      }
      classes[i] = c;
    }
    return classes;
  }

  /** Reads m images of p pixels into {@code x} from index {@code out} on, each byte divided by 255. */
  private static void pixels(IdxInput img, int m, int p, InputValues x, int out) {
    byte[] image = new byte[p];
    for (int i = 0; i < m; i++) {
      img.readFully(image, 0, p);
      for (int j = 0; j < p; j++) {
        x.set(out++, (image[j] & 0xff) / 255.0);
      }
    }
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

  private static List<String> classLabels(int k) {
    List<String> labels = new ArrayList<>(k);
    for (int c = 0; c < k; c++) {
      labels.add(Integer.toString(c));
    }
    return labels;
  }
}
