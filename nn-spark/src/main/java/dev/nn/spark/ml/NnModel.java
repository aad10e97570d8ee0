package dev.nn.spark.ml;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.function.BiFunction;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import scala.Option;

/**
 * What {@link NnClassificationModel} and {@link NnRegressionModel} share: an nn model (the bytes of its model
 * file), the features and prediction columns, the broadcast that takes the model to the executors, and
 * saving: a directory with Spark ML's params metadata and the nn model file {@code model.nnm}.
 *
 * @param <M> the model itself
 */
public abstract class NnModel<M extends NnModel<M>> extends Model<M> implements MLWritable {
  private static final long serialVersionUID = 1L;
  /** The nn model file inside a saved model's directory. */
  public static final String MODEL_FILE = "model.nnm";

  private final String uid;
  private final byte[] modelFile;
  private final Param<String> featuresCol;
  private final Param<String> predictionCol;
  private transient dev.nn.core.model.Model loaded;
  private transient Broadcast<byte[]> shared;
  private transient SparkContext sharedIn;

  NnModel(String uid, byte[] modelFile) {
    this.uid = uid;
    this.modelFile = modelFile.clone();
    featuresCol = new Param<>(this, "featuresCol", "features column name");
    predictionCol = new Param<>(this, "predictionCol", "prediction column name");
    setDefault(featuresCol, "features");
    setDefault(predictionCol, "prediction");
  }

  @Override
  public String uid() {
    return uid;
  }

  @SuppressWarnings("unchecked")
  final M self() {
    return (M) this;
  }

  public Param<String> featuresCol() {
    return featuresCol;
  }

  public String getFeaturesCol() {
    return getOrDefault(featuresCol);
  }

  public M setFeaturesCol(String value) {
    set(featuresCol, value);
    return self();
  }

  public Param<String> predictionCol() {
    return predictionCol;
  }

  public String getPredictionCol() {
    return getOrDefault(predictionCol);
  }

  public M setPredictionCol(String value) {
    set(predictionCol, value);
    return self();
  }

  /** The nn model, as {@code dev.nn.core.Nn#loadModel} would load its file. */
  public synchronized dev.nn.core.model.Model nnModel() {
    if (loaded == null) {
      loaded = ModelBytes.load(modelFile);
    }
    return loaded;
  }

  /** The nn model file's bytes. */
  public byte[] modelFile() {
    return modelFile.clone();
  }

  /** The number of features each row's vector must have. */
  public int numFeatures() {
    return nnModel().inputs();
  }

  byte[] modelFileShared() {
    return modelFile;
  }

  /** The model file as a broadcast of {@code session}'s context, made once per model and context. */
  synchronized Broadcast<byte[]> broadcast(SparkSession session) {
    SparkContext sc = session.sparkContext();
    if (shared == null || sharedIn != sc) {
      shared = JavaSparkContext.fromSparkContext(sc).broadcast(modelFile);
      sharedIn = sc;
    }
    return shared;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    Columns.requireVector(schema, getFeaturesCol());
    return Columns.appendPrediction(schema, getPredictionCol());
  }

  /** A copy with the same uid and model file, without params. */
  abstract M fresh();

  @Override
  public M copy(org.apache.spark.ml.param.ParamMap extra) {
    M copied = copyValues(fresh(), extra);
    return copied.setParent(parent());
  }

  @Override
  public MLWriter write() {
    return new Writer(this);
  }

  /** Saves Spark ML's params metadata and the nn model file in one directory. */
  static final class Writer extends MLWriter {
    private final NnModel<?> instance;

    Writer(NnModel<?> instance) {
      this.instance = instance;
    }

    @Override
    public void saveImpl(String path) {
      DefaultParamsWriter.saveMetadata(instance, path, sparkSession());
      org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(path, MODEL_FILE);
      try {
        FileSystem fs = file.getFileSystem(sparkSession().sparkContext().hadoopConfiguration());
        try (OutputStream out = fs.create(file, true)) {
          out.write(instance.modelFileShared());
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + file, e);
      }
    }
  }

  /** Loads what {@link Writer} saved. */
  static final class Reader<M extends NnModel<M>> extends MLReader<M> {
    private final Class<M> type;
    private final BiFunction<String, byte[], M> create;

    Reader(Class<M> type, BiFunction<String, byte[], M> create) {
      this.type = type;
      this.create = create;
    }

    @Override
    public M load(String path) {
      DefaultParamsReader.Metadata metadata = DefaultParamsReader.loadMetadata(path, sparkSession(), type.getName());
      org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(path, MODEL_FILE);
      byte[] bytes;
      try {
        FileSystem fs = file.getFileSystem(sparkSession().sparkContext().hadoopConfiguration());
        try (InputStream in = fs.open(file)) {
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          in.transferTo(out);
          bytes = out.toByteArray();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
      M model = create.apply(metadata.uid(), bytes);
      metadata.getAndSetParams(model, Option.empty());
      return model;
    }
  }
}
