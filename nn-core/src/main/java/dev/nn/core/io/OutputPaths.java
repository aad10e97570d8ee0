package dev.nn.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The checks on a file the Java API is asked to write, before anything is read or written: its folder exists
 * (a mistyped folder is not made with all its parents), it is not a folder, and it is none of the files the call
 * reads, however spelled ({@code ./rows.csv}, an absolute path, a symbolic link), since the write would replace
 * the very data it is computed from. The command line makes the same checks with its options' names.
 */
public final class OutputPaths {
  private OutputPaths() {}

  /**
   * What is wrong with writing {@code output}, for a message that begins with the path: that it is a folder, or
   * that its folder does not exist; empty when it may be written.
   */
  public static java.util.Optional<String> problem(Path output) {
    if (Files.isDirectory(output)) {
      return java.util.Optional.of("is a folder; expected the path of the file to write");
    }
    Path folder = output.toAbsolutePath().getParent();
    if (folder != null && !Files.isDirectory(folder)) {
      Path shown = output.getParent() == null ? folder : output.getParent();
      return java.util.Optional.of("the folder " + shown + (Files.exists(folder) ? " is a file, not a directory;"
          + " choose a path in an existing folder" : " does not exist; create it first"));
    }
    return java.util.Optional.empty();
  }

  /**
   * What is wrong with {@code dir} as a folder to receive what a command writes, for a message that begins with the
   * path: it may be made, but only in a folder that exists, so that a typo is not made with all its parents, and it
   * must not be a file; empty when it may be used. {@code --output DIR} and a {@code --set output.dir} are held to it.
   */
  public static java.util.Optional<String> directoryProblem(Path dir) {
    Path folder = dir.toAbsolutePath().getParent();
    if (folder != null && !Files.isDirectory(folder)) {
      // a file where the folder should be cannot be created as one: "create it first" sent the user to do so
      return java.util.Optional.of("the folder " + folder + (Files.exists(folder) ? " is a file, not a directory;"
          + " choose a path in an existing folder" : " does not exist; create it first, or choose an existing folder"));
    }
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      return java.util.Optional.of("is a file; expected a directory");
    }
    return java.util.Optional.empty();
  }

  /**
   * Refuses {@code output} when its folder does not exist or it is a folder ({@link #problem}).
   *
   * @param parameter the parameter that gave it, for the message
   * @throws IllegalArgumentException naming the parameter, the path and what is wrong
   */
  public static void requireWritable(String parameter, Path output) {
    java.util.Optional<String> problem = problem(output);
    if (problem.isPresent()) {
      throw new IllegalArgumentException(parameter + " " + output + ": " + problem.get());
    }
  }

  /**
   * Refuses {@code output} when it is the file {@code input} names.
   *
   * @param input a file the call reads, or {@code null} for none
   * @param what what {@code input} is, for the message: {@code "the input"}, {@code "the model's file"}
   * @throws IllegalArgumentException naming both
   */
  public static void requireNotSame(String parameter, Path output, Path input, String what) {
    if (input != null && sameFile(output, input)) {
      throw new IllegalArgumentException(parameter + " " + output + " is the same file as " + what + ", " + input
          + "; writing it would replace what is read from it. Choose another file.");
    }
  }

  private static boolean sameFile(Path a, Path b) {
    if (!Files.exists(a) || !Files.exists(b)) {
      return false;
    }
    try {
      return Files.isSameFile(a, b);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot compare " + a + " with " + b, e);
    }
  }
}
