package dev.nn.spark;

import dev.nn.core.data.DataException;
import dev.nn.core.io.Sha256;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkEnv;

/**
 * The data files a run's driver read, each with its SHA-256 as the run's provenance records it. An executor in
 * a JVM of its own reads the experiment's csv or idx files again from its own disk; a stale or different copy
 * on one machine would otherwise train part of the model on other data while the run looks normal. So each
 * executor checks its copies against these hashes before it reads them, and a difference ends the run with a
 * {@link DataException} that names the file, the executor and both hashes.
 *
 * @param files the files in the order the driver read them
 */
record DriverFiles(List<DriverFiles.File> files) implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * One file the driver read.
   *
   * @param path the absolute path every machine reads it at
   * @param sha256 its SHA-256 on the driver, 64 lowercase hex digits
   */
  record File(String path, String sha256) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  DriverFiles {
    files = List.copyOf(files);
  }

  /** Hashes {@code read} now, on the driver, right after it read them. */
  static DriverFiles hash(List<Path> read) {
    List<File> hashed = new ArrayList<>();
    for (Path p : read) {
      hashed.add(new File(p.toString(), Sha256.of(p)));
    }
    return new DriverFiles(hashed);
  }

  /**
   * Checks that this machine's copy of every file is the driver's.
   *
   * @param executor names the executor in a message, as {@link #thisExecutor()} does
   * @throws DataException when a file is missing here, cannot be read, or differs from the driver's
   */
  void checkCopies(String executor) {
    for (File f : files) {
      Path here = Path.of(f.path());
      if (!Files.isRegularFile(here)) {
        throw new DataException(executor + " cannot find " + f.path() + ", which the driver read: copy the same"
            + " file to every machine, at the same path");
      }
      String sha256;
      try {
        sha256 = Sha256.of(here);
      } catch (UncheckedIOException e) {
        throw new DataException(executor + " cannot read " + f.path() + " (" + e.getCause().getMessage()
            + "), which the driver read: make the file readable on every machine", e);
      }
      if (!sha256.equals(f.sha256())) {
        throw new DataException(executor + " read " + f.path() + " with SHA-256 " + sha256 + ", but the driver read "
            + f.sha256() + ": the file differs between machines; copy the same file to every machine");
      }
    }
  }

  /** "executor ID on HOST" for the executor this code runs in; its host name as this machine knows itself. */
  static String thisExecutor() {
    SparkEnv env = SparkEnv.get();
    String id = env == null ? "" : " " + env.executorId();
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (Exception e) { // a machine without a resolvable name of its own
      host = "an unnamed host";
    }
    return "executor" + id + " on " + host;
  }
}
