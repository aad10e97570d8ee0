package dev.nn.spark.ml;

import java.util.Arrays;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Schema checks with one clear message each, thrown as Spark ML does: {@link IllegalArgumentException}. */
final class Columns {
  private Columns() {}

  /** The field {@code name} of {@code schema}, or an exception that lists the columns there are. */
  static StructField field(StructType schema, String name, String role) {
    if (!Arrays.asList(schema.fieldNames()).contains(name)) {
      throw new IllegalArgumentException("the " + role + " column \"" + name + "\" does not exist; the columns are "
          + Arrays.toString(schema.fieldNames()));
    }
    return schema.apply(name);
  }

  /** Checks that {@code name} is a column of feature vectors. */
  static void requireVector(StructType schema, String name) {
    DataType type = field(schema, name, "features").dataType();
    if (!type.equals(SQLDataTypes.VectorType())) {
      throw new IllegalArgumentException("the features column \"" + name + "\" must hold vectors (for example from "
          + "VectorAssembler), but its type is " + type.simpleString());
    }
  }

  /** Checks that {@code name} is a numeric column. */
  static void requireNumber(StructType schema, String name) {
    DataType type = field(schema, name, "label").dataType();
    if (!(type instanceof NumericType)) {
      throw new IllegalArgumentException("the label column \"" + name + "\" must hold numbers, but its type is "
          + type.simpleString() + "; StringIndexer turns class names into numbers");
    }
  }

  /** {@code schema} with a new column, unless {@code name} is empty (the column is not wanted). */
  static StructType append(StructType schema, String name, DataType type) {
    if (name.isEmpty()) {
      return schema;
    }
    if (Arrays.asList(schema.fieldNames()).contains(name)) {
      throw new IllegalArgumentException("the output column \"" + name + "\" already exists");
    }
    return schema.add(new StructField(name, type, false, Metadata.empty()));
  }

  static StructType appendPrediction(StructType schema, String name) {
    return append(schema, name, DataTypes.DoubleType);
  }

  static StructType appendVector(StructType schema, String name) {
    return append(schema, name, SQLDataTypes.VectorType());
  }
}
