package dev.nn.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a JVM with this JVM's class path, in the directory the tests run in, for what needs its own process. */
final class ChildJvm {
  private ChildJvm() {}

  /**
   * Starts {@code mainClass} with {@code args}.
   *
   * @param properties system properties, {@code -Dname=value} each
   */
  static Process start(List<String> properties, Class<?> mainClass, String... args) throws IOException {
    return command(properties, mainClass, args).redirectErrorStream(true).start();
  }

  /** The command that {@link #start} runs, for a caller that sends the child's output elsewhere. */
  static ProcessBuilder command(List<String> properties, Class<?> mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(properties);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command).directory(Path.of("").toAbsolutePath().toFile());
  }
}
